/**
 * @mq/remoting — Apache RocketMQ native TCP protocol: RemotingCommand, both header serializations, frame codec, server and client.
 *
 * Not built yet: this package holds only its skeleton.
 *
 * @packageDocumentation
 */
export {};

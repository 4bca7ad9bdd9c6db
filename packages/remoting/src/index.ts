/**
 * @mq/remoting — Apache RocketMQ's native TCP protocol: RemotingCommand, both header
 * serializations, the frame codec, request/response codes, typed headers and bodies,
 * RemotingServer and RemotingClient.
 *
 * @packageDocumentation
 */
export * from './protocol';

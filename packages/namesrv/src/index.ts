/**
 * @mq/namesrv — RocketMQ NameServer: route table, broker registration and liveness, KV config.
 *
 * Not built yet: this package holds only its skeleton.
 *
 * @packageDocumentation
 */
export {};

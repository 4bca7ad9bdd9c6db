/**
 * @mq/broker — RocketMQ broker: send, pull with long polling, offsets, admin, delay/timer, transactions and the gRPC v2 API.
 *
 * Not built yet: this package holds only its skeleton.
 *
 * @packageDocumentation
 */
export {};

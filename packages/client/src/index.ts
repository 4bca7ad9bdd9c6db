/**
 * @mq/client — RocketMQ client SDK for Node.js: producers, push and lite pull consumers, transactions and admin.
 *
 * Not built yet: this package holds only its skeleton.
 *
 * @packageDocumentation
 */
export {};

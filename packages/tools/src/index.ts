/**
 * @mq/tools — mqadmin command line and the RocketMQ-style benchmark.
 *
 * Not built yet: this package holds only its skeleton.
 *
 * @packageDocumentation
 */
export {};

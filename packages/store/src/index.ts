/**
 * @mq/store — RocketMQ-compatible message store: CommitLog, ConsumeQueue, IndexFile, group commit, recovery and expiry.
 *
 * Not built yet: this package holds only its skeleton.
 *
 * @packageDocumentation
 */
export {};

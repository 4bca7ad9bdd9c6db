/**
 * @mq/common — the message model, codecs, ids, naming rules, config, logging and errors
 * shared by every @mq package.
 *
 * @packageDocumentation
 */
export * from './errors';
export * from './crc32';
export * from './int64';
export * from './logger';
export * from './util/java-string-hash';

export * from './message/message-const';
export * from './message/properties-codec';
export * from './message/host-address';
export * from './message/sys-flag';
export * from './message/message';
export * from './message/message-ext';
export * from './message/message-queue';
export * from './message/compression';

export * from './codec/record-layout';
export * from './codec/record-encoder';
export * from './codec/record-decoder';
export * from './codec/batch-codec';

export * from './id/offset-message-id';
export * from './id/unique-message-id';
export * from './message/delay-level';

export * from './topic/perm-name';
export * from './topic/topic-filter-type';
export * from './topic/topic-sys-flag';
export * from './topic/topic-config';

export * from './naming/name-validator';
export * from './naming/retry-dlq';
export * from './naming/system-topics';
export * from './naming/system-groups';

export * from './config/java-properties';
export * from './config/config-schema';
export * from './config/config-loader';
export * from './config/namesrv-config';

export * from './rebalance/average-allocation';

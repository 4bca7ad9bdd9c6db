/**
 * @mq/store — RocketMQ-compatible message store: CommitLog, ConsumeQueue, IndexFile, group
 * commit, recovery and expiry, in Apache RocketMQ's own on-disk formats.
 *
 * @packageDocumentation
 */
export { MessageStore, type MessageStoreOptions } from './message-store';
export {
  DEFAULT_MESSAGE_STORE_CONFIG,
  messageStoreConfigSchema,
  messageStoreConfig,
  commitLogDir,
  type MessageStoreConfig,
  type FlushDiskType,
} from './config/message-store-config';
export { PutMessageStatus, GetMessageStatus, isPutStored, type PutMessageResult, type AppendMessageResult } from './store-status';
export type { GetMessageResult, QueryMessageResult } from './read/get-message-result';
export { tagFilter, MATCH_ALL, type MessageFilter } from './read/message-filter';
export type { MessageArrivingListener } from './dispatch/dispatcher';
export type { DiskUsageProbe } from './cleanup/disk-usage';
export { statfsDiskUsage } from './cleanup/disk-usage';
export { CQ_STORE_UNIT_SIZE } from './consumequeue/consume-queue';
export { computeTagsCode } from './dispatch/tags-code';
export { segmentFileName } from './file/segment-name';
export { indexFileName } from './index/index-service';

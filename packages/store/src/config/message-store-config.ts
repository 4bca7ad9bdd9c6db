import * as os from 'node:os';
import * as path from 'node:path';
import { configField, defaultConfig, DEFAULT_MESSAGE_DELAY_LEVEL, type ConfigOf } from '@mq/common';

/**
 * The store's settings, named and defaulted exactly as RocketMQ's `MessageStoreConfig`
 * (5.3.x), so an existing `broker.conf` applies unchanged (load it with `loadConfig`). Sizes
 * are bytes, intervals milliseconds, `fileReservedTime` hours, disk ratios whole percents.
 */
export const messageStoreConfigSchema = {
  storePathRootDir: configField.string(path.join(os.homedir(), 'store'), 'Root of the store tree'),
  storePathCommitLog: configField.string('', 'Commit-log directory; empty means {storePathRootDir}/commitlog'),
  mappedFileSizeCommitLog: configField.int(1024 * 1024 * 1024, 'Bytes per commit-log file'),
  mappedFileSizeConsumeQueue: configField.int(300000 * 20, 'Bytes per consume-queue file (rounded up to 20)'),
  flushDiskType: configField.enum(['ASYNC_FLUSH', 'SYNC_FLUSH'] as const, 'ASYNC_FLUSH', 'When a put completes relative to the disk'),
  syncFlushTimeout: configField.int(5000, 'SYNC_FLUSH: ms a put waits for its sync before FLUSH_DISK_TIMEOUT'),
  flushIntervalCommitLog: configField.int(500, 'ASYNC_FLUSH: ms between background commit-log syncs'),
  flushCommitLogLeastPages: configField.int(4, 'ASYNC_FLUSH: dirty 4 KiB pages before a periodic sync forces'),
  flushCommitLogThoroughInterval: configField.int(10000, 'ASYNC_FLUSH: everything is synced at least this often (ms)'),
  flushIntervalConsumeQueue: configField.int(1000, 'ms between consume-queue writes/syncs and checkpoint updates'),
  flushConsumeQueueLeastPages: configField.int(2, 'Dirty pages before a periodic consume-queue sync forces'),
  flushConsumeQueueThoroughInterval: configField.int(60000, 'Consume queues are fully synced at least this often (ms)'),
  fileReservedTime: configField.int(72, 'Hours a commit-log file is kept after its last modification'),
  deleteWhen: configField.string('04', 'Local hours (;-separated) at which expired files are deleted'),
  diskMaxUsedSpaceRatio: configField.int(75, 'Used-disk percent above which expired files are deleted at once (10-95)'),
  diskSpaceWarningLevelRatio: configField.int(90, 'Used-disk percent above which writes are refused (35-90)'),
  diskSpaceCleanForciblyRatio: configField.int(85, 'Used-disk percent above which files are deleted whatever their age (30-85)'),
  cleanFileForciblyEnable: configField.boolean(true, 'Allow deleting unexpired files when the disk is nearly full'),
  cleanResourceInterval: configField.int(10000, 'ms between expiry/disk checks'),
  deleteCommitLogFilesInterval: configField.int(100, 'ms between two commit-log file deletions'),
  deleteConsumeQueueFilesInterval: configField.int(100, 'ms between two consume-queue file deletions'),
  deleteFileBatchMax: configField.int(10, 'Commit-log files deleted per clean pass at most'),
  maxMessageSize: configField.int(4 * 1024 * 1024, 'Largest body accepted; records may be up to this plus 64 KiB'),
  checkCRCOnRecover: configField.boolean(true, 'Check body CRCs when recovering the commit log'),
  messageIndexEnable: configField.boolean(true, 'Build the key index'),
  messageIndexSafe: configField.boolean(false, 'After a crash, start recovery early enough to rebuild the whole index'),
  maxHashSlotNum: configField.int(5000000, 'Hash slots per index file'),
  maxIndexNum: configField.int(5000000 * 4, 'Entries per index file'),
  maxMsgsNumBatch: configField.int(64, 'Most messages one key query returns'),
  defaultQueryMaxNum: configField.int(32, 'Key query cap for unique-key queries'),
  maxFilterMessageSize: configField.int(16000, 'Consume-queue bytes one getMessage scans at least'),
  travelCqFileNumWhenGetMessage: configField.int(1, 'Consume-queue files one getMessage scans while nothing matches'),
  maxTransferBytesOnMessageInMemory: configField.int(256 * 1024, 'Pull byte cap when the data is in memory'),
  maxTransferCountOnMessageInMemory: configField.int(32, 'Pull message cap when the data is in memory'),
  maxTransferBytesOnMessageInDisk: configField.int(64 * 1024, 'Pull byte cap when the data is on disk'),
  maxTransferCountOnMessageInDisk: configField.int(8, 'Pull message cap when the data is on disk'),
  accessMessageInMemoryMaxRatio: configField.int(40, 'Percent of RAM of recent commit log that counts as in memory'),
  messageDelayLevel: configField.string(DEFAULT_MESSAGE_DELAY_LEVEL, 'Delay levels; the delivery time is the tags code of SCHEDULE_TOPIC_XXXX'),
  /** Not a RocketMQ key (RocketMQ reads recent data through mmap and the page cache). */
  tailCacheBytes: configField.long(256 * 1024 * 1024, 'Bytes of recently written commit log kept in memory for readers'),
};

/** The store's typed config. */
export type MessageStoreConfig = ConfigOf<typeof messageStoreConfigSchema>;

/** `flushDiskType`: when a put completes relative to the disk (spec §2.5). */
export type FlushDiskType = MessageStoreConfig['flushDiskType'];

/** RocketMQ's defaults. */
export const DEFAULT_MESSAGE_STORE_CONFIG: Readonly<MessageStoreConfig> = Object.freeze(defaultConfig(messageStoreConfigSchema));

/** Defaults overlaid with `overrides`. */
export function messageStoreConfig(overrides: Partial<MessageStoreConfig> = {}): MessageStoreConfig {
  return { ...DEFAULT_MESSAGE_STORE_CONFIG, ...overrides };
}

/** The commit-log directory a config resolves to. */
export function commitLogDir(config: MessageStoreConfig): string {
  return config.storePathCommitLog || path.join(config.storePathRootDir, 'commitlog');
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLogger, parseDelayLevels, type MessageExt } from '@mq/common';
import { RunFiles } from './checkpoint/run-files';
import { StoreCheckpoint } from './checkpoint/store-checkpoint';
import { CleanService } from './cleanup/clean-service';
import { statfsDiskUsage, type DiskUsageProbe } from './cleanup/disk-usage';
import { CommitLog } from './commitlog/commit-log';
import { commitLogDir, messageStoreConfig, type MessageStoreConfig } from './config/message-store-config';
import { ConsumeQueueTable } from './consumequeue/consume-queue-table';
import { Dispatcher, type MessageArrivingListener } from './dispatch/dispatcher';

import { IndexService } from './index/index-service';
import type { GetMessageResult, QueryMessageResult } from './read/get-message-result';
import { MessageReader } from './read/message-reader';
import type { MessageFilter } from './read/message-filter';
import { recoverCommitLog } from './recovery/commit-log-recovery';
import { validatePut } from './put-validation';
import { PutMessageStatus, type PutMessageResult } from './store-status';

const log = getLogger('MessageStore');
/** RocketMQ runs the first cleaning 60 s after start. */
const FIRST_CLEAN_DELAY = 60_000;
const DEFAULT_MAX_TOTAL_MSG_SIZE = 128 * 1024 * 1024;

/** Things a host can plug into the store. */
export interface MessageStoreOptions {
  /** Source of used-disk ratios (default: `statfs`). */
  diskUsage?: DiskUsageProbe;
}

/**
 * The broker's only door to storage (RocketMQ's `DefaultMessageStore`): appends to the
 * commit log with group commit, builds consume queues and the index by dispatch, reads by
 * queue offset, commit-log offset, key and time, recovers after a crash and guards the disk.
 */
export class MessageStore {
  readonly config: MessageStoreConfig;
  private readonly runFiles: RunFiles;
  private readonly consumeQueues: ConsumeQueueTable;
  private readonly commitLog: CommitLog;
  private readonly dispatcher: Dispatcher;
  private readonly reader: MessageReader;
  private readonly cleaner: CleanService;
  private readonly index: IndexService | undefined;
  private checkpoint: StoreCheckpoint | undefined;
  private state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';
  private ioError = false;
  private timers: NodeJS.Timeout[] = [];
  private logicsFlushing: Promise<void> = Promise.resolve();
  private lastThoroughLogicsFlush = Date.now();

  constructor(config: Partial<MessageStoreConfig> = {}, options: MessageStoreOptions = {}) {
    this.config = messageStoreConfig(config);
    const root = this.config.storePathRootDir;
    this.runFiles = new RunFiles(root);
    this.consumeQueues = new ConsumeQueueTable(root, this.config.mappedFileSizeConsumeQueue);
    this.index = this.config.messageIndexEnable ? new IndexService(root, this.config) : undefined;
    this.dispatcher = new Dispatcher(this.consumeQueues, this.index);
    this.commitLog = new CommitLog(
      this.config,
      {
        onConfirmed: (offset) => this.dispatcher.dispatchUpTo(offset),
        onFlushed: (offset) => this.recordFlushed(offset),
        onIoError: () => (this.ioError = true),
      },
      (req) => this.dispatcher.enqueue(req),
    );
    this.reader = new MessageReader(this.config, this.commitLog, this.consumeQueues, this.index);
    this.cleaner = new CleanService(this.config, this.commitLog, this.consumeQueues, this.index, options.diskUsage ?? statfsDiskUsage);
  }

  /** Loads and recovers the store (spec §5.1), then starts the flush and clean services. */
  async start(): Promise<void> {
    if (this.state !== 'new') return;
    const c = this.config;
    fs.mkdirSync(c.storePathRootDir, { recursive: true });
    fs.mkdirSync(commitLogDir(c), { recursive: true });
    this.runFiles.lock();
    try {
      await this.loadAndRecover();
    } catch (err) {
      this.runFiles.unlock();
      throw err;
    }
    this.commitLog.groupCommit.start();
    this.schedule(() => this.flushLogics(), c.flushIntervalConsumeQueue);
    const firstClean = setTimeout(() => this.schedule(() => this.cleaner.runOnce(), c.cleanResourceInterval), FIRST_CLEAN_DELAY);
    this.timers.push(firstClean);
    firstClean.unref();
    this.runFiles.createAbort();
    this.state = 'running';
    log.info({ root: c.storePathRootDir, maxOffset: this.commitLog.maxOffset() }, 'message store started');
  }

  /** Spec §5.1 steps 1-7: load files, recover consume queues and the commit log, rebuild offsets. */
  private async loadAndRecover(): Promise<void> {
    const c = this.config;
    const abnormal = this.runFiles.lastExitAbnormal();
    this.commitLog.queue.loadSync();
    this.consumeQueues.recoverSync();
    const checkpoint = (this.checkpoint = StoreCheckpoint.openSync(path.join(c.storePathRootDir, 'checkpoint')));
    this.index?.loadSync(abnormal, checkpoint);
    recoverCommitLog({
      queue: this.commitLog.queue,
      consumeQueues: this.consumeQueues,
      checkpoint,
      checkCRC: c.checkCRCOnRecover,
      lastExitAbnormal: abnormal,
      indexSafe: c.messageIndexEnable && c.messageIndexSafe,
      delayLevels: parseDelayLevels(c.messageDelayLevel),
      dispatch: (req) => this.dispatcher.dispatch(req),
    });
    log.info({ abnormal, maxOffset: this.commitLog.maxOffset() }, 'recovery done');
    await this.consumeQueues.flush(0);
    for (const cq of this.consumeQueues.all()) {
      this.commitLog.setQueueOffset(cq.topic, cq.queueId, cq.maxOffsetInQueue());
      await cq.correctMinOffset(this.commitLog.minOffset());
    }
  }

  /** Refuses new puts, writes and syncs everything, and removes `abort` (spec §1.6). Idempotent. */
  async shutdown(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    await this.commitLog.groupCommit.drain();
    await this.logicsFlushing;
    await this.flushLogics(true);
    await this.index?.close();
    await this.consumeQueues.close();
    await this.commitLog.queue.close();
    await this.checkpoint?.close();
    if (!this.ioError && !this.cleaner.diskFull && this.dispatcher.behindBytes() === 0) this.runFiles.deleteAbort();
    this.runFiles.unlock();
    this.state = 'stopped';
    log.info({ root: this.config.storePathRootDir }, 'message store shut down');
  }

  /** Appends one message (spec §2). Resolves when it is as durable as `flushDiskType` promises. */
  putMessage(message: MessageExt): Promise<PutMessageResult> {
    return this.put([message]);
  }

  /** Appends a batch to one queue: consecutive offsets, all in one file (spec §2.4). */
  putMessages(messages: MessageExt[]): Promise<PutMessageResult> {
    return this.put(messages);
  }

  /**
   * Up to `maxMsgNums` records of a queue starting at `offset` (spec §3.5); `maxTotalMsgSize`
   * defaults to RocketMQ's internal 128 MiB. `_group` keeps RocketMQ's signature (it only
   * feeds statistics there).
   */
  getMessage(_group: string, topic: string, queueId: number, offset: number, maxMsgNums: number, maxTotalMsgSize = DEFAULT_MAX_TOTAL_MSG_SIZE, filter?: MessageFilter): Promise<GetMessageResult> {
    return this.reader.getMessage(topic, queueId, offset, maxMsgNums, maxTotalMsgSize, filter);
  }

  /** The decoded message at a commit-log offset (body as stored), or `undefined`. */
  lookMessageByOffset(commitLogOffset: number): Promise<MessageExt | undefined> {
    return this.reader.lookMessageByOffset(commitLogOffset);
  }

  /** The raw record at a commit-log offset (VIEW_MESSAGE_BY_ID body), or `undefined`. */
  selectOneMessageByOffset(commitLogOffset: number): Promise<Buffer | undefined> {
    return this.reader.selectOneMessageByOffset(commitLogOffset);
  }

  /** Next queue offset to be written; 0 for an unknown queue. */
  getMaxOffsetInQueue(topic: string, queueId: number): number {
    return this.consumeQueues.find(topic, queueId)?.maxOffsetInQueue() ?? 0;
  }

  getMinOffsetInQueue(topic: string, queueId: number): number {
    return this.consumeQueues.find(topic, queueId)?.minOffsetInQueue() ?? 0;
  }

  /** First queue offset whose message was stored at or after `timestamp`. */
  getOffsetInQueueByTime(topic: string, queueId: number, timestamp: number): Promise<number> {
    return this.reader.getOffsetInQueueByTime(topic, queueId, timestamp);
  }

  /** Store time of the oldest message of a queue, or of the whole store; -1 when there is none. */
  async getEarliestMessageTime(topic?: string, queueId?: number): Promise<number> {
    if (topic === undefined) return this.commitLog.maxOffset() > 0 ? this.reader.storeTimeOfRecord(this.commitLog.minOffset()) : -1;
    const cq = this.consumeQueues.find(topic, queueId ?? 0);
    return cq ? this.reader.storeTimeAt(cq, cq.minOffsetInQueue()) : -1;
  }

  /** Commit-log offset of the message at a queue offset; 0 when absent. */
  async getCommitLogOffsetInQueue(topic: string, queueId: number, consumeQueueOffset: number): Promise<number> {
    const unit = await this.consumeQueues.find(topic, queueId)?.readUnit(consumeQueueOffset);
    return unit ? unit.phyOffset : 0;
  }

  /** Messages by key within `[begin, end]` (spec §4.2). */
  queryMessage(topic: string, key: string, maxNum: number, begin: number, end: number): Promise<QueryMessageResult> {
    return this.reader.queryMessage(topic, key, maxNum, begin, end);
  }

  /** Called for every dispatched message, to wake long-polling pulls. */
  setMessageArrivingListener(listener: MessageArrivingListener | undefined): void {
    this.dispatcher.listener = listener;
  }

  getMinPhyOffset(): number {
    return this.commitLog.minOffset();
  }

  getMaxPhyOffset(): number {
    return this.commitLog.maxOffset();
  }

  /** Bytes appended but not yet in the consume queues. */
  dispatchBehindBytes(): number {
    return this.dispatcher.behindBytes();
  }

  /** Store facts for `GET_BROKER_RUNTIME_INFO`, named as RocketMQ names them. */
  getRuntimeInfo(): Record<string, string> {
    const ratios = this.cleaner.ratios;
    return {
      commitLogMinOffset: String(this.commitLog.minOffset()),
      commitLogMaxOffset: String(this.commitLog.maxOffset()),
      commitLogDiskRatio: String(ratios.commitLog),
      consumeQueueDiskRatio: String(ratios.consumeQueue),
      dispatchBehindBytes: String(this.dispatcher.behindBytes()),
      runningFlags: String(this.runningFlags()),
      pageCacheLockTimeMills: '0',
    };
  }

  /** One pass of the expiry and disk-guard service (it also runs every `cleanResourceInterval`). */
  cleanOnce(now?: number): Promise<void> {
    return this.cleaner.runOnce(now);
  }

  /**
   * Destroys the consume queues of `topics` (files and directories) and forgets their queue
   * offsets, so a topic created again under the same name starts at offset 0. Commit-log records
   * stay until they expire. Runs after any consume-queue flush in progress; answers how many of
   * the topics had queues.
   */
  deleteTopics(topics: readonly string[]): Promise<number> {
    const run = this.logicsFlushing.then(async () => {
      let deleted = 0;
      for (const topic of topics) {
        const queues = this.consumeQueues.removeTopic(topic);
        this.commitLog.removeQueueOffsets(topic);
        if (queues.length === 0) continue;
        for (const cq of queues) {
          await cq.queue.close();
          await cq.queue.destroy();
        }
        await fs.promises.rm(this.consumeQueues.topicDir(topic), { recursive: true, force: true });
        log.info({ topic }, 'topic deleted: consume queues destroyed');
        deleted++;
      }
      return deleted;
    });
    this.logicsFlushing = run.then(
      () => undefined,
      (err: unknown) => log.error({ err }, 'deleting consume queues failed'),
    );
    return run;
  }

  /** Deletes expired files during the next 20 clean passes, whatever `deleteWhen` says. */
  executeDeleteFilesManually(): void {
    this.cleaner.deleteFilesManually();
  }

  private put(messages: MessageExt[]): Promise<PutMessageResult> {
    const refused = this.checkWritable() ?? validatePut(messages);
    if (refused) return Promise.resolve(refused);
    return Promise.resolve(this.commitLog.putMessages(messages));
  }

  private checkWritable(): PutMessageResult | undefined {
    if (this.state !== 'running') return { putMessageStatus: PutMessageStatus.SERVICE_NOT_AVAILABLE, remark: 'message store is not running' };
    if (this.ioError || this.cleaner.diskFull) {
      const r = this.cleaner.ratios;
      return {
        putMessageStatus: PutMessageStatus.SERVICE_NOT_AVAILABLE,
        remark: `service not available now. It may be caused by one of the following reasons: the broker's disk is full [CL: ${(r.commitLog * 100).toFixed(2)} CQ: ${(r.consumeQueue * 100).toFixed(2)} INDEX: ${(r.consumeQueue * 100).toFixed(2)}], messages are put to the slave, message store has been shut down, etc.`,
      };
    }
    return undefined;
  }

  /** RocketMQ's running-flag bits: NOT_WRITEABLE 0x4 (I/O failure), DISK_FULL 0x10. */
  private runningFlags(): number {
    return (this.ioError ? 0x4 : 0) | (this.cleaner.diskFull ? 0x10 : 0);
  }

  private recordFlushed(offset: number): void {
    const ts = this.commitLog.storeTimestampAt(offset);
    if (this.checkpoint && ts > 0) this.checkpoint.physicMsgTimestamp = ts;
  }

  /** Writes and syncs consume queues, then records how far they go in the checkpoint. */
  private flushLogics(thorough = false): Promise<void> {
    const run = this.logicsFlushing.then(async () => {
      const c = this.config;
      if (Date.now() - this.lastThoroughLogicsFlush >= c.flushConsumeQueueThoroughInterval) thorough = true;
      if (thorough) this.lastThoroughLogicsFlush = Date.now();
      const dispatchedUntil = this.dispatcher.lastDispatchedTimestamp;
      await this.consumeQueues.flush(thorough ? 0 : c.flushConsumeQueueLeastPages);
      const checkpoint = this.checkpoint as StoreCheckpoint;
      if (dispatchedUntil > 0) checkpoint.logicsMsgTimestamp = dispatchedUntil;
      await checkpoint.flush();
    });
    this.logicsFlushing = run.catch((err: unknown) => log.error({ err }, 'flushing consume queues or checkpoint failed'));
    return run;
  }

  private schedule(task: () => Promise<void>, interval: number): void {
    const timer = setInterval(() => {
      task().catch((err: unknown) => log.error({ err }, 'periodic store task failed'));
    }, interval);
    timer.unref();
    this.timers.push(timer);
  }
}

import { getLogger } from '@mq/common';
import type { FlushDiskType } from '../config/message-store-config';
import type { SegmentQueue } from '../file/segment-queue';
import { PutMessageStatus, type AppendMessageResult, type PutMessageResult } from '../store-status';
import { WaiterQueue } from './waiter-queue';

const log = getLogger('GroupCommit');

/** Settings of the write/flush pipeline (RocketMQ's names). */
export interface GroupCommitConfig {
  flushDiskType: FlushDiskType;
  syncFlushTimeout: number;
  flushIntervalCommitLog: number;
  flushCommitLogLeastPages: number;
  flushCommitLogThoroughInterval: number;
}

/** Hooks the pipeline calls as data becomes durable. */
export interface GroupCommitListener {
  /** Everything below `offset` may now be dispatched (confirm offset, spec §2.5). Called before acks. */
  onConfirmed(offset: number): void;
  /** Everything below `offset` is on disk. */
  onFlushed(offset: number): void;
  /** A write or sync failed; the store should stop accepting writes. */
  onIoError(err: unknown): void;
}

/**
 * Group commit of the commit log. Everything appended in one turn of the event loop is
 * written with one positional write per file (the writes are serialised, so they never
 * reorder). SYNC_FLUSH: one `fdatasync` covers every write finished before it started, and
 * callers are answered only once their bytes are synced; the next batch is written while
 * the sync runs. ASYNC_FLUSH: callers are answered after the write; a timer syncs.
 */
export class GroupCommit {
  /** Callers answered once their bytes are synced (SYNC_FLUSH). */
  private readonly flushWaiters = new WaiterQueue();
  /** Callers answered once their bytes are written (ASYNC_FLUSH, or `WAIT=false`). */
  private readonly writeWaiters = new WaiterQueue();
  private commitScheduled = false;
  private committing = false;
  private flushing = false;
  private lastThoroughFlush = Date.now();
  private timers: NodeJS.Timeout[] = [];
  private failed = false;

  constructor(
    private readonly queue: SegmentQueue,
    private readonly config: GroupCommitConfig,
    private readonly listener: GroupCommitListener,
  ) {}

  start(): void {
    if (this.config.flushDiskType === 'SYNC_FLUSH') {
      this.timers.push(setInterval(() => this.flushWaiters.expire(Date.now()), Math.max(10, Math.min(100, this.config.syncFlushTimeout / 10))));
    } else {
      this.timers.push(setInterval(() => void this.periodicFlush(), this.config.flushIntervalCommitLog));
    }
    for (const timer of this.timers) timer.unref();
  }

  /**
   * Answers the put of `appended` once its bytes are as durable as the flush mode promises;
   * with `waitStoreMsgOK=false` (property `WAIT=false`) a SYNC_FLUSH caller is answered after
   * the write, without waiting for the sync (spec §2.5).
   */
  waitFor(appended: AppendMessageResult, waitStoreMsgOK = true): Promise<PutMessageResult> {
    if (this.failed) return Promise.resolve({ putMessageStatus: PutMessageStatus.UNKNOWN_ERROR, appendMessageResult: appended });
    const promise =
      this.config.flushDiskType === 'SYNC_FLUSH' && waitStoreMsgOK
        ? this.flushWaiters.add(appended, Date.now() + this.config.syncFlushTimeout)
        : this.writeWaiters.add(appended, Infinity);
    this.scheduleCommit();
    return promise;
  }

  /** Writes (and syncs) everything appended so far; used at shutdown. */
  async drain(): Promise<void> {
    await this.queue.commit();
    const flushed = await this.queue.flush(0);
    this.confirm(flushed);
    this.listener.onFlushed(flushed);
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  private scheduleCommit(): void {
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      void this.commitLoop();
    });
  }

  private async commitLoop(): Promise<void> {
    if (this.committing) return;
    this.committing = true;
    try {
      while (this.queue.committedOffset() < this.queue.maxOffset()) {
        const committed = await this.queue.commit();
        if (this.config.flushDiskType === 'SYNC_FLUSH') {
          this.writeWaiters.resolveUpTo(committed);
          void this.flushLoop();
        } else {
          this.confirm(committed);
        }
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.committing = false;
    }
  }

  private async flushLoop(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.flushedOffset() < this.queue.committedOffset()) {
        const flushed = await this.queue.flush(0);
        this.listener.onFlushed(flushed);
        this.confirm(flushed);
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.flushing = false;
    }
  }

  private async periodicFlush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      const thorough = Date.now() - this.lastThoroughFlush >= this.config.flushCommitLogThoroughInterval;
      if (thorough) this.lastThoroughFlush = Date.now();
      const flushed = await this.queue.flush(thorough ? 0 : this.config.flushCommitLogLeastPages);
      this.listener.onFlushed(flushed);
    } catch (err) {
      this.fail(err);
    } finally {
      this.flushing = false;
    }
  }

  /** Dispatch first, then answer: an acknowledged message is already readable. */
  private confirm(offset: number): void {
    this.listener.onConfirmed(offset);
    this.writeWaiters.resolveUpTo(offset);
    this.flushWaiters.resolveUpTo(offset);
  }

  private fail(err: unknown): void {
    log.error({ err }, 'commit-log write or sync failed; refusing further writes');
    this.failed = true;
    this.listener.onIoError(err);
    this.writeWaiters.failAll(PutMessageStatus.UNKNOWN_ERROR);
    this.flushWaiters.failAll(PutMessageStatus.UNKNOWN_ERROR);
  }
}

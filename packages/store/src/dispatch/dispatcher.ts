import { getTransactionType, MessageSysFlag } from '@mq/common';
import type { ConsumeQueueTable } from '../consumequeue/consume-queue-table';
import type { IndexService } from '../index/index-service';
import type { DispatchRequest } from './dispatch-request';

/** Told when a message has been dispatched, to wake long-polling pulls (spec §3.2, §12). */
export type MessageArrivingListener = (
  topic: string,
  queueId: number,
  logicOffset: number,
  tagsCode: number,
  storeTimestamp: number,
  properties: ReadonlyMap<string, string>,
) => void;

/**
 * Builds consume queues and the index from commit-log records, strictly in commit-log
 * order (RocketMQ's `ReputMessageService`). Appends queue their requests here; they are
 * dispatched once the confirm offset passes them. Consume-queue units are readable from
 * memory at once; the periodic consume-queue flush writes them out (recovery rebuilds any
 * lost after a crash from the commit log).
 */
export class Dispatcher {
  private pending: DispatchRequest[] = [];
  private head = 0;
  /** Store time of the last dispatched record. */
  lastDispatchedTimestamp = 0;
  listener: MessageArrivingListener | undefined;

  constructor(
    private readonly consumeQueues: ConsumeQueueTable,
    private readonly index: IndexService | undefined,
  ) {}

  /** Queues a freshly appended record. */
  enqueue(req: DispatchRequest): void {
    this.pending.push(req);
  }

  /** Dispatches every queued record that ends at or below `confirmOffset`. */
  dispatchUpTo(confirmOffset: number): void {
    const pending = this.pending;
    let i = this.head;
    for (; i < pending.length && pending[i].commitLogOffset + pending[i].msgSize <= confirmOffset; i++) {
      this.dispatch(pending[i], true);
    }
    this.head = i;
    if (this.head === pending.length) {
      this.pending = [];
      this.head = 0;
    } else if (this.head > 4096) {
      this.pending = pending.slice(this.head);
      this.head = 0;
    }
  }

  /** Dispatches one record now (recovery re-dispatch, and the runtime path). */
  dispatch(req: DispatchRequest, notify = false): void {
    const type = getTransactionType(req.sysFlag);
    if (type === MessageSysFlag.TRANSACTION_NOT_TYPE || type === MessageSysFlag.TRANSACTION_COMMIT_TYPE) {
      this.consumeQueues.findOrCreate(req.topic, req.queueId).putUnit(req.commitLogOffset, req.msgSize, req.tagsCode, req.consumeQueueOffset);
    }
    this.index?.buildIndex(req);
    this.lastDispatchedTimestamp = req.storeTimestamp;
    if (notify && this.listener) {
      this.listener(req.topic, req.queueId, req.consumeQueueOffset + 1, req.tagsCode, req.storeTimestamp, req.properties);
    }
  }

  /** Bytes appended but not yet dispatched. */
  behindBytes(): number {
    let bytes = 0;
    for (let i = this.head; i < this.pending.length; i++) bytes += this.pending[i].msgSize;
    return bytes;
  }
}

import {
  CommonErrorCode,
  END_FILE_MIN_BLANK_LENGTH,
  getTransactionType,
  MessageSysFlag,
  MQError,
  parseDelayLevels,
  planStoredRecord,
  writeBlankMarker,
  writeStoredRecord,
  type MessageExt,
  type RecordPlan,
} from '@mq/common';
import { commitLogDir, type MessageStoreConfig } from '../config/message-store-config';
import { SegmentQueue } from '../file/segment-queue';
import { toDispatchRequest, type DispatchRequest } from '../dispatch/dispatch-request';
import { PutMessageStatus, type AppendMessageResult, type PutMessageResult } from '../store-status';
import { AppendResult } from './append-result';
import { GroupCommit, type GroupCommitListener } from './group-commit';

const APPEND_CHUNK_SIZE = 4 * 1024 * 1024;
/** Records may exceed `maxMessageSize` by this much (headers and properties), spec §2.2. */
const RECORD_SIZE_SLACK = 64 * 1024;

/**
 * The commit log (spec §1.3, §2): one append-only sequence of records in fixed-size segment
 * files. Appends are synchronous and single-threaded by construction (the event loop is the
 * append lock): each record is encoded straight into the tail buffer with its physical
 * offset, queue offset and store time already known; the group commit writes it out.
 */
export class CommitLog {
  readonly queue: SegmentQueue;
  readonly groupCommit: GroupCommit;
  /** Next queue offset per topic and queue id (RocketMQ's topic-queue table). */
  private readonly topicQueueTable = new Map<string, Map<number, number>>();
  private readonly delayLevels: number[];
  private lastStoreTimestamp = 0;
  /**
   * For the checkpoint: `markEnds[i]` is the end offset of the last record stored in
   * millisecond `markTimes[i]`, oldest first (one mark per millisecond, not per put).
   */
  private markEnds: number[] = [];
  private markTimes: number[] = [];

  constructor(
    private readonly config: MessageStoreConfig,
    listener: GroupCommitListener,
    private readonly onAppended: (req: DispatchRequest) => void,
  ) {
    this.queue = new SegmentQueue(commitLogDir(config), config.mappedFileSizeCommitLog, {
      chunkSize: APPEND_CHUNK_SIZE,
      retainBytes: config.tailCacheBytes,
    });
    this.groupCommit = new GroupCommit(this.queue, config, listener);
    this.delayLevels = parseDelayLevels(config.messageDelayLevel);
  }

  /**
   * Appends `messages` as consecutive records in one file (a batch when more than one) and
   * resolves when they are as durable as the flush mode promises. The messages get their
   * store time, queue offset and commit-log offset set.
   */
  putMessages(messages: MessageExt[]): Promise<PutMessageResult> | PutMessageResult {
    const plans = new Array<RecordPlan>(messages.length);
    let total = 0;
    try {
      for (let i = 0; i < messages.length; i++) total += (plans[i] = this.plan(messages[i])).totalSize;
    } catch (err) {
      return refusal(err);
    }
    if (total + END_FILE_MIN_BLANK_LENGTH > this.config.mappedFileSizeCommitLog) {
      return { putMessageStatus: PutMessageStatus.MESSAGE_ILLEGAL, remark: `${total} bytes do not fit one commit-log file` };
    }
    const result = this.append(messages, plans, total);
    return this.groupCommit.waitFor(result, messages[0].waitStoreMsgOK);
  }

  /** Reads `size` bytes at `offset` from one file (memory or disk); `undefined` when gone. */
  async read(offset: number, size: number): Promise<Buffer | undefined> {
    try {
      const buf = await this.queue.read(offset, size);
      return buf && buf.length === size ? buf : undefined;
    } catch {
      return undefined;
    }
  }

  /** A zero-copy view of a record still held in the in-memory tail, if it is. */
  viewInMemory(offset: number, size: number): Buffer | undefined {
    const file = this.queue.findFile(offset);
    return file?.viewInMemory(offset - file.fileFromOffset, size);
  }

  minOffset(): number {
    return this.queue.minOffset();
  }

  maxOffset(): number {
    return this.queue.maxOffset();
  }

  /** Store time of the newest record that ends at or below `flushedOffset`. */
  storeTimestampAt(flushedOffset: number): number {
    const ends = this.markEnds;
    let covered = 0;
    while (covered < ends.length && ends[covered] <= flushedOffset) covered++;
    if (covered === 0) return 0;
    const ts = this.markTimes[covered - 1];
    ends.splice(0, covered - 1);
    this.markTimes.splice(0, covered - 1);
    return ts;
  }

  /** Start-up: the next queue offset of every queue, from the consume queues. */
  setQueueOffset(topic: string, queueId: number, next: number): void {
    let queues = this.topicQueueTable.get(topic);
    if (!queues) this.topicQueueTable.set(topic, (queues = new Map()));
    queues.set(queueId, next);
  }

  /** Forgets the next queue offsets of `topic`: a topic created again under that name starts at 0. */
  removeQueueOffsets(topic: string): void {
    this.topicQueueTable.delete(topic);
  }

  private plan(message: MessageExt): RecordPlan {
    if (message.body.length > this.config.maxMessageSize) {
      throw new MQError(CommonErrorCode.MESSAGE_ILLEGAL, `message body is ${message.body.length} bytes, more than maxMessageSize ${this.config.maxMessageSize}`);
    }
    const plan = planStoredRecord(message);
    if (plan.totalSize > this.config.maxMessageSize + RECORD_SIZE_SLACK) {
      throw new MQError(CommonErrorCode.MESSAGE_ILLEGAL, `message record is ${plan.totalSize} bytes, more than maxMessageSize + 64 KiB`);
    }
    return plan;
  }

  private append(messages: MessageExt[], plans: RecordPlan[], total: number): AppendMessageResult {
    const storeTimestamp = (this.lastStoreTimestamp = Math.max(this.lastStoreTimestamp, Date.now()));
    let file = this.queue.fileForAppend(0);
    if (total + END_FILE_MIN_BLANK_LENGTH > file.remaining()) {
      const remaining = file.remaining();
      const { buf, offset } = file.reserve(END_FILE_MIN_BLANK_LENGTH);
      writeBlankMarker(buf, offset, remaining);
      file.skipToEnd();
      file = this.queue.fileForAppend(0);
    }
    const wroteOffset = file.fileFromOffset + file.wrotePosition;
    const { buf, offset } = file.reserve(total);
    const { topic, queueId } = messages[0];
    const firstQueueOffset = this.nextQueueOffset(topic, queueId);
    let queueOffset = firstQueueOffset;
    let at = 0;
    const recordOffsets = new Array<number>(messages.length);
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i];
      const size = plans[i].totalSize;
      const takesOffset = consumesQueueOffset(message.sysFlag);
      message.storeTimestamp = storeTimestamp;
      message.queueOffset = takesOffset ? queueOffset : 0;
      message.commitLogOffset = recordOffsets[i] = wroteOffset + at;
      writeStoredRecord(message, plans[i], buf, offset + at);
      this.onAppended(toDispatchRequest(message, size, this.delayLevels));
      at += size;
      if (takesOffset) queueOffset++;
    }
    this.setQueueOffset(topic, queueId, queueOffset);
    this.markStoreTime(wroteOffset + total, storeTimestamp);
    return new AppendResult(wroteOffset, total, storeTimestamp, firstQueueOffset, messages[0].storeHost, recordOffsets);
  }

  private nextQueueOffset(topic: string, queueId: number): number {
    return this.topicQueueTable.get(topic)?.get(queueId) ?? 0;
  }

  private markStoreTime(end: number, storeTimestamp: number): void {
    const last = this.markTimes.length - 1;
    if (last >= 0 && this.markTimes[last] === storeTimestamp) {
      this.markEnds[last] = end;
    } else {
      this.markEnds.push(end);
      this.markTimes.push(storeTimestamp);
    }
  }
}

/** PREPARED and ROLLBACK records take no queue offset (spec §2.2 step 5). */
export function consumesQueueOffset(sysFlag: number): boolean {
  const type = getTransactionType(sysFlag);
  return type === MessageSysFlag.TRANSACTION_NOT_TYPE || type === MessageSysFlag.TRANSACTION_COMMIT_TYPE;
}

function refusal(err: unknown): PutMessageResult {
  const remark = err instanceof Error ? err.message : String(err);
  const status = /properties/.test(remark) ? PutMessageStatus.PROPERTIES_SIZE_EXCEEDED : PutMessageStatus.MESSAGE_ILLEGAL;
  return { putMessageStatus: status, remark };
}

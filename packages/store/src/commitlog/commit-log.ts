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
  /** Next queue offset per `topic-queueId` (RocketMQ's topic-queue table). */
  readonly topicQueueTable = new Map<string, number>();
  private readonly delayLevels: number[];
  private lastStoreTimestamp = 0;
  /** (end offset, store time of the record ending there), oldest first: for the checkpoint. */
  private timestampMarks: Array<[number, number]> = [];

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
    let plans: RecordPlan[];
    try {
      plans = messages.map((m) => this.plan(m));
    } catch (err) {
      return refusal(err);
    }
    const total = plans.reduce((sum, p) => sum + p.totalSize, 0);
    if (total + END_FILE_MIN_BLANK_LENGTH > this.config.mappedFileSizeCommitLog) {
      return { putMessageStatus: PutMessageStatus.MESSAGE_ILLEGAL, remark: `${total} bytes do not fit one commit-log file` };
    }
    const result = this.append(messages, plans, total);
    return this.groupCommit.waitFor(result.wroteOffset + result.wroteBytes, messages[0].waitStoreMsgOK).then((status) => ({ putMessageStatus: status, appendMessageResult: result }));
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
    const marks = this.timestampMarks;
    let covered = 0;
    while (covered < marks.length && marks[covered][0] <= flushedOffset) covered++;
    if (covered === 0) return 0;
    const ts = marks[covered - 1][1];
    marks.splice(0, covered - 1);
    return ts;
  }

  /** Start-up: the next queue offset of every queue, from the consume queues. */
  setQueueOffset(topic: string, queueId: number, next: number): void {
    this.topicQueueTable.set(`${topic}-${queueId}`, next);
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
    const key = `${messages[0].topic}-${messages[0].queueId}`;
    const firstQueueOffset = this.topicQueueTable.get(key) ?? 0;
    let queueOffset = firstQueueOffset;
    let at = 0;
    const recordOffsets: number[] = [];
    messages.forEach((message, i) => {
      const takesOffset = consumesQueueOffset(message.sysFlag);
      message.storeTimestamp = storeTimestamp;
      message.queueOffset = takesOffset ? queueOffset : 0;
      message.commitLogOffset = wroteOffset + at;
      writeStoredRecord(message, plans[i], buf, offset + at);
      this.onAppended(toDispatchRequest(message, plans[i].totalSize, this.delayLevels));
      recordOffsets.push(message.commitLogOffset);
      at += plans[i].totalSize;
      if (takesOffset) queueOffset++;
    });
    this.topicQueueTable.set(key, queueOffset);
    this.timestampMarks.push([wroteOffset + total, storeTimestamp]);
    return new AppendResult(wroteOffset, total, storeTimestamp, firstQueueOffset, messages[0].storeHost, recordOffsets);
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

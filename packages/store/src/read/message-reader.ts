import * as os from 'node:os';
import { decodeStoredRecord, MessageMagic, readInt64BE, RecordPosition, storeTimestampPosition, type MessageExt } from '@mq/common';
import type { CommitLog } from '../commitlog/commit-log';
import type { MessageStoreConfig } from '../config/message-store-config';
import { CQ_STORE_UNIT_SIZE, unitAt, type ConsumeQueue, type CqUnit } from '../consumequeue/consume-queue';
import type { ConsumeQueueTable } from '../consumequeue/consume-queue-table';
import type { IndexService } from '../index/index-service';
import { GetMessageStatus } from '../store-status';
import { emptyResult, type GetMessageResult, type QueryMessageResult } from './get-message-result';
import { MATCH_ALL, type MessageFilter } from './message-filter';

const FILLER_SIZE = 0x7fffffff;
/** Enough of a record's head to reach STORETIMESTAMP with an IPv6 born host. */
const RECORD_HEAD_SIZE = 80;
const QUERY_ROUNDS = 3;
/** Largest run of other records one commit-log read may step over. */
const MAX_READ_GAP = 64 * 1024;
/** Largest single commit-log read of getMessage. */
const MAX_READ_SPAN = 1024 * 1024;

interface Selected extends CqUnit {
  readonly queueOffset: number;
}

/** Reads by queue offset, by commit-log offset, by key and by time (spec §3.4, §3.5, §4.2). */
export class MessageReader {
  private readonly memoryBudget = (os.totalmem() * 40) / 100;

  constructor(
    private readonly config: MessageStoreConfig,
    private readonly commitLog: CommitLog,
    private readonly consumeQueues: ConsumeQueueTable,
    private readonly index: IndexService | undefined,
  ) {}

  /** Up to `maxMsgNums` records of a queue from `offset` (spec §3.5). */
  async getMessage(topic: string, queueId: number, offset: number, maxMsgNums: number, maxTotalMsgSize: number, filter: MessageFilter = MATCH_ALL): Promise<GetMessageResult> {
    const cq = this.consumeQueues.find(topic, queueId);
    if (!cq) return emptyResult(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
    const min = cq.minOffsetInQueue();
    const max = cq.maxOffsetInQueue();
    if (max === 0) return emptyResult(GetMessageStatus.NO_MESSAGE_IN_QUEUE, 0, min, max);
    if (offset < min) return emptyResult(GetMessageStatus.OFFSET_TOO_SMALL, min, min, max);
    if (offset === max) return emptyResult(GetMessageStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
    if (offset > max) return emptyResult(GetMessageStatus.OFFSET_OVERFLOW_BADLY, max, min, max);
    const result = emptyResult(GetMessageStatus.NO_MATCHED_MESSAGE, offset, min, max);
    const selected = await this.select(cq, offset, max, maxMsgNums, maxTotalMsgSize, filter, result);
    await this.readSelected(selected, filter, result);
    if (result.messageBufferList.length > 0) {
      result.status = GetMessageStatus.FOUND;
      const last = selected[selected.length - 1];
      result.suggestPullingFromSlave = this.commitLog.maxOffset() - last.phyOffset > this.memoryBudget;
    }
    return result;
  }

  /** The raw record at a commit-log offset, or `undefined`. */
  async selectOneMessageByOffset(commitLogOffset: number): Promise<Buffer | undefined> {
    const head = await this.commitLog.read(commitLogOffset, 8);
    if (!head) return undefined;
    const size = head.readInt32BE(0);
    const magic = head.readInt32BE(4);
    if (size <= 8 || (magic !== MessageMagic.V1 && magic !== MessageMagic.V2)) return undefined;
    return this.commitLog.read(commitLogOffset, size);
  }

  /** The decoded message at a commit-log offset (body as stored), or `undefined`. */
  async lookMessageByOffset(commitLogOffset: number): Promise<MessageExt | undefined> {
    const record = await this.selectOneMessageByOffset(commitLogOffset);
    if (!record) return undefined;
    try {
      return decodeStoredRecord(record, 0, { decompressBody: false }).message;
    } catch {
      return undefined;
    }
  }

  /** Messages whose key (UNIQ_KEY or a KEYS element) hashes like `key`, stored in `[begin, end]` (spec §4.2). */
  async queryMessage(topic: string, key: string, maxNum: number, begin: number, end: number): Promise<QueryMessageResult> {
    const last = this.index?.lastUpdate() ?? { timestamp: 0, phyOffset: 0 };
    const result: QueryMessageResult = { messageBufferList: [], bufferTotalSize: 0, indexLastUpdateTimestamp: last.timestamp, indexLastUpdatePhyoffset: last.phyOffset };
    if (!this.index) return result;
    let until = end;
    for (let round = 0; round < QUERY_ROUNDS && result.messageBufferList.length === 0; round++) {
      const offsets = await this.index.queryOffsets(topic, key, Math.min(maxNum, this.config.maxMsgsNumBatch), begin, until);
      if (offsets.length === 0) break;
      offsets.sort((a, b) => a - b);
      for (const [i, offset] of offsets.entries()) {
        const record = await this.selectOneMessageByOffset(offset);
        if (!record) continue;
        if (i === 0) until = readInt64BE(record, storeTimestampPosition(record.readInt32BE(RecordPosition.SYS_FLAG)));
        result.messageBufferList.push(record);
        result.bufferTotalSize += record.length;
      }
    }
    return result;
  }

  /** First queue offset whose message was stored at or after `timestamp` (5.x LOWER boundary, spec §3.4). */
  async getOffsetInQueueByTime(topic: string, queueId: number, timestamp: number): Promise<number> {
    const cq = this.consumeQueues.find(topic, queueId);
    if (!cq) return 0;
    let low = cq.minOffsetInQueue();
    let high = cq.maxOffsetInQueue() - 1;
    let answer = high + 1;
    while (low <= high) {
      const mid = Math.floor((low + high) / 2);
      const time = await this.storeTimeAt(cq, mid);
      if (time < 0) return 0;
      if (time >= timestamp) {
        answer = mid;
        high = mid - 1;
      } else {
        low = mid + 1;
      }
    }
    return answer;
  }

  /** Store time of the message at a queue offset; -1 when it cannot be read. */
  async storeTimeAt(cq: ConsumeQueue, queueOffset: number): Promise<number> {
    const unit = await cq.readUnit(queueOffset);
    if (!unit || unit.size === FILLER_SIZE) return -1;
    return this.storeTimeOfRecord(unit.phyOffset, unit.size);
  }

  /** Store time of the record at `commitLogOffset`; -1 when it cannot be read. */
  async storeTimeOfRecord(commitLogOffset: number, size = RECORD_HEAD_SIZE): Promise<number> {
    const head = await this.commitLog.read(commitLogOffset, Math.min(size, RECORD_HEAD_SIZE));
    if (!head || head.length < 64) return -1;
    return readInt64BE(head, storeTimestampPosition(head.readInt32BE(RecordPosition.SYS_FLAG)));
  }

  /** Chooses the units to return: tag filter, scan budget and the "batch full" rule. */
  private async select(cq: ConsumeQueue, offset: number, max: number, maxMsgNums: number, maxTotalMsgSize: number, filter: MessageFilter, result: GetMessageResult): Promise<Selected[]> {
    const selected: Selected[] = [];
    const maxScanUnits = Math.max(this.config.maxFilterMessageSize, maxMsgNums * CQ_STORE_UNIT_SIZE) / CQ_STORE_UNIT_SIZE;
    const commitLogMin = this.commitLog.minOffset();
    const commitLogMax = this.commitLog.maxOffset();
    let bytes = 0;
    for (let index = offset, files = 0; index < max && index - offset < maxScanUnits && files < this.config.travelCqFileNumWhenGetMessage; files++) {
      const units = await cq.readUnits(index, Math.min(max - index, offset + maxScanUnits - index));
      if (!units) {
        if (selected.length === 0) {
          const perFile = cq.queue.fileSize / CQ_STORE_UNIT_SIZE;
          result.status = GetMessageStatus.OFFSET_FOUND_NULL;
          result.nextBeginOffset = index + perFile - (index % perFile);
        }
        break;
      }
      for (let i = 0; i < units.count; i++) {
        const unit = unitAt(units, i);
        const inMemory = commitLogMax - unit.phyOffset <= this.memoryBudget;
        if (this.batchFull(unit.size, maxMsgNums, maxTotalMsgSize, bytes, selected.length, inMemory)) return selected;
        result.nextBeginOffset = index + i + 1;
        if (unit.size === FILLER_SIZE || !filter.isMatchedByConsumeQueue(unit.tagsCode)) continue;
        if (unit.phyOffset < commitLogMin) {
          if (selected.length === 0) result.status = GetMessageStatus.MESSAGE_WAS_REMOVING;
          continue;
        }
        selected.push({ ...unit, queueOffset: index + i });
        bytes += unit.size;
      }
      index += units.count;
      if (selected.length > 0) break;
    }
    return selected;
  }

  /**
   * True when `next` joins the read that starts at `first` and so far ends with `last`: same
   * commit-log file, a small gap (other queues' records) and a bounded span. Records of one
   * queue interleave with other queues', so reading across the gaps saves a syscall per record.
   */
  private sameRead(first: Selected, last: Selected, next: Selected, fileSize: number): boolean {
    const gap = next.phyOffset - (last.phyOffset + last.size);
    return (
      gap >= 0 &&
      gap <= MAX_READ_GAP &&
      next.phyOffset + next.size - first.phyOffset <= MAX_READ_SPAN &&
      Math.floor(next.phyOffset / fileSize) === Math.floor(first.phyOffset / fileSize)
    );
  }

  /**
   * Reads the chosen records: views of the in-memory tail where possible, otherwise one file
   * read per group of nearby records in one commit-log file.
   */
  private async readSelected(selected: Selected[], filter: MessageFilter, result: GetMessageResult): Promise<void> {
    const records = selected.map((unit) => this.commitLog.viewInMemory(unit.phyOffset, unit.size));
    const fromFile = selected.filter((_, k) => records[k] === undefined);
    const fileSize = this.config.mappedFileSizeCommitLog;
    const fileRecords = new Map<Selected, Buffer>();
    for (let i = 0; i < fromFile.length; ) {
      let j = i;
      while (j + 1 < fromFile.length && this.sameRead(fromFile[i], fromFile[j], fromFile[j + 1], fileSize)) j++;
      const start = fromFile[i].phyOffset;
      const span = await this.commitLog.read(start, fromFile[j].phyOffset + fromFile[j].size - start);
      for (const unit of fromFile.slice(i, j + 1)) {
        const record = span?.subarray(unit.phyOffset - start, unit.phyOffset - start + unit.size);
        if (record && record.length === unit.size) fileRecords.set(unit, record);
      }
      i = j + 1;
    }
    selected.forEach((unit, k) => {
      const record = records[k] ?? fileRecords.get(unit);
      if (!record) {
        if (result.messageBufferList.length === 0) result.status = GetMessageStatus.MESSAGE_WAS_REMOVING;
        return;
      }
      if (filter.isMatchedByCommitLog && !filter.isMatchedByCommitLog(record)) return;
      result.messageBufferList.push(record);
      result.messageQueueOffsets.push(unit.queueOffset);
      result.bufferTotalSize += unit.size;
    });
  }

  private batchFull(size: number, maxMsgNums: number, maxTotalMsgSize: number, bytes: number, count: number, inMemory: boolean): boolean {
    if (bytes === 0 || count === 0) return false;
    if (count + 1 > maxMsgNums || bytes + size > maxTotalMsgSize) return true;
    const c = this.config;
    if (inMemory) return bytes + size > c.maxTransferBytesOnMessageInMemory || count >= c.maxTransferCountOnMessageInMemory;
    return bytes + size > c.maxTransferBytesOnMessageInDisk || count >= c.maxTransferCountOnMessageInDisk;
  }
}

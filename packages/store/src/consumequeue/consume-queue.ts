import * as path from 'node:path';
import { getLogger, readInt64BE, writeInt64BE } from '@mq/common';
import { SegmentQueue } from '../file/segment-queue';
import type { SegmentFile } from '../file/segment-file';

/** Bytes of one consume-queue unit: long phyOffset, int size, long tagsCode (spec §1.4). */
export const CQ_STORE_UNIT_SIZE = 20;
const FILLER_SIZE = 0x7fffffff;
const CHUNK_SIZE = 64 * 1024;
/** Recovery reads consume-queue files in windows of this many bytes (a multiple of 20). */
const SCAN_WINDOW = 3276 * CQ_STORE_UNIT_SIZE;
const log = getLogger('ConsumeQueue');

/** One consume-queue unit. */
export interface CqUnit {
  readonly phyOffset: number;
  readonly size: number;
  readonly tagsCode: number;
}

/** A run of consecutive units read from one CQ file: unit `i` is at `buf[i * 20]`. */
export interface CqUnits {
  readonly firstIndex: number;
  readonly count: number;
  readonly buf: Buffer;
}

/** Decodes unit `i` of a run. */
export function unitAt(units: CqUnits, i: number): CqUnit {
  const at = i * CQ_STORE_UNIT_SIZE;
  return { phyOffset: readInt64BE(units.buf, at), size: units.buf.readInt32BE(at + 8), tagsCode: readInt64BE(units.buf, at + 12) };
}

/** A consume-queue file size rounded up to whole units, as RocketMQ does. */
export function consumeQueueFileSize(configured: number): number {
  return Math.ceil(configured / CQ_STORE_UNIT_SIZE) * CQ_STORE_UNIT_SIZE;
}

/**
 * The consume queue of one topic-queue (spec §1.4, §3.3): a dense array of 20-byte units,
 * unit `n` at byte `n × 20`, each pointing at one commit-log record. Built only by the
 * dispatcher, in commit-log order, so it can always be rebuilt from the commit log.
 */
export class ConsumeQueue {
  readonly queue: SegmentQueue;
  /** End (`offset + size`) of the last record this queue points at; -1 when empty. */
  maxPhysicOffset = -1;
  /** Byte offset of the first valid unit. */
  minLogicOffset = 0;

  constructor(
    readonly topic: string,
    readonly queueId: number,
    rootDir: string,
    fileSize: number,
  ) {
    const dir = path.join(rootDir, 'consumequeue', topic, String(queueId));
    this.queue = new SegmentQueue(dir, consumeQueueFileSize(fileSize), { chunkSize: CHUNK_SIZE, retainBytes: 2 * CHUNK_SIZE });
  }

  /** Start-up: opens the files and finds the end of valid units from the third-last file on. */
  recoverSync(): void {
    this.queue.loadSync();
    const files = this.queue.files;
    if (files.length === 0) return;
    let index = Math.max(0, files.length - 3);
    let end = files[index].fileFromOffset;
    for (; index < files.length; index++) {
      const validBytes = this.scanValidUnits(files[index]);
      end = files[index].fileFromOffset + validBytes;
      if (validBytes < this.queue.fileSize) break;
    }
    this.queue.truncateDirtySync(end);
    this.minLogicOffset = this.queue.minOffset();
  }

  /**
   * Appends the unit for queue offset `queueOffset` (spec §3.3). Re-dispatched units the
   * queue already holds are accepted silently; a gap is logged and the unit appended anyway.
   */
  putUnit(phyOffset: number, size: number, tagsCode: number, queueOffset: number): void {
    if (phyOffset + size <= this.maxPhysicOffset) return;
    const expect = queueOffset * CQ_STORE_UNIT_SIZE;
    const file = this.queue.fileForAppend(expect);
    if (this.queue.files.length === 1 && file.wrotePosition === 0 && expect > file.fileFromOffset) {
      this.fillHead(file, expect);
    }
    const writeAt = file.fileFromOffset + file.wrotePosition;
    if (queueOffset !== 0 && expect < writeAt) return;
    if (expect !== writeAt) {
      log.error({ topic: this.topic, queueId: this.queueId, expect, writeAt }, '[BUG] logic queue order maybe wrong');
    }
    const { buf, offset } = file.reserve(CQ_STORE_UNIT_SIZE);
    writeInt64BE(buf, phyOffset, offset);
    buf.writeInt32BE(size, offset + 8);
    writeInt64BE(buf, tagsCode, offset + 12);
    this.maxPhysicOffset = phyOffset + size;
  }

  /** Next queue offset to be written (number of units, counting from 0). */
  maxOffsetInQueue(): number {
    return this.queue.maxOffset() / CQ_STORE_UNIT_SIZE;
  }

  minOffsetInQueue(): number {
    return this.minLogicOffset / CQ_STORE_UNIT_SIZE;
  }

  /**
   * Up to `maxCount` units from `index`, staying within the CQ file that holds `index`.
   * `undefined` when that file is gone.
   */
  async readUnits(index: number, maxCount: number): Promise<CqUnits | undefined> {
    const offset = index * CQ_STORE_UNIT_SIZE;
    const file = this.queue.findFile(offset);
    if (!file) return undefined;
    const pos = offset - file.fileFromOffset;
    const length = Math.min(maxCount * CQ_STORE_UNIT_SIZE, file.wrotePosition - pos);
    if (length <= 0) return undefined;
    const buf = await file.read(pos, length);
    return { firstIndex: index, count: Math.floor(buf.length / CQ_STORE_UNIT_SIZE), buf };
  }

  /** The unit at `index`, if present. */
  async readUnit(index: number): Promise<CqUnit | undefined> {
    const units = await this.readUnits(index, 1);
    return units && units.count === 1 ? unitAt(units, 0) : undefined;
  }

  /** Start-up only: drops every unit pointing at or past `phyOffset` (spec §5.3). */
  truncateDirtySync(phyOffset: number): void {
    const files = this.queue.files;
    for (let i = files.length - 1; i >= 0; i--) {
      const file = files[i];
      const data = file.readSync(0, file.wrotePosition);
      let keep = 0;
      for (let at = 0; at + CQ_STORE_UNIT_SIZE <= data.length; at += CQ_STORE_UNIT_SIZE) {
        const unitOffset = readInt64BE(data, at);
        const size = data.readInt32BE(at + 8);
        if (unitOffset >= phyOffset || size <= 0) break;
        keep = at + CQ_STORE_UNIT_SIZE;
        if (size !== FILLER_SIZE) this.maxPhysicOffset = unitOffset + size;
      }
      if (keep > 0 || i === 0) {
        this.queue.truncateDirtySync(file.fileFromOffset + keep);
        break;
      }
    }
    if (this.queue.files.length === 1 && this.queue.maxOffset() === this.queue.minOffset() && this.queue.minOffset() === 0) {
      this.maxPhysicOffset = -1;
    }
    this.minLogicOffset = Math.min(Math.max(this.minLogicOffset, this.queue.minOffset()), this.queue.maxOffset());
  }

  /**
   * Moves the min offset to the first unit pointing at or after `minCommitLogOffset`
   * (spec §3.4); min equals max when every unit points into deleted commit-log files.
   */
  async correctMinOffset(minCommitLogOffset: number): Promise<void> {
    const max = this.maxOffsetInQueue();
    const last = max > 0 ? await this.readUnit(max - 1) : undefined;
    if (!last || last.phyOffset < minCommitLogOffset) {
      this.minLogicOffset = max * CQ_STORE_UNIT_SIZE;
      return;
    }
    const first = this.queue.firstFile() as SegmentFile;
    let low = Math.max(this.minLogicOffset, first.fileFromOffset) / CQ_STORE_UNIT_SIZE;
    let high = Math.min(first.fileFromOffset + first.wrotePosition, max * CQ_STORE_UNIT_SIZE) / CQ_STORE_UNIT_SIZE - 1;
    let found = -1;
    while (low <= high) {
      const mid = Math.floor((low + high) / 2);
      const unit = await this.readUnit(mid);
      if (unit && unit.phyOffset >= minCommitLogOffset && unit.size !== FILLER_SIZE) {
        found = mid;
        high = mid - 1;
      } else {
        low = mid + 1;
      }
    }
    const next = found >= 0 ? found : (first.fileFromOffset + first.wrotePosition) / CQ_STORE_UNIT_SIZE;
    this.minLogicOffset = Math.max(this.minLogicOffset, next * CQ_STORE_UNIT_SIZE);
  }

  /** Deletes head files (never the last) whose last unit points below `minCommitLogOffset`. */
  async deleteExpiredFiles(minCommitLogOffset: number): Promise<number> {
    let deleted = 0;
    while (this.queue.files.length > 1) {
      const first = this.queue.files[0];
      const lastUnit = await this.readUnit((first.fileFromOffset + first.wrotePosition) / CQ_STORE_UNIT_SIZE - 1);
      if (!lastUnit || lastUnit.phyOffset >= minCommitLogOffset) break;
      await this.queue.deleteFirstFile();
      deleted++;
    }
    if (deleted > 0) this.minLogicOffset = Math.max(this.minLogicOffset, this.queue.minOffset());
    return deleted;
  }

  /** Bytes of valid units at the start of `file`, read in windows until the first invalid unit. */
  private scanValidUnits(file: SegmentFile): number {
    let valid = 0;
    for (let start = 0; start < this.queue.fileSize; start += SCAN_WINDOW) {
      const data = file.readSync(start, SCAN_WINDOW);
      for (let at = 0; at + CQ_STORE_UNIT_SIZE <= data.length; at += CQ_STORE_UNIT_SIZE) {
        const unitOffset = readInt64BE(data, at);
        const size = data.readInt32BE(at + 8);
        if (unitOffset < 0 || size <= 0) return valid;
        valid = start + at + CQ_STORE_UNIT_SIZE;
        if (size !== FILLER_SIZE) this.maxPhysicOffset = unitOffset + size;
      }
    }
    return valid;
  }

  private fillHead(file: SegmentFile, expect: number): void {
    const units = (expect - file.fileFromOffset) / CQ_STORE_UNIT_SIZE;
    const { buf, offset } = file.reserve(units * CQ_STORE_UNIT_SIZE);
    for (let i = 0; i < units; i++) {
      const at = offset + i * CQ_STORE_UNIT_SIZE;
      writeInt64BE(buf, 0, at);
      buf.writeInt32BE(FILLER_SIZE, at + 8);
      writeInt64BE(buf, 0, at + 12);
    }
    this.minLogicOffset = expect;
  }
}

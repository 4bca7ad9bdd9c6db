import * as fs from 'node:fs';
import * as path from 'node:path';
import { readInt64BE, writeInt64BE } from '@mq/common';

/** Bytes of one timer-log unit (store-and-broker §7.2). */
export const TIMER_LOG_UNIT_SIZE = 52;
/** Magic bit of an ordinary unit. */
export const TIMER_UNIT_MAGIC_DEFAULT = 1;
/** Magic bit of a delete marker (a recall). */
export const TIMER_UNIT_MAGIC_DELETE = 4;
const READ_BLOCK_SIZE = 64 * 1024;
const INITIAL_PENDING_UNITS = 1024;

/** One timer-log unit: a message waiting in a wheel slot, chained to the slot's previous unit. */
export interface TimerLogUnit {
  /** Previous unit of the same slot, -1 for none. */
  prevPos: number;
  magic: number;
  enqueueTimeMs: number;
  /** `deliverMs - enqueueTimeMs`. */
  delayMs: number;
  commitLogOffset: number;
  recordSize: number;
  realTopicHash: number;
}

/**
 * The timer log (`timerlog/`): an append-only file of 52-byte units. Appends are encoded into
 * one growing buffer and reach the file in one write per {@link flush}; reads go through a one-block cache,
 * since a slot's chain walks backwards through mostly nearby units. One file (Java rolls
 * 100 MiB segments): a million pending timers are 52 MB on disk and nothing in memory.
 */
export class TimerLog {
  private readonly fd: number;
  private flushedLength: number;
  private pending = Buffer.allocUnsafe(INITIAL_PENDING_UNITS * TIMER_LOG_UNIT_SIZE);
  private pendingLength = 0;
  private block: { start: number; data: Buffer } | undefined;

  constructor(rootDir: string) {
    const dir = path.join(rootDir, 'timerlog');
    fs.mkdirSync(dir, { recursive: true });
    this.fd = fs.openSync(path.join(dir, '00000000000000000000'), fs.constants.O_RDWR | fs.constants.O_CREAT);
    const size = fs.fstatSync(this.fd).size;
    this.flushedLength = size - (size % TIMER_LOG_UNIT_SIZE);
  }

  /** The position the next unit gets. */
  get writePosition(): number {
    return this.flushedLength + this.pendingLength;
  }

  /** Cuts the log back to a checkpointed length (start-up only): units past it are unknown to the wheel. */
  truncate(length: number): void {
    if (length >= this.flushedLength) return;
    fs.ftruncateSync(this.fd, length);
    this.flushedLength = length;
    this.block = undefined;
  }

  /** Appends a unit; returns its position. */
  append(unit: TimerLogUnit): number {
    const position = this.writePosition;
    if (this.pendingLength + TIMER_LOG_UNIT_SIZE > this.pending.length) this.growPending();
    encodeUnit(this.pending, this.pendingLength, unit);
    this.pendingLength += TIMER_LOG_UNIT_SIZE;
    return position;
  }

  /** Reads the unit at a position (flushed or pending). */
  async read(position: number): Promise<TimerLogUnit> {
    if (position >= this.flushedLength) {
      return decodeUnit(this.pending, position - this.flushedLength);
    }
    if (!this.block || position < this.block.start || position + TIMER_LOG_UNIT_SIZE > this.block.start + this.block.data.length) {
      const start = Math.max(0, position + TIMER_LOG_UNIT_SIZE - READ_BLOCK_SIZE);
      const data = Buffer.allocUnsafe(Math.min(READ_BLOCK_SIZE, this.flushedLength - start));
      const { bytesRead } = await readAt(this.fd, data, start);
      this.block = { start, data: data.subarray(0, bytesRead) };
    }
    return decodeUnit(this.block.data, position - this.block.start);
  }

  /** Writes the pending units in one write and syncs them; returns the durable length. */
  async flush(): Promise<number> {
    const written = this.pendingLength;
    if (written > 0) {
      await writeAt(this.fd, this.pending.subarray(0, written), this.flushedLength);
      await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, (err) => (err ? reject(err) : resolve())));
      // Units appended while the write was in flight move to the front.
      this.pending.copyWithin(0, written, this.pendingLength);
      this.pendingLength -= written;
      this.flushedLength += written;
    }
    return this.flushedLength;
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private growPending(): void {
    const grown = Buffer.allocUnsafe(this.pending.length * 2);
    this.pending.copy(grown, 0, 0, this.pendingLength);
    this.pending = grown;
  }
}

function encodeUnit(buffer: Buffer, offset: number, unit: TimerLogUnit): void {
  buffer.writeInt32BE(TIMER_LOG_UNIT_SIZE, offset);
  writeInt64BE(buffer, unit.prevPos, offset + 4);
  buffer.writeInt32BE(unit.magic, offset + 12);
  writeInt64BE(buffer, unit.enqueueTimeMs, offset + 16);
  buffer.writeInt32BE(unit.delayMs, offset + 24);
  writeInt64BE(buffer, unit.commitLogOffset, offset + 28);
  buffer.writeInt32BE(unit.recordSize, offset + 36);
  buffer.writeInt32BE(unit.realTopicHash, offset + 40);
  writeInt64BE(buffer, 0, offset + 44);
}

function decodeUnit(buffer: Buffer, offset: number): TimerLogUnit {
  return {
    prevPos: readInt64BE(buffer, offset + 4),
    magic: buffer.readInt32BE(offset + 12),
    enqueueTimeMs: readInt64BE(buffer, offset + 16),
    delayMs: buffer.readInt32BE(offset + 24),
    commitLogOffset: readInt64BE(buffer, offset + 28),
    recordSize: buffer.readInt32BE(offset + 36),
    realTopicHash: buffer.readInt32BE(offset + 40),
  };
}

function readAt(fd: number, target: Buffer, position: number): Promise<{ bytesRead: number }> {
  return new Promise((resolve, reject) =>
    fs.read(fd, target, 0, target.length, position, (err, bytesRead) => (err ? reject(err) : resolve({ bytesRead }))),
  );
}

function writeAt(fd: number, data: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) =>
    fs.write(fd, data, 0, data.length, position, (err) => (err ? reject(err) : resolve())),
  );
}

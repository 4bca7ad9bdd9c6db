import * as fs from 'node:fs';
import * as path from 'node:path';
import { readInt64BE, writeInt64BE } from '@mq/common';

/** Slots of the wheel: 7 days at 1 s (`slotsTotal`); the file holds twice as many. */
export const TIMER_SLOTS_TOTAL = 7 * 86400;
const SLOT_SIZE = 32;
const WHEEL_FILE_SIZE = TIMER_SLOTS_TOTAL * 2 * SLOT_SIZE;

/** One wheel slot: the chain of timer-log units due at `timeMs`. */
export interface TimerSlot {
  timeMs: number;
  firstPos: number;
  lastPos: number;
  num: number;
}

/**
 * The timer wheel (`timerwheel`, store-and-broker §7.2): one 32-byte slot per precision unit,
 * indexed by `(t / p) mod 2·slotsTotal`. Only occupied slots are held in memory, so memory
 * follows the number of distinct due times, not of messages; changed slots are written back
 * on {@link flush}.
 */
export class TimerWheel {
  private readonly fd: number;
  private readonly slots = new Map<number, TimerSlot>();
  private readonly dirty = new Set<number>();

  constructor(
    rootDir: string,
    private readonly precisionMs: number,
  ) {
    const file = path.join(rootDir, 'timerwheel');
    const exists = fs.existsSync(file);
    this.fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT);
    if (!exists) fs.ftruncateSync(this.fd, WHEEL_FILE_SIZE);
    const size = fs.fstatSync(this.fd).size;
    if (size !== WHEEL_FILE_SIZE) throw new Error(`timerwheel is ${size} bytes, expected ${WHEEL_FILE_SIZE}`);
    if (exists) this.loadOccupied();
  }

  /** The slot due at `timeMs`, if it holds anything. */
  get(timeMs: number): TimerSlot | undefined {
    const slot = this.slots.get(this.index(timeMs));
    return slot && slot.timeMs === timeMs ? slot : undefined;
  }

  /** Records a unit appended at `position` for `timeMs`; returns the slot's previous last unit (-1 if none). */
  add(timeMs: number, position: number): number {
    const index = this.index(timeMs);
    const slot = this.get(timeMs);
    this.dirty.add(index);
    if (!slot) {
      this.slots.set(index, { timeMs, firstPos: position, lastPos: position, num: 1 });
      return -1;
    }
    const prevPos = slot.lastPos;
    slot.lastPos = position;
    slot.num += 1;
    return prevPos;
  }

  /** Empties the slot due at `timeMs` once its messages are delivered. */
  clear(timeMs: number): void {
    const index = this.index(timeMs);
    if (!this.slots.delete(index)) return;
    this.dirty.add(index);
  }

  /** Occupied slots in memory. */
  get occupied(): number {
    return this.slots.size;
  }

  /** Writes the changed slots (an emptied slot is written with time -1). */
  async flush(): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const index of this.dirty) {
      const slot = this.slots.get(index);
      const buffer = Buffer.alloc(SLOT_SIZE);
      writeInt64BE(buffer, slot ? slot.timeMs / this.precisionMs : -1, 0);
      writeInt64BE(buffer, slot?.firstPos ?? -1, 8);
      writeInt64BE(buffer, slot?.lastPos ?? -1, 16);
      buffer.writeInt32BE(slot?.num ?? 0, 24);
      writes.push(writeAt(this.fd, buffer, index * SLOT_SIZE));
    }
    this.dirty.clear();
    await Promise.all(writes);
    await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, (err) => (err ? reject(err) : resolve())));
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private index(timeMs: number): number {
    return Math.floor(timeMs / this.precisionMs) % (TIMER_SLOTS_TOTAL * 2);
  }

  /** Start-up: keeps the slots whose stored time maps back to their own index. */
  private loadOccupied(): void {
    const chunk = Buffer.allocUnsafe(SLOT_SIZE * 65536);
    for (let offset = 0; offset < WHEEL_FILE_SIZE; offset += chunk.length) {
      const bytes = fs.readSync(this.fd, chunk, 0, Math.min(chunk.length, WHEEL_FILE_SIZE - offset), offset);
      for (let at = 0; at + SLOT_SIZE <= bytes; at += SLOT_SIZE) {
        const num = chunk.readInt32BE(at + 24);
        const timeUnit = readInt64BE(chunk, at);
        const index = (offset + at) / SLOT_SIZE;
        if (num <= 0 || timeUnit <= 0 || timeUnit % (TIMER_SLOTS_TOTAL * 2) !== index) continue;
        this.slots.set(index, {
          timeMs: timeUnit * this.precisionMs,
          firstPos: readInt64BE(chunk, at + 8),
          lastPos: readInt64BE(chunk, at + 16),
          num,
        });
      }
    }
  }
}

function writeAt(fd: number, data: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => fs.write(fd, data, 0, data.length, position, (err) => (err ? reject(err) : resolve())));
}

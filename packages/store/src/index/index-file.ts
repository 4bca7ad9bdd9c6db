import * as fs from 'node:fs';
import { readInt64BE, writeInt64BE } from '@mq/common';
import { fdIo, readFully, writeFully } from '../file/fd-io';
import { OS_PAGE_SIZE } from '../file/segment-file';

/** Bytes of the index file header (spec §1.5). */
export const INDEX_HEADER_SIZE = 40;
const HASH_SLOT_SIZE = 4;
const INDEX_ENTRY_SIZE = 20;
const INT_MAX = 0x7fffffff;

/** The `[begin, end]` store-time and physical-offset range an index file covers. */
export interface IndexHeader {
  beginTimestamp: number;
  endTimestamp: number;
  beginPhyOffset: number;
  endPhyOffset: number;
  hashSlotCount: number;
  indexCount: number;
}

/** `abs(javaHash(key))`, with `Integer.MIN_VALUE` mapped to 0 as RocketMQ does. */
export function indexKeyHash(hash: number): number {
  return hash === -0x80000000 ? 0 : Math.abs(hash);
}

/**
 * One hash-index file (spec §1.5): 40-byte header, `hashSlotNum` int slots, then 20-byte
 * entries chained per slot. The file being written lives in memory and is written out as
 * dirty pages; full files are read from disk.
 */
export class IndexFile {
  readonly header: IndexHeader;
  private mem: Buffer | undefined;
  /** One flag per OS page of `mem` changed since the last flush; the header page is written at every flush. */
  private readonly dirtyPages: Uint8Array;
  private readonly opened: Promise<number>;

  private constructor(
    readonly filePath: string,
    readonly hashSlotNum: number,
    readonly indexNum: number,
    opened: Promise<number> | number,
    mem: Buffer | undefined,
  ) {
    this.opened = typeof opened === 'number' ? Promise.resolve(opened) : opened;
    this.opened.catch(() => undefined);
    this.mem = mem;
    this.dirtyPages = new Uint8Array(mem ? Math.ceil(mem.length / OS_PAGE_SIZE) : 0);
    this.header = { beginTimestamp: 0, endTimestamp: 0, beginPhyOffset: 0, endPhyOffset: 0, hashSlotCount: 0, indexCount: 1 };
  }

  static fileSize(hashSlotNum: number, indexNum: number): number {
    return INDEX_HEADER_SIZE + hashSlotNum * HASH_SLOT_SIZE + indexNum * INDEX_ENTRY_SIZE;
  }

  /** A new, empty index file, seeded from the previous file's end values (spec §1.5). */
  static create(filePath: string, hashSlotNum: number, indexNum: number, previous?: IndexHeader): IndexFile {
    const size = IndexFile.fileSize(hashSlotNum, indexNum);
    const opening = (async () => {
      const fd = await fdIo.open(filePath, 'w+');
      await fdIo.ftruncate(fd, size);
      return fd;
    })();
    const file = new IndexFile(filePath, hashSlotNum, indexNum, opening, Buffer.alloc(size));
    if (previous && previous.endPhyOffset > 0) file.header.beginPhyOffset = file.header.endPhyOffset = previous.endPhyOffset;
    if (previous && previous.endTimestamp > 0) file.header.beginTimestamp = file.header.endTimestamp = previous.endTimestamp;
    file.writeHeader();
    return file;
  }

  /** Start-up: opens an existing file; a file that is not full is read into memory to be appended to. */
  static openSync(filePath: string, hashSlotNum: number, indexNum: number): IndexFile {
    const fd = fs.openSync(filePath, 'r+');
    const head = Buffer.alloc(INDEX_HEADER_SIZE);
    fs.readSync(fd, head, 0, INDEX_HEADER_SIZE, 0);
    const probe = new IndexFile(filePath, hashSlotNum, indexNum, fd, undefined);
    probe.readHeader(head);
    if (probe.isWriteFull()) return probe;
    const mem = Buffer.alloc(IndexFile.fileSize(hashSlotNum, indexNum));
    fs.readSync(fd, mem, 0, INDEX_HEADER_SIZE + hashSlotNum * HASH_SLOT_SIZE + probe.header.indexCount * INDEX_ENTRY_SIZE, 0);
    const file = new IndexFile(filePath, hashSlotNum, indexNum, fd, mem);
    file.readHeader(mem);
    return file;
  }

  isWriteFull(): boolean {
    return this.header.indexCount >= this.indexNum;
  }

  /** Adds `hash → phyOffset` (spec §4.1 putKey). False when the file is full. */
  putKey(keyHash: number, phyOffset: number, storeTimestamp: number): boolean {
    const mem = this.mem;
    if (!mem || this.isWriteFull()) return false;
    const h = this.header;
    const slotPos = INDEX_HEADER_SIZE + (keyHash % this.hashSlotNum) * HASH_SLOT_SIZE;
    let prev = mem.readInt32BE(slotPos);
    if (prev <= 0 || prev > h.indexCount) prev = 0;
    let timeDiff = h.beginTimestamp <= 0 ? 0 : Math.floor((storeTimestamp - h.beginTimestamp) / 1000);
    timeDiff = timeDiff < 0 ? 0 : Math.min(timeDiff, INT_MAX);
    const entryPos = this.entryPosition(h.indexCount);
    mem.writeInt32BE(keyHash, entryPos);
    writeInt64BE(mem, phyOffset, entryPos + 4);
    mem.writeInt32BE(timeDiff, entryPos + 12);
    mem.writeInt32BE(prev, entryPos + 16);
    mem.writeInt32BE(h.indexCount, slotPos);
    this.markDirty(slotPos, HASH_SLOT_SIZE);
    this.markDirty(entryPos, INDEX_ENTRY_SIZE);
    if (h.indexCount <= 1) {
      h.beginPhyOffset = phyOffset;
      h.beginTimestamp = storeTimestamp;
    }
    if (prev === 0) h.hashSlotCount++;
    h.indexCount++;
    h.endPhyOffset = phyOffset;
    h.endTimestamp = storeTimestamp;
    return true;
  }

  /** True when the file's time range overlaps `[begin, end]` (spec §4.2). */
  isTimeMatched(begin: number, end: number): boolean {
    const h = this.header;
    return (begin < h.beginTimestamp && end > h.endTimestamp) || (begin >= h.beginTimestamp && begin <= h.endTimestamp) || (end >= h.beginTimestamp && end <= h.endTimestamp);
  }

  /** Physical offsets of entries with `keyHash` stored within `[begin, end]`, newest first, into `out`. */
  async selectPhyOffsets(out: number[], keyHash: number, maxNum: number, begin: number, end: number): Promise<void> {
    const h = this.header;
    if (h.indexCount <= 1) return;
    const slot = (await this.bytes(INDEX_HEADER_SIZE + (keyHash % this.hashSlotNum) * HASH_SLOT_SIZE, HASH_SLOT_SIZE)).readInt32BE(0);
    let current = slot;
    while (out.length < maxNum && current > 0 && current <= h.indexCount) {
      const entry = await this.bytes(this.entryPosition(current), INDEX_ENTRY_SIZE);
      const timeDiff = entry.readInt32BE(12);
      const prev = entry.readInt32BE(16);
      if (timeDiff < 0) break;
      const time = h.beginTimestamp + timeDiff * 1000;
      if (entry.readInt32BE(0) === keyHash && time >= begin && time <= end) out.push(readInt64BE(entry, 4));
      if (time < begin || prev <= 0 || prev > h.indexCount || prev === current) break;
      current = prev;
    }
  }

  /** Writes the dirty pages out; with `sync`, forces them and drops the in-memory copy of a full file. */
  async flush(sync: boolean): Promise<void> {
    const fd = await this.opened;
    const mem = this.mem;
    if (mem) {
      this.writeHeader();
      const dirty = this.dirtyPages;
      for (let first = dirty.indexOf(1); first >= 0; ) {
        let end = first + 1;
        while (end < dirty.length && dirty[end] === 1) end++;
        dirty.fill(0, first, end);
        const start = first * OS_PAGE_SIZE;
        await writeFully(fd, mem.subarray(start, Math.min(mem.length, end * OS_PAGE_SIZE)), start);
        first = dirty.indexOf(1, end);
      }
    }
    if (sync) {
      await fdIo.fdatasync(fd);
      if (this.isWriteFull()) this.mem = undefined;
    }
  }

  async close(): Promise<void> {
    const fd = await this.opened.catch(() => undefined);
    if (fd !== undefined) await fdIo.close(fd);
  }

  async destroy(): Promise<void> {
    await this.close();
    await fdIo.unlink(this.filePath).catch(() => undefined);
  }

  /** Start-up only. */
  destroySync(): void {
    void this.opened.then((fd) => fs.closeSync(fd)).catch(() => undefined);
    fs.rmSync(this.filePath, { force: true });
  }

  private entryPosition(n: number): number {
    return INDEX_HEADER_SIZE + this.hashSlotNum * HASH_SLOT_SIZE + n * INDEX_ENTRY_SIZE;
  }

  private async bytes(pos: number, length: number): Promise<Buffer> {
    if (this.mem) return this.mem.subarray(pos, pos + length);
    return readFully(await this.opened, pos, length);
  }

  private markDirty(pos: number, length: number): void {
    this.dirtyPages[Math.floor(pos / OS_PAGE_SIZE)] = 1;
    this.dirtyPages[Math.floor((pos + length - 1) / OS_PAGE_SIZE)] = 1;
  }

  private readHeader(buf: Buffer): void {
    const h = this.header;
    h.beginTimestamp = readInt64BE(buf, 0);
    h.endTimestamp = readInt64BE(buf, 8);
    h.beginPhyOffset = readInt64BE(buf, 16);
    h.endPhyOffset = readInt64BE(buf, 24);
    h.hashSlotCount = buf.readInt32BE(32);
    h.indexCount = Math.max(1, buf.readInt32BE(36));
  }

  private writeHeader(): void {
    const mem = this.mem as Buffer;
    const h = this.header;
    writeInt64BE(mem, h.beginTimestamp, 0);
    writeInt64BE(mem, h.endTimestamp, 8);
    writeInt64BE(mem, h.beginPhyOffset, 16);
    writeInt64BE(mem, h.endPhyOffset, 24);
    mem.writeInt32BE(h.hashSlotCount, 32);
    mem.writeInt32BE(h.indexCount, 36);
    this.markDirty(0, INDEX_HEADER_SIZE);
  }
}

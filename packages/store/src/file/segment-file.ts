import * as fs from 'node:fs';
import * as path from 'node:path';
import { fdIo, readFully, readFullySync, writeFully } from './fd-io';
import { segmentFileName } from './segment-name';
import { TailChunks, type Reservation } from './tail-chunks';

/** The OS page size RocketMQ counts flush granularity in (`OS_PAGE_SIZE`). */
export const OS_PAGE_SIZE = 4096;

/**
 * One fixed-size file of a segmented log (RocketMQ's `MappedFile`), named by its start
 * offset. Three positions, as in RocketMQ: `wrotePosition` (bytes appended; readable at
 * once, from memory), `committedPosition` (bytes handed to the file) and `flushedPosition`
 * (bytes forced to disk). A new file is created at its full size, as a mapped file is.
 */
export class SegmentFile {
  wrotePosition = 0;
  committedPosition = 0;
  flushedPosition = 0;
  private fd: number | undefined;
  private opened: Promise<number>;
  private destroyed = false;
  private readonly tail: TailChunks;

  private constructor(
    readonly filePath: string,
    readonly fileFromOffset: number,
    readonly fileSize: number,
    chunkSize: number,
    fd: number | undefined,
  ) {
    this.tail = new TailChunks(Math.min(chunkSize, fileSize));
    this.fd = fd;
    this.opened = Promise.resolve(fd ?? -1);
  }

  /**
   * A new, empty segment. The object exists at once so appends can proceed in memory; the
   * file is created (full size) in the background and the first commit waits for it.
   */
  static create(dir: string, fromOffset: number, fileSize: number, chunkSize: number): SegmentFile {
    const file = new SegmentFile(path.join(dir, segmentFileName(fromOffset)), fromOffset, fileSize, chunkSize, undefined);
    file.opened = file.createOnDisk(dir);
    file.opened.catch(() => undefined);
    return file;
  }

  /** Start-up: opens an existing segment; its positions start at the file size (spec §1.2). */
  static openSync(filePath: string, fromOffset: number, fileSize: number, chunkSize: number): SegmentFile {
    const file = new SegmentFile(filePath, fromOffset, fileSize, chunkSize, fs.openSync(filePath, 'r+'));
    file.wrotePosition = file.committedPosition = file.flushedPosition = fileSize;
    return file;
  }

  private async createOnDisk(dir: string): Promise<number> {
    await fs.promises.mkdir(dir, { recursive: true });
    const fd = await fdIo.open(this.filePath, 'w+');
    await fdIo.ftruncate(fd, this.fileSize);
    if (this.destroyed) {
      await fdIo.close(fd);
      await fdIo.unlink(this.filePath).catch(() => undefined);
      return -1;
    }
    this.fd = fd;
    return fd;
  }

  /** The file has been created (or failed to be). */
  ready(): Promise<number> {
    return this.opened;
  }

  isFull(): boolean {
    return this.wrotePosition === this.fileSize;
  }

  remaining(): number {
    return this.fileSize - this.wrotePosition;
  }

  /** Appends `length` bytes the caller encodes into the returned reservation. */
  reserve(length: number): Reservation {
    const reservation = this.tail.reserve(this.wrotePosition, length);
    this.wrotePosition += length;
    return reservation;
  }

  /** Marks the file full; the bytes after the last append stay as they are (zeros in a new file). */
  skipToEnd(): void {
    this.wrotePosition = this.fileSize;
  }

  /** Appends a copy of `bytes`. */
  append(bytes: Uint8Array): void {
    const { buf, offset } = this.reserve(bytes.length);
    buf.set(bytes, offset);
  }

  /** Writes the appended bytes not yet in the file; one positional write per in-memory run. */
  async commit(): Promise<void> {
    const target = this.wrotePosition;
    if (target <= this.committedPosition) return;
    const fd = await this.opened;
    for (const run of this.tail.runs(this.committedPosition, target)) {
      await writeFully(fd, run.bytes, run.pos);
    }
    this.committedPosition = Math.max(this.committedPosition, target);
  }

  /** Forces committed bytes to disk (`fdatasync`). */
  async flush(): Promise<void> {
    const target = this.committedPosition;
    if (target <= this.flushedPosition) return;
    await fdIo.fdatasync(await this.opened);
    this.flushedPosition = Math.max(this.flushedPosition, target);
  }

  /** Keeps at most about `retainBytes` of already-written data in memory. */
  trimCache(retainBytes: number): void {
    this.tail.trim(this.committedPosition, retainBytes);
  }

  /** A zero-copy view of `[pos, pos + length)` when it is in memory. */
  viewInMemory(pos: number, length: number): Buffer | undefined {
    return this.tail.view(pos, length);
  }

  /** Reads `[pos, pos + length)` (clamped to the readable end), from memory when possible. */
  async read(pos: number, length: number): Promise<Buffer> {
    const end = Math.min(pos + length, this.wrotePosition);
    if (end <= pos) return Buffer.alloc(0);
    const inMemory = this.tail.view(pos, end - pos);
    if (inMemory) return inMemory;
    // Memory holds one contiguous range [memoryStart, wrotePosition); the file holds what precedes it.
    const memoryStart = this.tail.firstPosition();
    if (end <= memoryStart) return readFully(await this.opened, pos, end - pos);
    const parts = this.tail.runs(Math.max(pos, memoryStart), end).map((r) => r.bytes);
    if (pos < memoryStart) parts.unshift(await readFully(await this.opened, pos, memoryStart - pos));
    return Buffer.concat(parts);
  }

  /** Start-up only: reads synchronously; bytes not yet written to the file come from memory. */
  readSync(pos: number, length: number): Buffer {
    const end = pos + Math.max(0, Math.min(length, this.fileSize - pos));
    const inMemory = this.tail.view(pos, end - pos);
    if (inMemory) return inMemory;
    const result = this.fd === undefined ? Buffer.alloc(end - pos) : readFullySync(this.fd, pos, end - pos);
    for (const run of this.tail.runs(pos, end)) result.set(run.bytes, run.pos - pos);
    return result;
  }

  /** Start-up only: makes `pos` the end of data and zeroes the file after it (unwritten bytes before it stay pending). */
  truncateSync(pos: number): void {
    if (this.fd !== undefined) {
      fs.ftruncateSync(this.fd, pos);
      fs.ftruncateSync(this.fd, this.fileSize);
    }
    this.tail.truncate(pos);
    this.wrotePosition = pos;
    this.committedPosition = Math.min(this.committedPosition, pos);
    this.flushedPosition = Math.min(this.flushedPosition, pos);
  }

  /** Last modification time of the file, for expiry. */
  async lastModified(): Promise<number> {
    return (await fdIo.stat(this.filePath)).mtimeMs;
  }

  async close(): Promise<void> {
    await this.opened.catch(() => undefined);
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) await fdIo.close(fd);
  }

  /** Closes and deletes the file. */
  async destroy(): Promise<void> {
    this.destroyed = true;
    await this.close();
    await fdIo.unlink(this.filePath).catch(() => undefined);
  }

  /** Start-up only: closes and deletes the file synchronously. */
  destroySync(): void {
    this.destroyed = true;
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    fs.rmSync(this.filePath, { force: true });
  }
}

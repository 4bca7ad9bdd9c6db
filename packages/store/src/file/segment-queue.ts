import * as fs from 'node:fs';
import * as path from 'node:path';
import { MQError, CommonErrorCode } from '@mq/common';
import { OS_PAGE_SIZE, SegmentFile } from './segment-file';
import { parseSegmentFileName } from './segment-name';

/** Tuning of a segment queue's in-memory tail. */
export interface SegmentQueueOptions {
  /** Size of one in-memory append chunk. */
  chunkSize: number;
  /** Bytes of already-written data kept in memory for readers, per queue. */
  retainBytes: number;
}

/**
 * A directory of equal-sized segment files named by start offset (RocketMQ's
 * `MappedFileQueue`, spec §1.2). Global offset X lives in the file starting at
 * `floor(X / fileSize) * fileSize`. Commits and flushes are serialised, so bytes reach the
 * files in append order.
 */
export class SegmentQueue {
  files: SegmentFile[] = [];
  private committing: Promise<void> = Promise.resolve();
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    readonly fileSize: number,
    private readonly options: SegmentQueueOptions,
  ) {}

  /** Start-up: opens the existing files (spec §1.2 load rules). */
  loadSync(): void {
    if (!fs.existsSync(this.dir)) return;
    const names = fs
      .readdirSync(this.dir, { withFileTypes: true })
      .filter((e) => e.isFile() && parseSegmentFileName(e.name) !== undefined)
      .map((e) => e.name)
      .sort();
    names.forEach((name, i) => {
      const filePath = path.join(this.dir, name);
      const size = fs.statSync(filePath).size;
      if (i === names.length - 1 && size === 0) {
        fs.rmSync(filePath);
        return;
      }
      if (size !== this.fileSize) {
        throw new MQError(
          CommonErrorCode.SYSTEM_ERROR,
          `${filePath} is ${size} bytes but the configured file size is ${this.fileSize}; fix the size setting or move the file away`,
        );
      }
      this.files.push(SegmentFile.openSync(filePath, parseSegmentFileName(name) as number, this.fileSize, this.options.chunkSize));
    });
  }

  firstFile(): SegmentFile | undefined {
    return this.files[0];
  }

  lastFile(): SegmentFile | undefined {
    return this.files[this.files.length - 1];
  }

  /** The file to append to: the last one, or a new one when there is none or it is full. */
  fileForAppend(startOffsetIfEmpty = 0): SegmentFile {
    const last = this.lastFile();
    if (last && !last.isFull()) return last;
    const from = last ? last.fileFromOffset + this.fileSize : startOffsetIfEmpty - (startOffsetIfEmpty % this.fileSize);
    const file = SegmentFile.create(this.dir, from, this.fileSize, this.options.chunkSize);
    this.files.push(file);
    return file;
  }

  /** The file holding global `offset`, if any. */
  findFile(offset: number): SegmentFile | undefined {
    const first = this.files[0];
    if (!first || offset < first.fileFromOffset) return undefined;
    const file = this.files[Math.floor((offset - first.fileFromOffset) / this.fileSize)];
    return file && offset >= file.fileFromOffset && offset < file.fileFromOffset + this.fileSize ? file : undefined;
  }

  minOffset(): number {
    const first = this.firstFile();
    return first ? first.fileFromOffset : 0;
  }

  /** End of appended data (readable: unwritten bytes are served from memory). */
  maxOffset(): number {
    const last = this.lastFile();
    return last ? last.fileFromOffset + last.wrotePosition : 0;
  }

  committedOffset(): number {
    return this.positionOf((f) => f.committedPosition);
  }

  flushedOffset(): number {
    return this.positionOf((f) => f.flushedPosition);
  }

  /** Writes all appended bytes to their files, in order. Resolves to the committed end. */
  commit(): Promise<number> {
    const run = this.committing.then(async () => {
      for (const file of this.files.slice()) {
        if (file.committedPosition < file.wrotePosition) await file.commit();
        file.trimCache(file === this.lastFile() ? this.options.retainBytes : 0);
      }
    });
    this.committing = run.catch(() => undefined);
    return run.then(() => this.committedOffset());
  }

  /**
   * Forces committed bytes to disk. With `leastPages > 0` a file is forced only when that
   * many pages are dirty or it is full (spec §1.2). Resolves to the flushed end.
   */
  flush(leastPages = 0): Promise<number> {
    const run = this.flushing.then(async () => {
      for (const file of this.files.slice()) {
        if (file.flushedPosition < file.committedPosition && this.dirtyEnough(file, leastPages)) await file.flush();
      }
    });
    this.flushing = run.catch(() => undefined);
    return run.then(() => this.flushedOffset());
  }

  /** Reads `[offset, offset + length)` from the one file holding `offset` (clamped to it). */
  async read(offset: number, length: number): Promise<Buffer | undefined> {
    const file = this.findFile(offset);
    if (!file) return undefined;
    const pos = offset - file.fileFromOffset;
    return file.read(pos, Math.min(length, this.fileSize - pos));
  }

  /** Start-up only: makes `offset` the end of data; later files are deleted. */
  truncateDirtySync(offset: number): void {
    for (const file of this.files.slice()) {
      const fileEnd = file.fileFromOffset + this.fileSize;
      if (fileEnd <= offset) continue;
      if (offset >= file.fileFromOffset) {
        file.truncateSync(offset - file.fileFromOffset);
      } else {
        file.destroySync();
        this.files.splice(this.files.indexOf(file), 1);
      }
    }
  }

  /** Deletes the first file (never the last). */
  async deleteFirstFile(): Promise<boolean> {
    if (this.files.length <= 1) return false;
    const first = this.files.shift() as SegmentFile;
    await first.destroy();
    return true;
  }

  /** Deletes every file. */
  async destroy(): Promise<void> {
    const files = this.files;
    this.files = [];
    for (const file of files) await file.destroy();
  }

  /** Start-up only: deletes every file synchronously. */
  destroySync(): void {
    for (const file of this.files) file.destroySync();
    this.files = [];
  }

  async close(): Promise<void> {
    await this.committing;
    await this.flushing;
    for (const file of this.files) await file.close();
  }

  private positionOf(pick: (f: SegmentFile) => number): number {
    for (const file of this.files) {
      if (pick(file) < this.fileSize) return file.fileFromOffset + pick(file);
    }
    const last = this.lastFile();
    return last ? last.fileFromOffset + this.fileSize : 0;
  }

  private dirtyEnough(file: SegmentFile, leastPages: number): boolean {
    if (leastPages <= 0 || file.committedPosition === this.fileSize) return true;
    return Math.floor(file.committedPosition / OS_PAGE_SIZE) - Math.floor(file.flushedPosition / OS_PAGE_SIZE) >= leastPages;
  }
}

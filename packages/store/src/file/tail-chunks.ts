/** One in-memory run of a segment's bytes: file positions `[pos, end)` live in `buf[0, end - pos)`. */
interface Chunk {
  readonly pos: number;
  readonly buf: Buffer;
  end: number;
}

/** Where the caller encodes `length` bytes: `buf[offset, offset + length)`. */
export interface Reservation {
  readonly buf: Buffer;
  readonly offset: number;
}

/**
 * The write-behind tail of one segment file: appended bytes are encoded straight into these
 * chunks, written to the file later in one positional write per chunk, and kept afterwards
 * (within a budget) so recent data is read from memory. Every byte that is not yet written
 * to the file is in a chunk, so a chunk is dropped only once the file holds it.
 */
export class TailChunks {
  private chunks: Chunk[] = [];

  constructor(private readonly chunkSize: number) {}

  /** Space for `length` contiguous bytes at file position `pos` (the current end). */
  reserve(pos: number, length: number): Reservation {
    let last = this.chunks[this.chunks.length - 1];
    if (!last || last.end !== pos || last.pos + last.buf.length < pos + length) {
      last = { pos, buf: Buffer.allocUnsafeSlow(Math.max(this.chunkSize, length)), end: pos };
      this.chunks.push(last);
    }
    const offset = pos - last.pos;
    last.end = pos + length;
    return { buf: last.buf, offset };
  }

  /** A view of `[pos, pos + length)` when one chunk holds all of it. */
  view(pos: number, length: number): Buffer | undefined {
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const chunk = this.chunks[i];
      if (pos >= chunk.pos) {
        return pos + length <= chunk.end ? chunk.buf.subarray(pos - chunk.pos, pos - chunk.pos + length) : undefined;
      }
    }
    return undefined;
  }

  /** File position of the first byte held in memory (`Infinity` when empty). */
  firstPosition(): number {
    return this.chunks.length > 0 ? this.chunks[0].pos : Infinity;
  }

  /** The runs of `[from, to)` that are in memory, in file order, for writing them out. */
  runs(from: number, to: number): Array<{ pos: number; bytes: Buffer }> {
    const result: Array<{ pos: number; bytes: Buffer }> = [];
    for (const chunk of this.chunks) {
      const start = Math.max(from, chunk.pos);
      const end = Math.min(to, chunk.end);
      if (end > start) result.push({ pos: start, bytes: chunk.buf.subarray(start - chunk.pos, end - chunk.pos) });
    }
    return result;
  }

  /** Drops the oldest chunks wholly below `committed` until at most `retainBytes` stay (the newest chunk always stays). */
  trim(committed: number, retainBytes: number): void {
    let held = 0;
    for (const chunk of this.chunks) held += chunk.buf.length;
    while (this.chunks.length > 1 && this.chunks[0].end <= committed && held > retainBytes) {
      held -= this.chunks[0].buf.length;
      this.chunks.shift();
    }
    if (this.chunks.length === 1 && retainBytes === 0 && this.chunks[0].end <= committed) this.chunks = [];
  }

  /** Forgets everything at or past `pos` (recovery truncation). */
  truncate(pos: number): void {
    this.chunks = this.chunks.filter((c) => c.pos < pos);
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.end > pos) last.end = pos;
  }
}

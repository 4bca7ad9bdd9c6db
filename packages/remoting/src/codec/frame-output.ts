const EMPTY: Buffer = Buffer.alloc(0);

/**
 * Append-only output for encoded frames. Bytes are written straight into a slab at `end`
 * (after `reserve`); buffers too large to copy are kept as pieces of their own, in order.
 * `take()` hands over everything appended so far as few buffers as possible, usually one.
 * Taken bytes are never overwritten: the next bytes go after them, or into a fresh slab.
 */
export class FrameOutput {
  /** The slab being written; bytes before `end` are committed. */
  slab: Buffer = EMPTY;
  /** Write position in `slab`. */
  end = 0;
  /** Start of the committed bytes not yet cut into `pieces`. */
  private start = 0;
  private pieces: Buffer[] = [];

  /** @param slabSize size of each new slab (larger when one write needs more). */
  constructor(private readonly slabSize: number) {}

  /** Makes room for `bytes` more at `slab[end]`, moving to a fresh slab when this one is full. */
  reserve(bytes: number): void {
    if (this.end + bytes <= this.slab.length) return;
    this.cut();
    this.slab = Buffer.allocUnsafe(Math.max(this.slabSize, bytes));
    this.start = 0;
    this.end = 0;
  }

  /** Copies `bytes` into the slab. */
  append(bytes: Buffer): void {
    this.reserve(bytes.length);
    this.end += bytes.copy(this.slab, this.end);
  }

  /** Keeps `bytes` as a piece of its own, after everything appended so far. */
  appendUncopied(bytes: Buffer): void {
    this.cut();
    this.pieces.push(bytes);
  }

  /** Everything appended since the last call, in order. An oversized slab is not reused. */
  take(): Buffer[] {
    this.cut();
    if (this.slab.length > this.slabSize) {
      this.slab = EMPTY;
      this.start = 0;
      this.end = 0;
    }
    const pieces = this.pieces;
    this.pieces = [];
    return pieces;
  }

  private cut(): void {
    if (this.end === this.start) return;
    this.pieces.push(this.slab.subarray(this.start, this.end));
    this.start = this.end;
  }
}

import { RemotingDecodeError } from './decode-error';
import { HEADER_WORD_SIZE, LENGTH_FIELD_SIZE, MAX_FRAME_LENGTH } from './frame-limits';
import { decodeHeaderWord } from './header-word';

const PREFIX_SIZE = LENGTH_FIELD_SIZE + HEADER_WORD_SIZE;
const EMPTY: Buffer = Buffer.alloc(0);

/** Receives each complete frame, without its length field. */
export type FrameHandler = (frame: Buffer) => void;

/**
 * Splits a byte stream into frames. Frames that lie inside one chunk are passed on as views
 * of it; only a frame spanning chunks is copied, once, when its last byte arrives. The
 * length prefix is validated as soon as its 8 bytes are in (limit, header length, serialize
 * type), so a hostile length is rejected before any of its bytes are buffered.
 */
export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Length value of the frame being assembled, once its prefix is known. */
  private frameLength = -1;
  private readonly scratch = Buffer.allocUnsafe(PREFIX_SIZE);

  /** @param maxFrameLength largest whole frame (length field included) to accept. */
  constructor(private readonly maxFrameLength: number = MAX_FRAME_LENGTH) {}

  /** Bytes held for an incomplete frame. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /**
   * Feeds the next chunk of the stream and hands every frame it completes to `onFrame`, in
   * order. Throws {@link RemotingDecodeError} on a malformed prefix; the stream cannot be
   * resynchronised after that.
   */
  push(chunk: Buffer, onFrame: FrameHandler): void {
    if (this.pendingBytes === 0) {
      this.scan(chunk, onFrame);
      return;
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.frameLength < 0) {
      if (this.pendingBytes < PREFIX_SIZE) return;
      this.frameLength = this.validatePrefix(this.peekPrefix(), 0);
    }
    if (this.pendingBytes < LENGTH_FIELD_SIZE + this.frameLength) return;
    const rest = this.assemblePendingFrame(onFrame);
    if (rest.length > 0) this.scan(rest, onFrame);
  }

  /** Emits the frames lying entirely in `chunk` and keeps the incomplete tail. */
  private scan(chunk: Buffer, onFrame: FrameHandler): void {
    let at = 0;
    while (chunk.length - at >= PREFIX_SIZE) {
      const frameLength = this.validatePrefix(chunk, at);
      const end = at + LENGTH_FIELD_SIZE + frameLength;
      if (end > chunk.length) {
        this.hold(chunk.subarray(at), frameLength);
        return;
      }
      onFrame(chunk.subarray(at + LENGTH_FIELD_SIZE, end));
      at = end;
    }
    if (at < chunk.length) this.hold(chunk.subarray(at), -1);
  }

  private hold(tail: Buffer, frameLength: number): void {
    this.pending = [tail];
    this.pendingBytes = tail.length;
    this.frameLength = frameLength;
  }

  /** Copies the frame spread over the pending chunks; returns the bytes after it. */
  private assemblePendingFrame(onFrame: FrameHandler): Buffer {
    const frame = Buffer.allocUnsafe(this.frameLength);
    let skip = LENGTH_FIELD_SIZE;
    let filled = 0;
    let rest = EMPTY;
    for (const chunk of this.pending) {
      if (skip >= chunk.length) {
        skip -= chunk.length;
        continue;
      }
      const take = Math.min(chunk.length - skip, frame.length - filled);
      chunk.copy(frame, filled, skip, skip + take);
      filled += take;
      if (filled === frame.length) {
        rest = chunk.subarray(skip + take);
        break;
      }
      skip = 0;
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.frameLength = -1;
    onFrame(frame);
    return rest;
  }

  private peekPrefix(): Buffer {
    const first = this.pending[0];
    if (first.length >= PREFIX_SIZE) return first;
    let filled = 0;
    for (const chunk of this.pending) {
      filled += chunk.copy(this.scratch, filled, 0, Math.min(chunk.length, PREFIX_SIZE - filled));
      if (filled === PREFIX_SIZE) break;
    }
    return this.scratch;
  }

  /** Checks the 8-byte prefix at `at` and returns the frame's length value. */
  private validatePrefix(bytes: Buffer, at: number): number {
    const frameLength = bytes.readUInt32BE(at);
    if (frameLength < HEADER_WORD_SIZE) {
      throw new RemotingDecodeError(`frame length ${frameLength} is shorter than the header-length word`);
    }
    if (frameLength + LENGTH_FIELD_SIZE > this.maxFrameLength) {
      throw new RemotingDecodeError(`frame length ${frameLength} exceeds the limit of ${this.maxFrameLength - LENGTH_FIELD_SIZE}`);
    }
    decodeHeaderWord(bytes.readUInt32BE(at + LENGTH_FIELD_SIZE), frameLength);
    return frameLength;
  }
}

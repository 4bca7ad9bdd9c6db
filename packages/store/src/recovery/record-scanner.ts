import { decodeStoredRecord, MessageMagic, type MessageExt } from '@mq/common';
import type { SegmentFile } from '../file/segment-file';

const WINDOW_SIZE = 4 * 1024 * 1024;

/** What lies at a scan position (spec §5.2 `checkMessageAndReturnSize`). */
export type ScannedRecord =
  | { readonly kind: 'message'; readonly message: MessageExt; readonly size: number }
  | { readonly kind: 'blank' }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * Start-up only: walks the records of one commit-log file with synchronous windowed reads,
 * validating each (magic, lengths, and the body CRC when asked).
 */
export class RecordScanner {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly file: SegmentFile,
    private readonly checkCRC: boolean,
  ) {}

  /** The record at file position `pos`. */
  at(pos: number): ScannedRecord {
    const remaining = this.file.fileSize - pos;
    if (remaining < 8) return { kind: 'invalid', reason: `only ${remaining} bytes left in the file` };
    const head = this.bytes(pos, 8);
    const totalSize = head.readInt32BE(0);
    const magic = head.readInt32BE(4);
    if (magic === MessageMagic.BLANK) return { kind: 'blank' };
    if (magic !== MessageMagic.V1 && magic !== MessageMagic.V2) return { kind: 'invalid', reason: `bad magic 0x${(magic >>> 0).toString(16)}` };
    if (totalSize <= 8 || totalSize > remaining) return { kind: 'invalid', reason: `TOTALSIZE ${totalSize} does not fit the ${remaining} bytes left` };
    try {
      const { message, size } = decodeStoredRecord(this.bytes(pos, totalSize), 0, { checkCRC: this.checkCRC, decompressBody: false });
      return { kind: 'message', message, size };
    } catch (err) {
      return { kind: 'invalid', reason: (err as Error).message };
    }
  }

  private bytes(pos: number, length: number): Buffer {
    if (pos < this.windowStart || pos + length > this.windowStart + this.window.length) {
      this.window = this.file.readSync(pos, Math.max(WINDOW_SIZE, length));
      this.windowStart = pos;
    }
    return this.window.subarray(pos - this.windowStart, pos - this.windowStart + length);
  }
}

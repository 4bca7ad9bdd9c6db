import * as fs from 'node:fs';
import { promisify } from 'node:util';

/** Promise forms of the descriptor calls the store uses after start-up (no sync I/O on the hot path). */
export const fdIo = {
  open: promisify(fs.open),
  close: promisify(fs.close),
  ftruncate: promisify(fs.ftruncate),
  fdatasync: promisify(fs.fdatasync),
  unlink: promisify(fs.unlink),
  stat: promisify(fs.stat),
  read: promisify(fs.read),
  write: promisify(fs.write) as (fd: number, buf: Buffer, offset: number, length: number, position: number) => Promise<{ bytesWritten: number }>,
};

/** Writes all of `bytes` at file `position`, looping over short writes. */
export async function writeFully(fd: number, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await fdIo.write(fd, bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/** Reads `length` bytes at `position` into a new buffer; shorter if the file ends first. */
export async function readFully(fd: number, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fdIo.read(fd, buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buf : buf.subarray(0, done);
}

/** Start-up only: reads `length` bytes at `position` synchronously. */
export function readFullySync(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buf : buf.subarray(0, done);
}

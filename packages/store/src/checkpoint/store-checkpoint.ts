import * as fs from 'node:fs';
import { readInt64BE, writeInt64BE } from '@mq/common';
import { fdIo, writeFully } from '../file/fd-io';

const CHECKPOINT_FILE_SIZE = 4096;
const CHECKPOINT_FIELDS_SIZE = 40;

/**
 * The `checkpoint` file (spec §1.6): a 4096-byte file whose first 40 bytes record how far
 * the commit log, the consume queues and the index are known to be durable.
 */
export class StoreCheckpoint {
  /** Store time of the last commit-log data known flushed. */
  physicMsgTimestamp = 0;
  /** Store time of the last message dispatched into a consume queue (and flushed there). */
  logicsMsgTimestamp = 0;
  /** End time of the last full, flushed index file. */
  indexMsgTimestamp = 0;
  masterFlushedOffset = 0;
  confirmPhyOffset = 0;
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly fd: number) {}

  /** Start-up: opens (or creates) the checkpoint file and reads it. */
  static openSync(filePath: string): StoreCheckpoint {
    const fd = fs.openSync(filePath, fs.existsSync(filePath) ? 'r+' : 'w+');
    if (fs.fstatSync(fd).size < CHECKPOINT_FILE_SIZE) fs.ftruncateSync(fd, CHECKPOINT_FILE_SIZE);
    const checkpoint = new StoreCheckpoint(fd);
    const buf = Buffer.alloc(CHECKPOINT_FIELDS_SIZE);
    fs.readSync(fd, buf, 0, CHECKPOINT_FIELDS_SIZE, 0);
    checkpoint.physicMsgTimestamp = readInt64BE(buf, 0);
    checkpoint.logicsMsgTimestamp = readInt64BE(buf, 8);
    checkpoint.indexMsgTimestamp = readInt64BE(buf, 16);
    checkpoint.masterFlushedOffset = readInt64BE(buf, 24);
    checkpoint.confirmPhyOffset = readInt64BE(buf, 32);
    return checkpoint;
  }

  /** `min(physic, logics) - 3000`, floored at 0: where abnormal recovery may start (spec §5.3). */
  minTimestamp(): number {
    return Math.max(0, Math.min(this.physicMsgTimestamp, this.logicsMsgTimestamp) - 3000);
  }

  /** Writes the current values and forces them to disk. Calls are serialised. */
  flush(): Promise<void> {
    const run = this.writing.then(async () => {
      await writeFully(this.fd, this.encode(), 0);
      await fdIo.fdatasync(this.fd);
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.writing;
    await fdIo.close(this.fd);
  }

  private encode(): Buffer {
    const buf = Buffer.alloc(CHECKPOINT_FIELDS_SIZE);
    writeInt64BE(buf, this.physicMsgTimestamp, 0);
    writeInt64BE(buf, this.logicsMsgTimestamp, 8);
    writeInt64BE(buf, this.indexMsgTimestamp, 16);
    writeInt64BE(buf, this.masterFlushedOffset, 24);
    writeInt64BE(buf, this.confirmPhyOffset, 32);
    return buf;
  }
}

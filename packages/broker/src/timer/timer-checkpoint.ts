import * as fs from 'node:fs';
import * as path from 'node:path';
import { readInt64BE, writeInt64BE } from '@mq/common';

const FILE_SIZE = 4096;

/** `config/timercheck`: how far the timer has enqueued and delivered (store-and-broker §7.2). */
export interface TimerProgress {
  lastReadTimeMs: number;
  lastTimerLogFlushPos: number;
  lastTimerQueueOffset: number;
  masterTimerQueueOffset: number;
}

/** Reads and writes `config/timercheck` (4096 bytes of longs; DataVersion as stateVersion, timestamp, counter). */
export class TimerCheckpoint {
  private readonly file: string;
  private counter = 0;

  constructor(rootDir: string) {
    this.file = path.join(rootDir, 'config', 'timercheck');
  }

  /** The saved progress, or zeros on a first start. Start-up only (sync). */
  load(): TimerProgress {
    if (!fs.existsSync(this.file)) return { lastReadTimeMs: 0, lastTimerLogFlushPos: 0, lastTimerQueueOffset: 0, masterTimerQueueOffset: 0 };
    const data = fs.readFileSync(this.file);
    this.counter = readInt64BE(data, 48);
    return {
      lastReadTimeMs: readInt64BE(data, 0),
      lastTimerLogFlushPos: readInt64BE(data, 8),
      lastTimerQueueOffset: readInt64BE(data, 16),
      masterTimerQueueOffset: readInt64BE(data, 24),
    };
  }

  /** Writes the progress (temp file + rename, so a crash leaves the old or the new one). */
  async save(progress: TimerProgress): Promise<void> {
    const data = Buffer.alloc(FILE_SIZE);
    writeInt64BE(data, progress.lastReadTimeMs, 0);
    writeInt64BE(data, progress.lastTimerLogFlushPos, 8);
    writeInt64BE(data, progress.lastTimerQueueOffset, 16);
    writeInt64BE(data, progress.masterTimerQueueOffset, 24);
    writeInt64BE(data, 0, 32);
    writeInt64BE(data, Date.now(), 40);
    writeInt64BE(data, ++this.counter, 48);
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    await fs.promises.writeFile(temp, data);
    await fs.promises.rename(temp, this.file);
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { MQError, CommonErrorCode } from '@mq/common';

/**
 * The `abort` marker (present while the store runs; its presence at start-up means the last
 * exit was abnormal) and the `lock` guard against two stores on one directory (spec §1.6).
 * Node has no portable `flock`, so the lock records the owner's pid and is taken over only
 * when that process is gone.
 */
export class RunFiles {
  private readonly abortPath: string;
  private readonly lockPath: string;
  private locked = false;

  constructor(rootDir: string) {
    this.abortPath = path.join(rootDir, 'abort');
    this.lockPath = path.join(rootDir, 'lock');
  }

  /** True when the previous run did not shut down cleanly. */
  lastExitAbnormal(): boolean {
    return fs.existsSync(this.abortPath);
  }

  /** Takes the lock or fails with "MQ already started". */
  lock(): void {
    const owner = this.lockOwner();
    if (owner !== undefined && owner !== process.pid && processAlive(owner)) {
      throw new MQError(CommonErrorCode.SYSTEM_ERROR, `Lock failed, MQ already started (pid ${owner} holds ${this.lockPath})`);
    }
    fs.writeFileSync(this.lockPath, `lock ${process.pid}`);
    this.locked = true;
  }

  createAbort(): void {
    fs.writeFileSync(this.abortPath, String(process.pid));
  }

  deleteAbort(): void {
    fs.rmSync(this.abortPath, { force: true });
  }

  unlock(): void {
    if (this.locked) fs.rmSync(this.lockPath, { force: true });
    this.locked = false;
  }

  private lockOwner(): number | undefined {
    if (!fs.existsSync(this.lockPath)) return undefined;
    const match = /lock (\d+)/.exec(fs.readFileSync(this.lockPath, 'utf8'));
    return match ? Number(match[1]) : undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

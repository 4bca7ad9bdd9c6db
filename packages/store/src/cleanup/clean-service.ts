import * as path from 'node:path';
import { getLogger } from '@mq/common';
import type { CommitLog } from '../commitlog/commit-log';
import { commitLogDir, type MessageStoreConfig } from '../config/message-store-config';
import type { ConsumeQueueTable } from '../consumequeue/consume-queue-table';
import type { IndexService } from '../index/index-service';
import type { DiskUsageProbe } from './disk-usage';

const log = getLogger('CleanService');
const MANUAL_DELETE_ROUNDS = 20;

/** Used-disk ratios of the last check, as fractions. */
export interface DiskRatios {
  commitLog: number;
  consumeQueue: number;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Expiry and disk guards (spec §6): deletes old commit-log files at `deleteWhen`, at once
 * when the disk passes `diskMaxUsedSpaceRatio`, regardless of age past the force ratio;
 * flags the disk full (writes refused) past the warning ratio; then removes consume-queue
 * and index files that only point into deleted commit-log files.
 */
export class CleanService {
  /** True while the disk is above the warning ratio: the store refuses writes. */
  diskFull = false;
  ratios: DiskRatios = { commitLog: 0, consumeQueue: 0 };
  private manualRounds = 0;
  private lastCommitLogMin = -1;

  constructor(
    private readonly config: MessageStoreConfig,
    private readonly commitLog: CommitLog,
    private readonly consumeQueues: ConsumeQueueTable,
    private readonly index: IndexService | undefined,
    private readonly diskUsage: DiskUsageProbe,
  ) {}

  /** Arms 20 rounds that delete expired files whatever the hour (`executeDeleteFilesManually`). */
  deleteFilesManually(): void {
    this.manualRounds = MANUAL_DELETE_ROUNDS;
  }

  /** One pass of the periodic cleaner. */
  async runOnce(now = Date.now()): Promise<void> {
    const cleanImmediately = await this.checkDisk();
    const timeUp = this.config.deleteWhen.split(';').some((h) => Number(h) === new Date(now).getHours());
    const manual = this.manualRounds > 0;
    if (manual) this.manualRounds--;
    const spaceFull = cleanImmediately || this.ratios.commitLog > clamp(this.config.diskMaxUsedSpaceRatio, 10, 95) / 100 || this.ratios.commitLog < 0;
    if (timeUp || spaceFull || manual) {
      const force = cleanImmediately && this.config.cleanFileForciblyEnable;
      const deleted = await this.deleteCommitLogFiles(now, force);
      if (deleted > 0) log.info({ deleted, force }, 'deleted commit-log files');
    }
    await this.cleanLogicFiles();
  }

  /** Measures the disk; sets or clears DISK_FULL. True when files must go regardless of age. */
  private async checkDisk(): Promise<boolean> {
    const c = this.config;
    this.ratios = {
      commitLog: await this.diskUsage(commitLogDir(c)),
      consumeQueue: await this.diskUsage(path.join(c.storePathRootDir, 'consumequeue')),
    };
    const ratio = Math.max(this.ratios.commitLog, this.ratios.consumeQueue);
    const warning = clamp(c.diskSpaceWarningLevelRatio, 35, 90) / 100;
    const force = clamp(c.diskSpaceCleanForciblyRatio, 30, 85) / 100;
    if (ratio > warning) {
      if (!this.diskFull) log.error({ ratios: this.ratios }, 'disk maybe full soon; writes are refused until space returns');
      this.diskFull = true;
      return true;
    }
    if (this.diskFull) log.info({ ratios: this.ratios }, 'disk space is back; writes resume');
    this.diskFull = false;
    return ratio > force;
  }

  /** Deletes expired head files (never the last), stopping at the first one to keep. */
  private async deleteCommitLogFiles(now: number, force: boolean): Promise<number> {
    const queue = this.commitLog.queue;
    const reservedMs = this.config.fileReservedTime * 3600 * 1000;
    let deleted = 0;
    while (deleted < this.config.deleteFileBatchMax && queue.files.length > 1) {
      const first = queue.files[0];
      if (!force && now < (await first.lastModified()) + reservedMs) break;
      await queue.deleteFirstFile();
      deleted++;
      if (this.config.deleteCommitLogFilesInterval > 0) await sleep(this.config.deleteCommitLogFilesInterval);
    }
    return deleted;
  }

  /** Drops consume-queue and index files pointing only below the commit log's new min offset. */
  private async cleanLogicFiles(): Promise<void> {
    const min = this.commitLog.minOffset();
    if (min <= this.lastCommitLogMin) return;
    this.lastCommitLogMin = min;
    for (const cq of this.consumeQueues.all()) {
      const deleted = await cq.deleteExpiredFiles(min);
      await cq.correctMinOffset(min);
      if (deleted > 0 && this.config.deleteConsumeQueueFilesInterval > 0) await sleep(this.config.deleteConsumeQueueFilesInterval);
    }
    await this.index?.deleteExpiredFiles(min);
  }
}

import { getLogger } from '@mq/common';
import type { StoreCheckpoint } from '../checkpoint/store-checkpoint';
import { consumesQueueOffset } from '../commitlog/commit-log';
import type { ConsumeQueueTable } from '../consumequeue/consume-queue-table';
import { toDispatchRequest, type DispatchRequest } from '../dispatch/dispatch-request';
import type { SegmentFile } from '../file/segment-file';
import type { SegmentQueue } from '../file/segment-queue';
import { RecordScanner } from './record-scanner';

const log = getLogger('Recovery');

/** Inputs of commit-log recovery. */
export interface CommitLogRecoveryContext {
  readonly queue: SegmentQueue;
  readonly consumeQueues: ConsumeQueueTable;
  readonly checkpoint: StoreCheckpoint;
  readonly checkCRC: boolean;
  readonly lastExitAbnormal: boolean;
  /** `messageIndexEnable && messageIndexSafe`: abnormal recovery also starts early enough to rebuild the index. */
  readonly indexSafe: boolean;
  readonly delayLevels: readonly number[];
  readonly dispatch: (req: DispatchRequest) => void;
}

interface ScanEnd {
  /** End of the last valid record. */
  processOffset: number;
  /** Start of the last valid record. */
  lastRecordStart: number;
}

/**
 * Finds the end of valid data in the commit log and makes the store consistent with it
 * (spec §5.3): scans from a start file the checkpoint vouches for, re-dispatches what the
 * consume queues and index may lack, rebuilds a consume queue found missing or short,
 * truncates a torn tail, and cuts consume-queue units that point past the end. Returns the
 * end offset (`processOffset`).
 */
export function recoverCommitLog(ctx: CommitLogRecoveryContext): number {
  const { queue, consumeQueues } = ctx;
  if (queue.files.length === 0) {
    consumeQueues.destroySync();
    return 0;
  }
  const dispatchFrom = consumeQueues.maxPhysicOffset();
  const startIndex = chooseStartFile(ctx, dispatchFrom);
  log.info({ abnormal: ctx.lastExitAbnormal, startFile: queue.files[startIndex].filePath, dispatchFrom }, 'recovering commit log');
  const damaged = new Set<string>();
  const end = scanRecords(ctx, startIndex, Infinity, (req) => {
    if (ctx.lastExitAbnormal || req.commitLogOffset + req.msgSize > dispatchFrom) ctx.dispatch(req);
    else if (lacksUnit(consumeQueues, req)) damaged.add(queueKey(req));
  });
  if (damaged.size > 0) {
    log.warn({ queues: [...damaged] }, 'consume queues missing or shorter than the commit log; rebuilding them from the commit log');
    scanRecords(ctx, 0, end.processOffset, (req) => {
      if (damaged.has(queueKey(req))) ctx.dispatch(req);
    });
  }
  if (consumeQueues.maxPhysicOffset() >= end.processOffset) {
    for (const cq of consumeQueues.all()) cq.truncateDirtySync(end.processOffset);
  }
  queue.truncateDirtySync(end.processOffset);
  ctx.checkpoint.confirmPhyOffset = end.lastRecordStart;
  return end.processOffset;
}

/** Visits every valid record from file `startIndex` until the first invalid one (or `stopAt`). */
function scanRecords(ctx: CommitLogRecoveryContext, startIndex: number, stopAt: number, visit: (req: DispatchRequest) => void): ScanEnd {
  const files = ctx.queue.files;
  const end: ScanEnd = { processOffset: files[startIndex].fileFromOffset, lastRecordStart: files[startIndex].fileFromOffset };
  for (let i = startIndex; i < files.length; i++) {
    const file = files[i];
    const scanner = new RecordScanner(file, ctx.checkCRC);
    for (let pos = 0; file.fileFromOffset + pos < stopAt; ) {
      const record = scanner.at(pos);
      if (record.kind === 'blank') {
        end.processOffset = file.fileFromOffset + file.fileSize;
        break;
      }
      if (record.kind === 'invalid') {
        if (!isZeroed(file, pos)) log.warn({ file: file.filePath, pos, reason: record.reason }, 'invalid commit-log record: end of valid data, the rest is truncated');
        return end;
      }
      visit(toDispatchRequest(record.message, record.size, ctx.delayLevels));
      end.lastRecordStart = file.fileFromOffset + pos;
      pos += record.size;
      end.processOffset = file.fileFromOffset + pos;
    }
    if (end.processOffset >= stopAt) break;
  }
  return end;
}

/** Walks back from the last file to the first whose first record the checkpoint vouches for. */
function chooseStartFile(ctx: CommitLogRecoveryContext, dispatchFrom: number): number {
  const files = ctx.queue.files;
  const limit = Math.min(ctx.checkpoint.minTimestamp(), ctx.indexSafe ? ctx.checkpoint.indexMsgTimestamp : Infinity);
  for (let i = files.length - 1; i >= 0; i--) {
    const first = new RecordScanner(files[i], ctx.checkCRC).at(0);
    if (first.kind !== 'message' || first.message.storeTimestamp === 0) continue;
    if (ctx.lastExitAbnormal ? first.message.storeTimestamp <= limit : first.message.commitLogOffset <= dispatchFrom) return i;
  }
  return 0;
}

function lacksUnit(consumeQueues: ConsumeQueueTable, req: DispatchRequest): boolean {
  if (!consumesQueueOffset(req.sysFlag)) return false;
  const cq = consumeQueues.find(req.topic, req.queueId);
  return !cq || cq.maxOffsetInQueue() <= req.consumeQueueOffset;
}

function queueKey(req: DispatchRequest): string {
  return `${req.topic}-${req.queueId}`;
}

function isZeroed(file: SegmentFile, pos: number): boolean {
  return file.readSync(pos, 8).every((b) => b === 0);
}

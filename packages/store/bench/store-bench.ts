/**
 * Store benchmark: append throughput and latency (64 producers, 1 KiB bodies) with
 * ASYNC_FLUSH and SYNC_FLUSH against a raw-file baseline measured in the same run, then
 * getMessage throughput on a hot tail and on a cold backlog. Prints a table and a final
 * JSON line. Run: npm run bench -w @mq/store  (MQ_BENCH_MESSAGES, MQ_BENCH_SYNC_MESSAGES,
 * MQ_BENCH_BACKLOG override the counts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageExt } from '@mq/common';
import { GetMessageStatus, MessageStore, PutMessageStatus, type FlushDiskType } from '../src';
import { fdIo } from '../src/file/fd-io';

const PRODUCERS = 64;
const QUEUES = 8;
const BODY = Buffer.alloc(1024, 0x61);
const ASYNC_MESSAGES = Number(process.env.MQ_BENCH_MESSAGES ?? 200_000);
const SYNC_MESSAGES = Number(process.env.MQ_BENCH_SYNC_MESSAGES ?? 100_000);
const BACKLOG = Number(process.env.MQ_BENCH_BACKLOG ?? 1_000_000);
const HOT_READ_MESSAGES = Math.min(50_000, ASYNC_MESSAGES);
const COLD_READ_MESSAGES = 100_000;
/** Appended before anything is measured, so the timed runs see optimised code. */
const WARM_UP_MESSAGES = 50_000;

interface AppendFigures {
  msgPerSec: number;
  mbPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Process CPU (all threads, user + system) per message. */
  cpuUsPerMsg: number;
  writeSizes: number[];
}

/** Records the size of every write that goes to a commit-log file. */
class CommitLogWriteRecorder {
  private readonly commitLogFds = new Set<number>();
  sizes: number[] = [];
  private readonly open = fdIo.open;
  private readonly write = fdIo.write;

  install(): void {
    fdIo.open = (async (file: fs.PathLike, flags: fs.OpenMode) => {
      const fd = await this.open(file, flags);
      if (String(file).includes(`${path.sep}commitlog${path.sep}`)) this.commitLogFds.add(fd);
      return fd;
    }) as typeof fdIo.open;
    fdIo.write = async (fd, buf, offset, length, position) => {
      if (this.commitLogFds.has(fd)) this.sizes.push(length);
      return this.write(fd, buf, offset, length, position);
    };
  }

  uninstall(): void {
    fdIo.open = this.open;
    fdIo.write = this.write;
    this.commitLogFds.clear();
  }
}

function message(seq: number): MessageExt {
  const m = new MessageExt();
  m.topic = 'BenchTopic';
  m.queueId = seq % QUEUES;
  m.body = BODY;
  m.bornTimestamp = Date.now();
  m.bornHost = { address: '127.0.0.1', port: 50000 };
  m.storeHost = { address: '127.0.0.1', port: 10911 };
  m.tags = 'TagA';
  m.keys = `k${seq}`;
  return m;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

async function appendRun(store: MessageStore, count: number, recordBytes: number): Promise<Omit<AppendFigures, 'writeSizes'>> {
  const latencies = new Float64Array(count);
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const producer = async (): Promise<void> => {
    for (let seq = next++; seq < count; seq = next++) {
      const t0 = process.hrtime.bigint();
      const result = await store.putMessage(message(seq));
      if (result.putMessageStatus !== PutMessageStatus.PUT_OK) throw new Error(`put ${seq}: ${result.putMessageStatus}`);
      latencies[seq] = Number(process.hrtime.bigint() - t0) / 1e6;
    }
  };
  await Promise.all(Array.from({ length: PRODUCERS }, producer));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort();
  return {
    msgPerSec: count / seconds,
    mbPerSec: (count * recordBytes) / seconds / 1e6,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuUsPerMsg: (cpu.user + cpu.system) / count,
  };
}

async function appendBench(root: string, flushDiskType: FlushDiskType, count: number, recordBytes: number): Promise<{ figures: AppendFigures; store: MessageStore }> {
  const recorder = new CommitLogWriteRecorder();
  recorder.install();
  const store = new MessageStore({ storePathRootDir: root, flushDiskType, messageIndexEnable: true });
  await store.start();
  try {
    const figures = await appendRun(store, count, recordBytes);
    return { figures: { ...figures, writeSizes: recorder.sizes }, store };
  } finally {
    recorder.uninstall();
  }
}

/**
 * The raw baseline: replays the commit-log writes the store just issued (same count, same
 * sizes, so the same bytes in total) as plain awaited positional writes to a new file.
 */
async function rawBaseline(dir: string, sizes: number[], sync: boolean): Promise<number> {
  const file = path.join(dir, `raw-${sync ? 'sync' : 'async'}`);
  const fd = await fdIo.open(file, 'w');
  const max = Math.max(...sizes);
  const buf = Buffer.alloc(max, 0x61);
  let position = 0;
  const started = process.hrtime.bigint();
  for (const size of sizes) {
    await fdIo.write(fd, buf, 0, size, position);
    position += size;
    if (sync) await fdIo.fdatasync(fd);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await fdIo.close(fd);
  fs.rmSync(file);
  return position / seconds / 1e6;
}

/** getMessage throughput reading `count` messages of every queue from `from` (per queue). */
async function readBench(store: MessageStore, fromPerQueue: number, count: number): Promise<number> {
  let read = 0;
  const started = process.hrtime.bigint();
  for (let q = 0; q < QUEUES; q++) {
    let offset = fromPerQueue;
    while (read < ((q + 1) * count) / QUEUES) {
      const got = await store.getMessage('bench', 'BenchTopic', q, offset, 32);
      if (got.status !== GetMessageStatus.FOUND) break;
      read += got.messageBufferList.length;
      offset = got.nextBeginOffset;
    }
  }
  return read / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function recordSize(root: string): Promise<number> {
  const store = new MessageStore({ storePathRootDir: root, mappedFileSizeCommitLog: 1 << 20 });
  await store.start();
  const r = await store.putMessage(message(0));
  await store.shutdown();
  return r.appendMessageResult!.wroteBytes;
}

async function main(): Promise<void> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-store-bench-'));
  const dirs = ['size', 'async', 'sync', 'raw'].map((d) => path.join(base, d));
  dirs.forEach((d) => fs.mkdirSync(d));
  try {
    const recordBytes = await recordSize(dirs[0]);
    const warmUp = new MessageStore({ storePathRootDir: path.join(base, 'warm-up') });
    await warmUp.start();
    await appendRun(warmUp, WARM_UP_MESSAGES, recordBytes);
    await warmUp.shutdown();
    fs.rmSync(path.join(base, 'warm-up'), { recursive: true, force: true });
    // Each raw baseline replays the writes of the store run just before it, once that store
    // has shut down (everything written and synced), on the same disk.
    const syncRun = await appendBench(dirs[2], 'SYNC_FLUSH', SYNC_MESSAGES, recordBytes);
    await syncRun.store.shutdown();
    fs.rmSync(dirs[2], { recursive: true, force: true });
    const rawSync = await rawBaseline(dirs[3], syncRun.figures.writeSizes, true);

    const asyncRun = await appendBench(dirs[1], 'ASYNC_FLUSH', ASYNC_MESSAGES, recordBytes);
    const hotReads = await readBench(asyncRun.store, Math.floor((ASYNC_MESSAGES - HOT_READ_MESSAGES) / QUEUES), HOT_READ_MESSAGES);
    await asyncRun.store.shutdown();
    const rawAsync = await rawBaseline(dirs[3], asyncRun.figures.writeSizes, false);

    if (BACKLOG > ASYNC_MESSAGES) {
      const backlogStore = new MessageStore({ storePathRootDir: dirs[1] });
      await backlogStore.start();
      await appendRun(backlogStore, BACKLOG - ASYNC_MESSAGES, recordBytes);
      await backlogStore.shutdown();
    }
    const reopened = new MessageStore({ storePathRootDir: dirs[1], tailCacheBytes: 0 });
    await reopened.start();
    const coldReads = await readBench(reopened, 0, COLD_READ_MESSAGES);
    await reopened.shutdown();

    const a = asyncRun.figures;
    const s = syncRun.figures;
    const avg = (sizes: number[]): number => sizes.reduce((x, y) => x + y, 0) / sizes.length;
    const rows: Array<[string, string]> = [
      ['record size (1 KiB body)', `${recordBytes} B`],
      [`ASYNC_FLUSH append, ${ASYNC_MESSAGES} msgs`, `${a.msgPerSec.toFixed(0)} msg/s, ${a.mbPerSec.toFixed(1)} MB/s, p50 ${a.p50Ms.toFixed(2)} ms, p99 ${a.p99Ms.toFixed(2)} ms, ${a.cpuUsPerMsg.toFixed(1)} us CPU/msg`],
      ['raw fs.write, same writes', `${rawAsync.toFixed(1)} MB/s (${a.writeSizes.length} writes, avg ${(avg(a.writeSizes) / 1024).toFixed(1)} KiB)`],
      [`SYNC_FLUSH append, ${SYNC_MESSAGES} msgs`, `${s.msgPerSec.toFixed(0)} msg/s, ${s.mbPerSec.toFixed(1)} MB/s, p50 ${s.p50Ms.toFixed(2)} ms, p99 ${s.p99Ms.toFixed(2)} ms, ${s.cpuUsPerMsg.toFixed(1)} us CPU/msg`],
      ['raw fs.write + fdatasync per write', `${rawSync.toFixed(1)} MB/s (${s.writeSizes.length} writes, avg ${(avg(s.writeSizes) / 1024).toFixed(1)} KiB)`],
      ['getMessage hot tail (memory)', `${hotReads.toFixed(0)} msg/s`],
      [`getMessage cold backlog (${Math.max(BACKLOG, ASYNC_MESSAGES)} msgs, from files)`, `${coldReads.toFixed(0)} msg/s`],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    for (const [name, value] of rows) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
    const summary = {
      recordBytes,
      asyncMsgPerSec: Math.round(a.msgPerSec),
      asyncMBps: +a.mbPerSec.toFixed(1),
      asyncP50Ms: +a.p50Ms.toFixed(3),
      asyncP99Ms: +a.p99Ms.toFixed(3),
      asyncCpuUsPerMsg: +a.cpuUsPerMsg.toFixed(2),
      asyncAvgWriteKiB: +(avg(a.writeSizes) / 1024).toFixed(1),
      rawMBps: +rawAsync.toFixed(1),
      asyncVsRaw: +(a.mbPerSec / rawAsync).toFixed(2),
      syncMsgPerSec: Math.round(s.msgPerSec),
      syncP50Ms: +s.p50Ms.toFixed(3),
      syncP99Ms: +s.p99Ms.toFixed(3),
      syncCpuUsPerMsg: +s.cpuUsPerMsg.toFixed(2),
      rawSyncMBps: +rawSync.toFixed(1),
      syncVsRawSync: +(s.mbPerSec / rawSync).toFixed(2),
      hotReadMsgPerSec: Math.round(hotReads),
      coldReadMsgPerSec: Math.round(coldReads),
      coldVsHot: +(coldReads / hotReads).toFixed(2),
      backlogMessages: Math.max(BACKLOG, ASYNC_MESSAGES),
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

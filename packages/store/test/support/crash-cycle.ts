import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { decodeStoredRecords } from '@mq/common';
import { GetMessageStatus, PutMessageStatus, type FlushDiskType, type MessageStoreConfig } from '../../src';
import { brokerMessage, openStore } from './store-fixture';

const CHILD = path.join(__dirname, 'crash-child.js');
export const CRASH_TOPIC = 'CrashTopic';
export const CRASH_QUEUES = 4;

/** Settings the crash child and the verifying parent share. */
export const CRASH_CONFIG: Partial<MessageStoreConfig> = {
  mappedFileSizeCommitLog: 256 * 1024,
  mappedFileSizeConsumeQueue: 500 * 20,
  maxHashSlotNum: 512,
  maxIndexNum: 2048,
  flushIntervalCommitLog: 20,
  flushIntervalConsumeQueue: 50,
};

/** One acknowledged append reported by the child. */
export interface Ack {
  seq: number;
  queueId: number;
  queueOffset: number;
}

/** What a cycle saw. */
export interface CycleReport {
  acked: number;
  /** Acknowledged messages not found after restart (must be 0 for SYNC_FLUSH). */
  missing: number;
  /** Missing acknowledged messages older than a message present in their queue (must always be 0). */
  missingBeforeTail: number;
  nextSeq: number;
}

/** Starts the child, lets it append for `runMs` after it is ready, then SIGKILLs it. */
export function runChildUntilKilled(dir: string, mode: FlushDiskType, firstSeq: number, runMs: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, mode, String(firstSeq), JSON.stringify(CRASH_CONFIG)], {
      env: { ...process.env, MQ_LOG_LEVEL: process.env.MQ_CHILD_LOG_LEVEL ?? 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), runMs);
        const m = /^ack (\d+) (\d+) (\d+)$/.exec(line);
        if (m) acks.push({ seq: Number(m[1]), queueId: Number(m[2]), queueOffset: Number(m[3]) });
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`crash child exited with ${code}: ${stderr}`));
    });
  });
}

/** Reads every record of a queue, checking each CRC; returns queue offset → body. */
async function readQueue(store: Awaited<ReturnType<typeof openStore>>, queueId: number): Promise<Map<number, string>> {
  const bodies = new Map<number, string>();
  let offset = store.getMinOffsetInQueue(CRASH_TOPIC, queueId);
  for (;;) {
    const got = await store.getMessage('verify', CRASH_TOPIC, queueId, offset, 32, 1 << 22);
    if (got.status !== GetMessageStatus.FOUND) break;
    for (const m of decodeStoredRecords(Buffer.concat(got.messageBufferList), { checkCRC: true, decompressBody: false })) {
      if (m.topic !== CRASH_TOPIC || m.queueId !== queueId || m.queueOffset !== offset) {
        throw new Error(`queue ${queueId}: record at queue offset ${offset} says ${m.topic}/${m.queueId}/${m.queueOffset}`);
      }
      bodies.set(offset++, m.body.toString());
    }
    offset = got.nextBeginOffset;
  }
  if (offset !== store.getMaxOffsetInQueue(CRASH_TOPIC, queueId)) throw new Error(`queue ${queueId}: reading stopped at ${offset}`);
  return bodies;
}

function seqOf(body: string): number {
  const m = /^seq-(\d+)-x*$/.exec(body);
  if (!m) throw new Error(`corrupt body: ${body.slice(0, 40)}`);
  return Number(m[1]);
}

/**
 * One crash cycle: child appends and is killed; the store is reopened (abnormal recovery)
 * and every queue is read back with CRC checks. Every record must be intact and in order;
 * acknowledged messages must be there (ASYNC_FLUSH may lose only a tail); appends continue.
 */
export async function crashCycle(dir: string, mode: FlushDiskType, firstSeq: number, runMs: number): Promise<CycleReport> {
  const acks = await runChildUntilKilled(dir, mode, firstSeq, runMs);
  const store = await openStore(dir, { ...CRASH_CONFIG, flushDiskType: mode });
  try {
    let missing = 0;
    let missingBeforeTail = 0;
    let maxSeq = firstSeq;
    const present = new Map<number, number>();
    const newestPresent = new Array<number>(CRASH_QUEUES).fill(-1);
    for (let q = 0; q < CRASH_QUEUES; q++) {
      let previous = -1;
      for (const [offset, body] of await readQueue(store, q)) {
        const seq = seqOf(body);
        if (seq <= previous) throw new Error(`queue ${q}: seq ${seq} at offset ${offset} after ${previous}`);
        previous = seq;
        present.set(seq, offset);
        newestPresent[q] = seq;
        maxSeq = Math.max(maxSeq, seq + 1);
      }
    }
    for (const ack of acks) {
      const offset = present.get(ack.seq);
      if (offset === undefined) {
        missing++;
        if (ack.seq < newestPresent[ack.queueId]) missingBeforeTail++;
      } else if (offset !== ack.queueOffset) throw new Error(`seq ${ack.seq} acknowledged at ${ack.queueOffset} but found at ${offset}`);
    }
    const after = await store.putMessage(brokerMessage(CRASH_TOPIC, 0, `seq-${maxSeq}-x`));
    if (after.putMessageStatus !== PutMessageStatus.PUT_OK) throw new Error(`append after recovery: ${after.putMessageStatus}`);
    return { acked: acks.length, missing, missingBeforeTail, nextSeq: maxSeq + 1 };
  } finally {
    await store.shutdown();
  }
}

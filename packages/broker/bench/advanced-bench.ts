/**
 * Timer and transaction benchmark: the built `mqserver` bin (name server + broker, ASYNC_FLUSH)
 * in a child process, driven with @mq/client, each figure set against a plain-send baseline
 * measured in the same run with the same client:
 *  1. baseline: Producer.send of 1 KiB bodies from 32 concurrent loops for a fixed time;
 *  2. timer: 1 000 000 small timer messages (TIMER_DELIVER_MS spread over a window that opens
 *     once they are all sent) from 32 loops (scheduling rate), the broker's RSS with all of
 *     them pending, then the delivery rate into the real topic as they come due (messages over
 *     the span of the broker's store times of the first and last delivered);
 *  3. transactions: TransactionProducer.sendMessageInTransaction (listener: COMMIT) from 32
 *     concurrent loops for a fixed time (half + commit per second), then every committed
 *     message is pulled from the real topic.
 * Prints a table and a final JSON line with the ratios to the baseline. `--short` runs a small
 * version (20 000 timers, 3 s phases) for tests. Run `npm run bench -w @mq/broker` (or this
 * file alone) after building the broker (`NX_DAEMON=false npx nx run @mq/broker:build`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Admin, Producer, TransactionProducer, type TransactionListener } from '@mq/client';
import { Message } from '@mq/common';
import { requireBuiltMqServer, startMqServer, stopMqServer, type RunningMqServer } from './mqserver-process';

const QUEUES = 8;
const SENDERS = 32;
const PULL_BATCH = 32;
const POLL_MS = 250;
/** A phase that makes no progress for this long has failed. */
const STALL_MS = 30_000;
const BASELINE_BODY = Buffer.alloc(1024, 0x61);
const TIMER_BODY = Buffer.alloc(16, 0x74);
const TOPICS = { baseline: 'AdvBenchPlain', timer: 'AdvBenchTimer', tx: 'AdvBenchTx' } as const;

/** How big a run is: `--short` for tests, the full one otherwise. */
interface Scale {
  phaseMs: number;
  timerCount: number;
  /** Delivery times are spread evenly over this long. */
  timerWindowMs: number;
  /** Slack added to the estimated scheduling time before the window opens. */
  timerMarginMs: number;
}

const FULL: Scale = { phaseMs: 10_000, timerCount: 1_000_000, timerWindowMs: 20_000, timerMarginMs: 15_000 };
const SHORT: Scale = { phaseMs: 3_000, timerCount: 20_000, timerWindowMs: 2_000, timerMarginMs: 3_000 };
/** Timer sends are assumed at least this fraction of plain sends when placing the window. */
const ASSUMED_TIMER_SEND_SHARE = 0.6;

interface TimerFigures {
  scheduleTps: number;
  /** Timer messages sent but not yet delivered when the window opened. */
  pending: number;
  deliverTps: number;
  /** From the window's end to the last delivery (broker store time). */
  deliverLagMs: number;
  rssMiBBefore: number;
  rssMiBWithPending: number;
}

interface TxFigures {
  tps: number;
  committed: number;
  consumed: number;
}

interface Figures {
  baselineTps: number;
  timer: TimerFigures;
  tx: TxFigures;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (startedNs: bigint): number => Number(process.hrtime.bigint() - startedNs) / 1e9;

/** The broker process's resident set (VmRSS), in MiB. */
function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** Messages in a topic: the sum of its queues' max offsets. */
async function topicSize(admin: Admin, topic: string): Promise<number> {
  return (await admin.topicStats(topic)).reduce((sum, queue) => sum + queue.maxOffset, 0);
}

/** Polls a topic's size until it reaches `target`; fails when it stops growing for {@link STALL_MS}. */
async function waitForSize(admin: Admin, topic: string, target: number): Promise<void> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const size = await topicSize(admin, topic);
    if (size >= target) return;
    if (size !== last) [last, lastChange] = [size, Date.now()];
    if (Date.now() - lastChange > STALL_MS) throw new Error(`${topic} stuck at ${size} of ${target} messages`);
    await sleep(POLL_MS);
  }
}

/** Runs `SENDERS` loops of `send(seq)` until `shouldStop`; each loop waits for its previous send. Returns sends/s. */
async function sendLoops(send: (seq: number) => Promise<void>, shouldStop: (seq: number) => boolean): Promise<{ tps: number; count: number }> {
  let next = 0;
  const started = process.hrtime.bigint();
  const loop = async (): Promise<void> => {
    for (let seq = next++; !shouldStop(seq); seq = next++) await send(seq);
  };
  await Promise.all(Array.from({ length: SENDERS }, loop));
  const count = next - SENDERS; // each loop drew one last sequence number that it did not send
  return { tps: count / seconds(started), count };
}

function forMs(ms: number): (seq: number) => boolean {
  const deadline = Date.now() + ms;
  return () => Date.now() >= deadline;
}

function expectSendOk(status: string, what: string): void {
  if (status !== 'SEND_OK') throw new Error(`${what}: ${status}`);
}

async function baselinePhase(producer: Producer, scale: Scale): Promise<number> {
  const send = async (seq: number): Promise<void> => {
    expectSendOk((await producer.send(new Message(TOPICS.baseline, BASELINE_BODY))).status, `plain send ${seq}`);
  };
  return (await sendLoops(send, forMs(scale.phaseMs))).tps;
}

/**
 * Schedules `timerCount` timer messages due evenly over a window placed after the estimated
 * scheduling time, samples the broker's RSS once they are all pending, then measures the
 * delivery rate into the real topic from the store times of its first and last messages.
 */
async function timerPhase(producer: Producer, admin: Admin, broker: RunningMqServer, scale: Scale, baselineTps: number): Promise<TimerFigures> {
  const rssMiBBefore = rssMiB(broker.child.pid!);
  const estimatedScheduleMs = (scale.timerCount / (baselineTps * ASSUMED_TIMER_SEND_SHARE)) * 1000;
  const windowStart = Math.round(Date.now() + estimatedScheduleMs + scale.timerMarginMs);
  const windowEnd = windowStart + scale.timerWindowMs;
  const send = async (seq: number): Promise<void> => {
    const message = new Message(TOPICS.timer, TIMER_BODY);
    message.deliverTimeMs = windowStart + Math.floor((seq * scale.timerWindowMs) / scale.timerCount);
    expectSendOk((await producer.send(message)).status, `timer send ${seq}`);
  };
  const scheduled = await sendLoops(send, (seq) => seq >= scale.timerCount);
  const pending = scale.timerCount - (await topicSize(admin, TOPICS.timer));
  await sleep(Math.max(0, windowStart - Date.now() - 1000));
  const rssMiBWithPending = rssMiB(broker.child.pid!);
  await waitForSize(admin, TOPICS.timer, scale.timerCount);
  const delivered = await storeTimeSpan(admin, TOPICS.timer);
  const deliverTps = scale.timerCount / (Math.max(1, delivered.lastMs - delivered.firstMs) / 1000);
  return { scheduleTps: scheduled.tps, pending, deliverTps, deliverLagMs: Math.max(0, delivered.lastMs - windowEnd), rssMiBBefore, rssMiBWithPending };
}

/** Store times of a topic's first and last messages (over all queues), as the broker stamped them. */
async function storeTimeSpan(admin: Admin, topic: string): Promise<{ firstMs: number; lastMs: number }> {
  const span = { firstMs: Infinity, lastMs: -Infinity };
  for (const { mq, minOffset, maxOffset } of await admin.topicStats(topic)) {
    if (maxOffset <= minOffset) continue;
    const [first, last] = await Promise.all([admin.queryMessageByOffset(mq, minOffset), admin.queryMessageByOffset(mq, maxOffset - 1)]);
    span.firstMs = Math.min(span.firstMs, first?.storeTimestamp ?? Infinity);
    span.lastMs = Math.max(span.lastMs, last?.storeTimestamp ?? -Infinity);
  }
  if (!Number.isFinite(span.firstMs) || !Number.isFinite(span.lastMs)) throw new Error(`no messages readable in ${topic}`);
  return span;
}

const COMMIT_LISTENER: TransactionListener = {
  executeLocalTransaction: () => 'COMMIT_MESSAGE',
  checkLocalTransaction: () => 'COMMIT_MESSAGE',
};

/** Half + commit from `SENDERS` loops for one phase, then checks every committed message can be pulled. */
async function txPhase(producer: TransactionProducer, admin: Admin, scale: Scale): Promise<TxFigures> {
  let committed = 0;
  const send = async (seq: number): Promise<void> => {
    const result = await producer.sendMessageInTransaction(new Message(TOPICS.tx, BASELINE_BODY), seq);
    expectSendOk(result.status, `transactional send ${seq}`);
    if (result.localTransactionState === 'COMMIT_MESSAGE') committed++;
  };
  const { tps } = await sendLoops(send, forMs(scale.phaseMs));
  await waitForSize(admin, TOPICS.tx, committed);
  return { tps, committed, consumed: await pullAll(admin, TOPICS.tx) };
}

/** Pulls every message of a topic (one loop per queue, from offset 0); returns how many. */
async function pullAll(admin: Admin, topic: string): Promise<number> {
  const queues = (await admin.topicStats(topic)).map((stats) => stats.mq);
  const perQueue = await Promise.all(
    queues.map(async (mq) => {
      let pulled = 0;
      for (let offset = 0; ; ) {
        const result = await admin.pullMessages(mq, offset, PULL_BATCH);
        if (result.status !== 'FOUND') return pulled;
        pulled += result.messages.length;
        offset = result.nextBeginOffset;
      }
    }),
  );
  return perQueue.reduce((sum, n) => sum + n, 0);
}

async function runPhases(broker: RunningMqServer, scale: Scale): Promise<Figures> {
  const options = { namesrvAddr: broker.namesrvAddr };
  const admin = new Admin(options);
  const producer = new Producer({ ...options, group: 'AdvBenchProducer' });
  const txProducer = new TransactionProducer({ ...options, group: 'AdvBenchTxProducer', transactionListener: COMMIT_LISTENER });
  try {
    await Promise.all([admin.start(), producer.start(), txProducer.start()]);
    for (const topic of Object.values(TOPICS)) {
      await admin.createTopic(broker.brokerAddr, { topic, readQueueNums: QUEUES, writeQueueNums: QUEUES });
    }
    const baselineTps = await baselinePhase(producer, scale);
    const timer = await timerPhase(producer, admin, broker, scale, baselineTps);
    const tx = await txPhase(txProducer, admin, scale);
    return { baselineTps, timer, tx };
  } finally {
    await Promise.all([txProducer.shutdown(), producer.shutdown(), admin.shutdown()]);
  }
}

function report(figures: Figures, scale: Scale): void {
  const { baselineTps, timer, tx } = figures;
  const rows: Array<[string, string]> = [
    [`baseline: send 1 KiB, ${SENDERS} senders, ${scale.phaseMs / 1000} s`, `${baselineTps.toFixed(0)} msg/s`],
    [`timer: schedule ${scale.timerCount} (${TIMER_BODY.length} B), ${SENDERS} senders`, `${timer.scheduleTps.toFixed(0)} msg/s`],
    [`timer: pending when the ${scale.timerWindowMs / 1000} s window opened`, `${timer.pending}`],
    ['timer: broker RSS before scheduling / with all pending', `${timer.rssMiBBefore.toFixed(0)} MiB / ${timer.rssMiBWithPending.toFixed(0)} MiB`],
    ['timer: delivery into the real topic', `${timer.deliverTps.toFixed(0)} msg/s, last ${(timer.deliverLagMs / 1000).toFixed(1)} s after the window`],
    [`transactions: half + commit, ${SENDERS} senders, ${scale.phaseMs / 1000} s`, `${tx.tps.toFixed(0)} tx/s (${tx.committed} committed, ${tx.consumed} pulled)`],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
  const ratio = (n: number): number => +(n / baselineTps).toFixed(3);
  const summary = {
    baselineSendTps: Math.round(baselineTps),
    timerScheduleTps: Math.round(timer.scheduleTps),
    timerDeliverTps: Math.round(timer.deliverTps),
    timerPending: timer.pending,
    timerDeliverLagMs: Math.round(timer.deliverLagMs),
    rssMiBBeforeTimers: Math.round(timer.rssMiBBefore),
    rssMiBWithPending: Math.round(timer.rssMiBWithPending),
    txTps: Math.round(tx.tps),
    txCommitted: tx.committed,
    txConsumed: tx.consumed,
    ratios: { timerSchedule: ratio(timer.scheduleTps), timerDeliver: ratio(timer.deliverTps), tx: ratio(tx.tps) },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

async function main(): Promise<void> {
  requireBuiltMqServer();
  const scale = process.argv.includes('--short') ? SHORT : FULL;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-advanced-bench-'));
  try {
    const broker = await startMqServer({ dir, brokerName: 'advanced-bench' });
    try {
      const figures = await runPhases(broker, scale);
      if (figures.tx.consumed !== figures.tx.committed) throw new Error(`pulled ${figures.tx.consumed} of ${figures.tx.committed} committed messages`);
      report(figures, scale);
    } finally {
      await stopMqServer(broker);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

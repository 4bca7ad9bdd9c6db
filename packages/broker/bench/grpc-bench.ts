/**
 * gRPC benchmark: the built `mqserver` bin (name server + broker with its gRPC API on an
 * ephemeral port) and a bare grpc-js echo (grpc-echo.ts), each in its own process, 1 KiB
 * bodies, plaintext HTTP/2 (the official Node client's default), measured in one run:
 *  1. single sends, in alternating rounds so machine load hits both alike: the echo's
 *     SendMessage through a bare grpc-js client on our protos (the ceiling), the broker's through
 *     the official Node client (`rocketmq-client-nodejs`), and the broker's through the same
 *     bare client as the echo (isolates the official client's own cost); 64 callers each;
 *  2. 16-message SendMessageRequests from 16 loops through the bare client (the official client
 *     has no batch send);
 *  3. gRPC receive: SimpleConsumer receive (32 per call, 8 loops) + one ack per message, draining
 *     everything sent through gRPC;
 *  4. the native protocol with @mq/client: Producer.send 64 in flight, Producer.sendBatch of 16
 *     from 16 loops, LitePullConsumer draining that backlog.
 * Rates count the measured window only; CPU per unit is the server's and this (client) process'
 * over that same window, warm-up excluded. Prints a table and a final JSON line with every figure
 * and the ratios (single-send ratios are medians of the per-round ratios). `--short` runs one
 * round of short phases (for tests); `--cpu-prof-dir=<dir>` profiles the mqserver and echo
 * processes (`node --cpu-prof`). Run `npm run bench:grpc -w @mq/broker` (also part of
 * `npm run bench`) after `NX_DAEMON=false npx nx run @mq/broker:build`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { Producer as NodeProducer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { Admin, LitePullConsumer, Producer } from '@mq/client';
import { Message } from '@mq/common';
import { startEchoServer, stopEchoServer } from './grpc-echo';
import { requireBuiltMqServer, startMqServer, stopMqServer, type RunningMqServer } from './mqserver-process';
import { withProcessCpu } from './process-cpu';
import { benchMessage, RawGrpcSender } from './raw-grpc-sender';
import { DONE, timedLoops, type LoopFigures, type LoopTiming } from './timed-loops';

const QUEUES = 8;
const SENDERS = 64;
const BATCH = 16;
const BATCH_SENDERS = 16;
const RECEIVERS = 8;
const RECEIVE_BATCH = 32;
const INVISIBLE_MS = 60_000;
const BODY = Buffer.alloc(1024, 0x61);
const TOPICS = { grpc: 'GrpcBenchTopic', native: 'NativeBenchTopic' } as const;
const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/** Phase lengths: `--short` for tests, the full run otherwise. */
interface Scale {
  readonly name: 'short' | 'full';
  /** Rounds of the single-send comparison (echo, official client, bare client). */
  readonly rounds: number;
  /**
   * Send phases. The warm-up must outlast the slow first second or two of a server process that
   * sat idle while another phase ran (measured: 300 ms left its CPU per call 2-3× the steady
   * figure, whichever server came first after a switch; 3 s did not).
   */
  readonly send: LoopTiming;
  /** Longest a drain may take; it ends earlier once the backlog is consumed (`received` vs `backlog` in the JSON). */
  readonly drainMs: number;
}

const FULL: Scale = { name: 'full', rounds: 3, send: { warmupMs: 3_000, measureMs: 5_000 }, drainMs: 30_000 };
const SHORT: Scale = { name: 'short', rounds: 1, send: { warmupMs: 1_500, measureMs: 1_500 }, drainMs: 5_000 };

/** A phase's rate and the CPU time per unit (call or message) of the server and of this client process, over the measured window. */
interface PhaseFigures extends LoopFigures {
  readonly serverCpuUsPerUnit: number;
  readonly clientCpuUsPerUnit: number;
}

/** One round of single sends: the echo and the broker through the same transport, back to back. */
interface SingleSendRound {
  readonly echo: PhaseFigures;
  readonly official: PhaseFigures;
  readonly raw: PhaseFigures;
}

/** Send and drain figures of one protocol. */
interface ProtocolFigures {
  readonly singleSend: PhaseFigures;
  readonly batchSend: PhaseFigures;
  readonly receive: PhaseFigures;
  /** Messages sent in all (the backlog the receive drained). */
  readonly backlog: number;
}

interface Figures {
  readonly rounds: readonly SingleSendRound[];
  readonly grpc: Omit<ProtocolFigures, 'singleSend'>;
  readonly native: ProtocolFigures;
}

/** `callers` loops of `operation` for `timing`, charging the CPU `serverPid` and this process used in the measured window. */
async function measure(serverPid: number, callers: number, timing: LoopTiming, operation: () => Promise<number | typeof DONE>): Promise<PhaseFigures> {
  const { result, cpuMs } = await withProcessCpu([serverPid, process.pid], timing.warmupMs, () => timedLoops(callers, timing, operation));
  const perUnit = (ms: number): number => (ms * 1000) / Math.max(1, result.measured);
  return { ...result, serverCpuUsPerUnit: perUnit(cpuMs[0]), clientCpuUsPerUnit: perUnit(cpuMs[1]) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median rate and CPU of the rounds' figures; counts summed. */
function medianFigures(figures: readonly PhaseFigures[]): PhaseFigures {
  const sum = (pick: (f: PhaseFigures) => number): number => figures.reduce((total, f) => total + pick(f), 0);
  return {
    rate: median(figures.map((f) => f.rate)),
    measured: sum((f) => f.measured),
    total: sum((f) => f.total),
    serverCpuUsPerUnit: median(figures.map((f) => f.serverCpuUsPerUnit)),
    clientCpuUsPerUnit: median(figures.map((f) => f.clientCpuUsPerUnit)),
  };
}

/** The single-send rounds: each measures the echo, the broker via the official client and via the bare client. */
async function singleSendRounds(echoAddr: string, echoPid: number, server: RunningMqServer, scale: Scale): Promise<SingleSendRound[]> {
  const brokerPid = server.child.pid!;
  const producer = new NodeProducer({ endpoints: server.grpcAddr!, namespace: '', topics: [TOPICS.grpc], logger: silentLogger, requestTimeout: 10_000 });
  const echoSender = new RawGrpcSender(echoAddr, 'raw-bench@1');
  const brokerSender = new RawGrpcSender(server.grpcAddr!, 'raw-bench@1');
  await producer.startup();
  const send = (sender: RawGrpcSender) => () => sender.send([benchMessage(TOPICS.grpc, BODY)]);
  const sendOfficial = async (): Promise<number> => {
    await producer.send({ topic: TOPICS.grpc, tag: 'TagA', body: BODY });
    return 1;
  };
  const rounds: SingleSendRound[] = [];
  try {
    for (let n = 0; n < scale.rounds; n++) {
      const echo = await measure(echoPid, SENDERS, scale.send, send(echoSender));
      const official = await measure(brokerPid, SENDERS, scale.send, sendOfficial);
      const raw = await measure(brokerPid, SENDERS, scale.send, send(brokerSender));
      rounds.push({ echo, official, raw });
    }
    return rounds;
  } finally {
    echoSender.close();
    brokerSender.close();
    await producer.shutdown();
  }
}

/** 16-message requests through the bare client, then the drain of everything sent so far (`sentBefore` plus the batches). */
async function grpcBatchAndDrain(server: RunningMqServer, sentBefore: number, scale: Scale): Promise<Figures['grpc']> {
  const sender = new RawGrpcSender(server.grpcAddr!, 'raw-bench@1');
  let batchSend: PhaseFigures;
  try {
    batchSend = await measure(server.child.pid!, BATCH_SENDERS, scale.send, () =>
      sender.send(Array.from({ length: BATCH }, () => benchMessage(TOPICS.grpc, BODY))),
    );
  } finally {
    sender.close();
  }
  const backlog = sentBefore + batchSend.total;
  return { batchSend, backlog, receive: await measureDrain(server.child.pid!, RECEIVERS, scale, grpcDrain(server.grpcAddr!, backlog)) };
}

/** A consumer draining a backlog: `step` answers how many messages it consumed, {@link DONE} once all were. */
interface Drain {
  start(): Promise<void>;
  step(): Promise<number | typeof DONE>;
  shutdown(): Promise<void>;
}

async function measureDrain(serverPid: number, loops: number, scale: Scale, drain: Drain): Promise<PhaseFigures> {
  await drain.start();
  try {
    return await measure(serverPid, loops, { warmupMs: 0, measureMs: scale.drainMs }, () => drain.step());
  } finally {
    await drain.shutdown();
  }
}

/** SimpleConsumer receive + ack until `backlog` messages were acknowledged. */
function grpcDrain(grpcAddr: string, backlog: number): Drain {
  const consumer = new SimpleConsumer({
    endpoints: grpcAddr,
    namespace: '',
    consumerGroup: 'GrpcBenchGroup',
    subscriptions: new Map([[TOPICS.grpc, '*']]),
    awaitDuration: 5_000,
    requestTimeout: 15_000,
    logger: silentLogger,
  });
  let acked = 0;
  return {
    start: () => consumer.startup(),
    step: async () => {
      if (acked >= backlog) return DONE;
      const views = await consumer.receive(RECEIVE_BATCH, INVISIBLE_MS);
      await Promise.all(views.map((view) => consumer.ack(view)));
      acked += views.length;
      return views.length;
    },
    shutdown: () => consumer.shutdown(),
  };
}

async function nativePhases(server: RunningMqServer, scale: Scale): Promise<ProtocolFigures> {
  const pid = server.child.pid!;
  const producer = new Producer({ namesrvAddr: server.namesrvAddr, group: 'NativeBenchProducer' });
  await producer.start();
  try {
    const message = (): Message => new Message(TOPICS.native, BODY, { tags: 'TagA' });
    const singleSend = await measure(pid, SENDERS, scale.send, async () => {
      await producer.send(message());
      return 1;
    });
    const batchSend = await measure(pid, BATCH_SENDERS, scale.send, async () => {
      await producer.sendBatch(Array.from({ length: BATCH }, message));
      return BATCH;
    });
    const backlog = singleSend.total + batchSend.total;
    return { singleSend, batchSend, backlog, receive: await measureDrain(pid, 1, scale, nativeDrain(server.namesrvAddr, backlog)) };
  } finally {
    await producer.shutdown();
  }
}

/** LitePullConsumer from the first offset until `backlog` messages were polled. */
function nativeDrain(namesrvAddr: string, backlog: number): Drain {
  const consumer = new LitePullConsumer({ namesrvAddr, group: 'NativeBenchGroup', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', pullBatchSize: RECEIVE_BATCH });
  consumer.subscribe(TOPICS.native);
  let polled = 0;
  return {
    start: () => consumer.start(),
    step: async () => {
      if (polled >= backlog) return DONE;
      const messages = await consumer.poll(1_000);
      polled += messages.length;
      return messages.length;
    },
    shutdown: () => consumer.shutdown(),
  };
}

/**
 * Resolves once the gRPC port completes a TLS handshake: the broker generates its self-signed
 * key in the background after start-up, which would otherwise compete with the first phase.
 */
function awaitTlsReady(address: string): Promise<void> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port: Number(port), rejectUnauthorized: false, ALPNProtocols: ['h2'], timeout: 60_000 }, () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => socket.destroy(new Error(`no TLS handshake from ${address} within 60 s`)));
    socket.once('error', reject);
  });
}

/** Creates the benchmark topics on the broker. */
async function createTopics(server: RunningMqServer): Promise<void> {
  const admin = new Admin({ namesrvAddr: server.namesrvAddr });
  await admin.start();
  try {
    for (const topic of Object.values(TOPICS)) await admin.createTopic(server.brokerAddr, { topic, readQueueNums: QUEUES, writeQueueNums: QUEUES });
  } finally {
    await admin.shutdown();
  }
}

async function runPhases(echoAddr: string, echoPid: number, server: RunningMqServer, scale: Scale): Promise<Figures> {
  await awaitTlsReady(server.grpcAddr!);
  await createTopics(server);
  const rounds = await singleSendRounds(echoAddr, echoPid, server, scale);
  const sentToBroker = rounds.reduce((sum, round) => sum + round.official.total + round.raw.total, 0);
  const grpc = await grpcBatchAndDrain(server, sentToBroker, scale);
  return { rounds, grpc, native: await nativePhases(server, scale) };
}

function report(figures: Figures, scale: Scale, loadAverage: { start: number; end: number }): void {
  const { rounds, grpc, native } = figures;
  const echo = medianFigures(rounds.map((r) => r.echo));
  const singleSend = medianFigures(rounds.map((r) => r.official));
  const rawSingleSend = medianFigures(rounds.map((r) => r.raw));
  const cell = (f: PhaseFigures, unit: string): string =>
    `${f.rate.toFixed(0)} ${unit}/s, CPU/${unit}: server ${f.serverCpuUsPerUnit.toFixed(0)} µs, client ${f.clientCpuUsPerUnit.toFixed(0)} µs`;
  const rows: Array<[string, string]> = [
    [`bare grpc-js echo, bare client, ${SENDERS} callers (ceiling)`, cell(echo, 'call')],
    [`gRPC send, official Node client, ${SENDERS} in flight`, cell(singleSend, 'msg')],
    [`gRPC send, bare grpc-js client, ${SENDERS} in flight`, cell(rawSingleSend, 'msg')],
    [`gRPC send, ${BATCH}-message requests, ${BATCH_SENDERS} in flight`, cell(grpc.batchSend, 'msg')],
    [`gRPC receive ${RECEIVE_BATCH} + ack, ${RECEIVERS} loops, ${grpc.receive.total}/${grpc.backlog} msgs`, cell(grpc.receive, 'msg')],
    [`native send, ${SENDERS} in flight`, cell(native.singleSend, 'msg')],
    [`native sendBatch of ${BATCH}, ${BATCH_SENDERS} in flight`, cell(native.batchSend, 'msg')],
    [`native LitePullConsumer drain, ${native.receive.total}/${native.backlog} msgs`, cell(native.receive, 'msg')],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
  const figure = (f: PhaseFigures): { tps: number; serverCpuUs: number; clientCpuUs: number } => ({
    tps: Math.round(f.rate),
    serverCpuUs: Math.round(f.serverCpuUsPerUnit),
    clientCpuUs: Math.round(f.clientCpuUsPerUnit),
  });
  const ratio = (a: LoopFigures, b: LoopFigures): number => +(a.rate / b.rate).toFixed(3);
  const roundRatio = (pick: (round: SingleSendRound) => LoopFigures): number => +median(rounds.map((r) => pick(r).rate / r.echo.rate)).toFixed(3);
  // What the rates would be if client and server shared saturated CPUs: the inverse of their CPU per unit.
  const cpuPerUnit = (f: PhaseFigures): number => f.serverCpuUsPerUnit + f.clientCpuUsPerUnit;
  const summary = {
    scale: scale.name,
    bodyBytes: BODY.length,
    loadAverage1m: loadAverage,
    echo: figure(echo),
    grpc: {
      singleSend: figure(singleSend),
      rawSingleSend: figure(rawSingleSend),
      batch16Send: figure(grpc.batchSend),
      receive: figure(grpc.receive),
      backlog: grpc.backlog,
      received: grpc.receive.total,
    },
    native: {
      singleSend: figure(native.singleSend),
      batch16Send: figure(native.batchSend),
      receive: figure(native.receive),
      backlog: native.backlog,
      received: native.receive.total,
    },
    singleSendRounds: rounds.map((r) => ({ echo: Math.round(r.echo.rate), grpc: Math.round(r.official.rate), rawGrpc: Math.round(r.raw.rate) })),
    ratios: {
      grpcSingleSendVsEcho: roundRatio((r) => r.official),
      rawGrpcSingleSendVsEcho: roundRatio((r) => r.raw),
      grpcSingleSendVsEchoByCpu: +(cpuPerUnit(echo) / cpuPerUnit(singleSend)).toFixed(3),
      rawGrpcSingleSendVsEchoByCpu: +(cpuPerUnit(echo) / cpuPerUnit(rawSingleSend)).toFixed(3),
      grpcBatchSendVsEcho: ratio(grpc.batchSend, echo),
      grpcVsNativeSingleSend: ratio(singleSend, native.singleSend),
      grpcVsNativeBatchSend: ratio(grpc.batchSend, native.batchSend),
      grpcVsNativeReceive: ratio(grpc.receive, native.receive),
    },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

function cpuProfileFlags(): string[] {
  const dir = process.argv.find((arg) => arg.startsWith('--cpu-prof-dir='))?.slice('--cpu-prof-dir='.length);
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

async function main(): Promise<void> {
  requireBuiltMqServer();
  const scale = process.argv.includes('--short') ? SHORT : FULL;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-grpc-bench-'));
  const loadAtStart = os.loadavg()[0];
  const echo = await startEchoServer(cpuProfileFlags());
  try {
    const server = await startMqServer({ dir, brokerName: 'grpc-bench', grpc: true, nodeFlags: cpuProfileFlags() });
    let figures: Figures;
    try {
      figures = await runPhases(echo.address, echo.child.pid!, server, scale);
    } finally {
      await stopMqServer(server);
    }
    report(figures, scale, { start: loadAtStart, end: os.loadavg()[0] });
  } finally {
    await stopEchoServer(echo);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

/**
 * gRPC benchmark: the built `mqserver` bin (name server + broker with its gRPC API on an
 * ephemeral port) in a child process, 1 KiB bodies, measured in one run against two baselines:
 *  1. the ceiling: a bare grpc-js echo service (grpc-echo.ts, its own process) answering a
 *     SendMessage-shaped call, 64 concurrent callers (calls/s);
 *  2. gRPC SendMessage with the official Node client (`rocketmq-client-nodejs`), 64 concurrent
 *     single sends; the same through a bare grpc-js client on our protos (isolates the official
 *     client's own cost); and 16-message SendMessageRequests from 16 loops through the bare
 *     client (the official client has no batch send);
 *  3. gRPC receive: SimpleConsumer receive (32 per call, 8 loops) + one ack per message, draining
 *     everything sent through gRPC;
 *  4. the native protocol with @mq/client: Producer.send 64 in flight, Producer.sendBatch of 16
 *     from 16 loops, LitePullConsumer draining that backlog.
 * Prints a table and a final JSON line with every figure and the ratios. `--short` runs 1.5 s
 * phases (for tests); `--cpu-prof-dir=<dir>` profiles the mqserver process (`node --cpu-prof`).
 * Run `npm run bench:grpc -w @mq/broker` (also part of `npm run bench`) after `NX_DAEMON=false npx nx run @mq/broker:build`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { Producer as NodeProducer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { Admin, LitePullConsumer, Producer } from '@mq/client';
import { Message } from '@mq/common';
import { EchoClient, startEchoServer, stopEchoServer } from './grpc-echo';
import { requireBuiltMqServer, startMqServer, stopMqServer, type RunningMqServer } from './mqserver-process';
import { withProcessCpu } from './process-cpu';
import { benchMessage, clientHeaders, RawGrpcSender } from './raw-grpc-sender';
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
  readonly send: LoopTiming;
  /** Longest a drain may take; it ends earlier once the backlog is consumed (`received` vs `backlog` in the JSON). */
  readonly drainMs: number;
}

const FULL: Scale = { name: 'full', send: { warmupMs: 2_000, measureMs: 10_000 }, drainMs: 30_000 };
const SHORT: Scale = { name: 'short', send: { warmupMs: 300, measureMs: 1_500 }, drainMs: 5_000 };

/** A phase's rate and the server's CPU time per unit (call or message) over the whole phase. */
interface PhaseFigures extends LoopFigures {
  readonly serverCpuUsPerUnit: number;
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
  readonly echo: PhaseFigures;
  readonly grpc: ProtocolFigures & { readonly rawSingleSend: PhaseFigures };
  readonly native: ProtocolFigures;
}

/** Runs one phase, charging the CPU the server process `pid` used meanwhile to its units. */
async function phase(pid: number, run: () => Promise<LoopFigures>): Promise<PhaseFigures> {
  const { result, cpuMs } = await withProcessCpu(pid, run);
  return { ...result, serverCpuUsPerUnit: (cpuMs * 1000) / Math.max(1, result.total) };
}

/** The ceiling: echo calls from {@link SENDERS} concurrent callers. */
async function echoPhase(scale: Scale): Promise<PhaseFigures> {
  const server = await startEchoServer();
  const client = new EchoClient(server.address, clientHeaders('echo-bench@1'));
  try {
    return await phase(server.child.pid!, () =>
      timedLoops(SENDERS, scale.send, async () => {
        await client.call({ messages: [benchMessage(TOPICS.grpc, BODY)] });
        return 1;
      }),
    );
  } finally {
    client.close();
    await stopEchoServer(server);
  }
}

async function grpcPhases(server: RunningMqServer, scale: Scale): Promise<Figures['grpc']> {
  const grpcAddr = server.grpcAddr!;
  const measure = (run: () => Promise<LoopFigures>): Promise<PhaseFigures> => phase(server.child.pid!, run);
  const producer = new NodeProducer({ endpoints: grpcAddr, namespace: '', topics: [TOPICS.grpc], logger: silentLogger, requestTimeout: 10_000 });
  const raw = new RawGrpcSender(grpcAddr, 'raw-bench@1');
  await producer.startup();
  try {
    const singleSend = await measure(() =>
      timedLoops(SENDERS, scale.send, async () => {
        await producer.send({ topic: TOPICS.grpc, tag: 'TagA', body: BODY });
        return 1;
      }),
    );
    const rawSingleSend = await measure(() => timedLoops(SENDERS, scale.send, () => raw.send([benchMessage(TOPICS.grpc, BODY)])));
    const batchSend = await measure(() =>
      timedLoops(BATCH_SENDERS, scale.send, () => raw.send(Array.from({ length: BATCH }, () => benchMessage(TOPICS.grpc, BODY)))),
    );
    const backlog = singleSend.total + rawSingleSend.total + batchSend.total;
    return { singleSend, rawSingleSend, batchSend, backlog, receive: await measure(() => grpcDrain(grpcAddr, backlog, scale)) };
  } finally {
    raw.close();
    await producer.shutdown();
  }
}

/** SimpleConsumer receive + ack until `backlog` messages were acknowledged. */
async function grpcDrain(grpcAddr: string, backlog: number, scale: Scale): Promise<LoopFigures> {
  const consumer = new SimpleConsumer({
    endpoints: grpcAddr,
    namespace: '',
    consumerGroup: 'GrpcBenchGroup',
    subscriptions: new Map([[TOPICS.grpc, '*']]),
    awaitDuration: 5_000,
    requestTimeout: 15_000,
    logger: silentLogger,
  });
  await consumer.startup();
  let acked = 0;
  try {
    return await timedLoops(RECEIVERS, { warmupMs: 0, measureMs: scale.drainMs }, async () => {
      if (acked >= backlog) return DONE;
      const views = await consumer.receive(RECEIVE_BATCH, INVISIBLE_MS);
      await Promise.all(views.map((view) => consumer.ack(view)));
      acked += views.length;
      return views.length;
    });
  } finally {
    await consumer.shutdown();
  }
}

async function nativePhases(server: RunningMqServer, scale: Scale): Promise<ProtocolFigures> {
  const measure = (run: () => Promise<LoopFigures>): Promise<PhaseFigures> => phase(server.child.pid!, run);
  const producer = new Producer({ namesrvAddr: server.namesrvAddr, group: 'NativeBenchProducer' });
  await producer.start();
  try {
    const message = (): Message => new Message(TOPICS.native, BODY, { tags: 'TagA' });
    const singleSend = await measure(() =>
      timedLoops(SENDERS, scale.send, async () => {
        await producer.send(message());
        return 1;
      }),
    );
    const batchSend = await measure(() =>
      timedLoops(BATCH_SENDERS, scale.send, async () => {
        await producer.sendBatch(Array.from({ length: BATCH }, message));
        return BATCH;
      }),
    );
    const backlog = singleSend.total + batchSend.total;
    return { singleSend, batchSend, backlog, receive: await measure(() => nativeDrain(server.namesrvAddr, backlog, scale)) };
  } finally {
    await producer.shutdown();
  }
}

/** LitePullConsumer from the first offset until `backlog` messages were polled. */
async function nativeDrain(namesrvAddr: string, backlog: number, scale: Scale): Promise<LoopFigures> {
  const consumer = new LitePullConsumer({ namesrvAddr, group: 'NativeBenchGroup', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', pullBatchSize: RECEIVE_BATCH });
  consumer.subscribe(TOPICS.native);
  await consumer.start();
  let polled = 0;
  try {
    return await timedLoops(1, { warmupMs: 0, measureMs: scale.drainMs }, async () => {
      if (polled >= backlog) return DONE;
      const messages = await consumer.poll(1_000);
      polled += messages.length;
      return messages.length;
    });
  } finally {
    await consumer.shutdown();
  }
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

async function brokerPhases(server: RunningMqServer, scale: Scale): Promise<Pick<Figures, 'grpc' | 'native'>> {
  await awaitTlsReady(server.grpcAddr!);
  const admin = new Admin({ namesrvAddr: server.namesrvAddr });
  await admin.start();
  try {
    for (const topic of Object.values(TOPICS)) await admin.createTopic(server.brokerAddr, { topic, readQueueNums: QUEUES, writeQueueNums: QUEUES });
  } finally {
    await admin.shutdown();
  }
  const grpc = await grpcPhases(server, scale);
  return { grpc, native: await nativePhases(server, scale) };
}

function report(figures: Figures, scale: Scale): void {
  const { echo, grpc, native } = figures;
  const cell = (f: PhaseFigures, unit: string): string => `${f.rate.toFixed(0)} ${unit}/s, server ${f.serverCpuUsPerUnit.toFixed(0)} µs CPU/${unit}`;
  const rows: Array<[string, string]> = [
    [`bare grpc-js echo, ${SENDERS} callers (ceiling)`, cell(echo, 'call')],
    [`gRPC send, official Node client, ${SENDERS} in flight`, cell(grpc.singleSend, 'msg')],
    [`gRPC send, bare grpc-js client, ${SENDERS} in flight`, cell(grpc.rawSingleSend, 'msg')],
    [`gRPC send, ${BATCH}-message requests, ${BATCH_SENDERS} in flight`, cell(grpc.batchSend, 'msg')],
    [`gRPC receive ${RECEIVE_BATCH} + ack, ${RECEIVERS} loops, ${grpc.receive.total}/${grpc.backlog} msgs`, cell(grpc.receive, 'msg')],
    [`native send, ${SENDERS} in flight`, cell(native.singleSend, 'msg')],
    [`native sendBatch of ${BATCH}, ${BATCH_SENDERS} in flight`, cell(native.batchSend, 'msg')],
    [`native LitePullConsumer drain, ${native.receive.total}/${native.backlog} msgs`, cell(native.receive, 'msg')],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
  const figure = (f: PhaseFigures): { tps: number; serverCpuUs: number } => ({ tps: Math.round(f.rate), serverCpuUs: Math.round(f.serverCpuUsPerUnit) });
  const ratio = (a: LoopFigures, b: LoopFigures): number => +(a.rate / b.rate).toFixed(3);
  const summary = {
    scale: scale.name,
    bodyBytes: BODY.length,
    echo: figure(echo),
    grpc: {
      singleSend: figure(grpc.singleSend),
      rawSingleSend: figure(grpc.rawSingleSend),
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
    ratios: {
      grpcSingleSendVsEcho: ratio(grpc.singleSend, echo),
      rawGrpcSingleSendVsEcho: ratio(grpc.rawSingleSend, echo),
      grpcBatchSendVsEcho: ratio(grpc.batchSend, echo),
      grpcVsNativeSingleSend: ratio(grpc.singleSend, native.singleSend),
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
  try {
    const echo = await echoPhase(scale);
    const server = await startMqServer({ dir, brokerName: 'grpc-bench', grpc: true, nodeFlags: cpuProfileFlags() });
    let broker: Pick<Figures, 'grpc' | 'native'>;
    try {
      broker = await brokerPhases(server, scale);
    } finally {
      await stopMqServer(server);
    }
    const figures = { echo, ...broker };
    report(figures, scale);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

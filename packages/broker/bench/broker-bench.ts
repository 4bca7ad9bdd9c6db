/**
 * Broker benchmark: the built `mq` bin (name server + broker) in a child process, driven over
 * TCP with @mq/remoting's RemotingClient, for ASYNC_FLUSH then SYNC_FLUSH:
 *  - sync SEND_MESSAGE_V2 of 1 KiB bodies with 1 sender, then with 64 concurrent senders (TPS, RT avg/p99/max);
 *  - PULL_MESSAGE (batches of 32, one puller per queue) draining the whole backlog just sent;
 *  - the store-only ceiling: an in-process MessageStore put loop, 64 producers, same count and flush mode.
 * Prints a table and a final JSON line. Run `npm run bench -w @mq/broker` after building the broker
 * (`NX_DAEMON=false npx nx run @mq/broker:build`). Counts: MQ_BENCH_BACKLOG (default 200000, all
 * messages sent per flush mode), MQ_BENCH_SINGLE (default 5000, the 1-sender part of it),
 * MQ_BENCH_MODES (default ASYNC_FLUSH,SYNC_FLUSH). The npm script logs at warn unless MQ_LOG_LEVEL says otherwise.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageExt } from '@mq/common';
import {
  CreateTopicRequestHeader,
  RemotingClient,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
} from '@mq/remoting';
import { MessageStore, PutMessageStatus, type FlushDiskType } from '@mq/store';
import { requireBuiltMqServer, startMqServer, stopMqServer } from './mqserver-process';

const TOPIC = 'BrokerBenchTopic';
const QUEUES = 8;
const CONCURRENT_SENDERS = 64;
const PULL_BATCH = 32;
const BODY = Buffer.alloc(1024, 0x61);
const BACKLOG = Number(process.env.MQ_BENCH_BACKLOG ?? 200_000);
const SINGLE = Math.min(BACKLOG, Number(process.env.MQ_BENCH_SINGLE ?? 5_000));
const MODES = (process.env.MQ_BENCH_MODES ?? 'ASYNC_FLUSH,SYNC_FLUSH').split(',') as FlushDiskType[];
const TIMEOUT_MS = 30_000;

interface SendFigures {
  tps: number;
  avgMs: number;
  p99Ms: number;
  maxMs: number;
}

interface ModeFigures {
  mode: FlushDiskType;
  send1: SendFigures;
  send64: SendFigures;
  consumeTps: number;
  storeTps: number;
}

async function expectSuccess(response: Promise<RemotingCommand>, what: string): Promise<RemotingCommand> {
  const answer = await response;
  if (answer.code !== ResponseCode.SUCCESS) throw new Error(`${what}: ${answer.code} ${answer.remark ?? ''}`);
  return answer;
}

async function createTopic(client: RemotingClient, brokerAddr: string): Promise<void> {
  const header = CreateTopicRequestHeader.encode({
    topic: TOPIC,
    defaultTopic: 'TBW102',
    readQueueNums: QUEUES,
    writeQueueNums: QUEUES,
    perm: 6,
    topicFilterType: 'SINGLE_TAG',
    order: false,
    force: false,
  });
  await expectSuccess(client.invoke(brokerAddr, RemotingCommand.createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, header), TIMEOUT_MS), 'create topic');
}

function sendRequest(seq: number): RemotingCommand {
  const header = SendMessageRequestHeaderV2.encode({
    producerGroup: 'BenchProducerGroup',
    topic: TOPIC,
    defaultTopic: 'TBW102',
    defaultTopicQueueNums: QUEUES,
    queueId: seq % QUEUES,
    sysFlag: 0,
    bornTimestamp: Date.now(),
    flag: 0,
    properties: `KEYS\u0001k${seq}\u0002TAGS\u0001TagA\u0002`,
    batch: false,
  });
  return RemotingCommand.createRequest(RequestCode.SEND_MESSAGE_V2, header, BODY);
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

/** Sends `count` messages from `senders` concurrent loops, each waiting for its previous answer. */
async function sendRun(client: RemotingClient, brokerAddr: string, firstSeq: number, count: number, senders: number): Promise<SendFigures> {
  const latencies = new Float64Array(count);
  let next = 0;
  const started = process.hrtime.bigint();
  const sender = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const t0 = process.hrtime.bigint();
      await expectSuccess(client.invoke(brokerAddr, sendRequest(firstSeq + i), TIMEOUT_MS), `send ${firstSeq + i}`);
      latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const total = latencies.reduce((sum, ms) => sum + ms, 0);
  latencies.sort();
  return { tps: count / seconds, avgMs: total / count, p99Ms: percentile(latencies, 99), maxMs: latencies[count - 1] };
}

async function maxOffset(client: RemotingClient, brokerAddr: string, queueId: number): Promise<number> {
  const request = RemotingCommand.createRequest(RequestCode.GET_MAX_OFFSET, { topic: TOPIC, queueId: String(queueId) });
  return Number((await expectSuccess(client.invoke(brokerAddr, request, TIMEOUT_MS), 'max offset')).extFields?.offset);
}

/** Waits (bounded) until the consume queues hold all `total` messages: dispatch is asynchronous. */
async function waitDispatched(client: RemotingClient, brokerAddr: string, total: number): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    let dispatched = 0;
    for (let q = 0; q < QUEUES; q++) dispatched += await maxOffset(client, brokerAddr, q);
    if (dispatched >= total) return;
    if (Date.now() > deadline) throw new Error(`only ${dispatched} of ${total} messages dispatched`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Drains every queue from offset 0 with one PULL_MESSAGE loop per queue; returns messages per second. */
async function consumeRun(client: RemotingClient, brokerAddr: string, total: number): Promise<number> {
  let consumed = 0;
  const puller = async (queueId: number): Promise<void> => {
    const end = await maxOffset(client, brokerAddr, queueId);
    for (let offset = 0; offset < end; ) {
      const request = RemotingCommand.createRequest(RequestCode.PULL_MESSAGE, {
        consumerGroup: 'BenchConsumerGroup',
        topic: TOPIC,
        queueId: String(queueId),
        queueOffset: String(offset),
        maxMsgNums: String(PULL_BATCH),
        sysFlag: '4', // FLAG_SUBSCRIPTION: the subscription rides on the request, no heartbeat needed
        commitOffset: '0',
        suspendTimeoutMillis: '0',
        subscription: '*',
        subVersion: '0',
        expressionType: 'TAG',
      });
      const response = await expectSuccess(client.invoke(brokerAddr, request, TIMEOUT_MS), `pull ${queueId}@${offset}`);
      const nextOffset = Number(response.extFields?.nextBeginOffset);
      consumed += nextOffset - offset;
      offset = nextOffset;
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: QUEUES }, (_, q) => puller(q)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (consumed !== total) throw new Error(`drained ${consumed} messages, expected ${total}`);
  return consumed / seconds;
}

function storeMessage(seq: number): MessageExt {
  const m = new MessageExt();
  m.topic = TOPIC;
  m.queueId = seq % QUEUES;
  m.body = BODY;
  m.bornTimestamp = Date.now();
  m.bornHost = { address: '127.0.0.1', port: 50000 };
  m.storeHost = { address: '127.0.0.1', port: 10911 };
  m.tags = 'TagA';
  m.keys = `k${seq}`;
  return m;
}

/** The ceiling: MessageStore.putMessage in this process, 64 producers, `count` messages. */
async function storeRun(dir: string, flushDiskType: FlushDiskType, count: number): Promise<number> {
  const store = new MessageStore({ storePathRootDir: dir, flushDiskType, messageIndexEnable: true });
  await store.start();
  let next = 0;
  const started = process.hrtime.bigint();
  const producer = async (): Promise<void> => {
    for (let seq = next++; seq < count; seq = next++) {
      const result = await store.putMessage(storeMessage(seq));
      if (result.putMessageStatus !== PutMessageStatus.PUT_OK) throw new Error(`put ${seq}: ${result.putMessageStatus}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_SENDERS }, producer));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.shutdown();
  return count / seconds;
}

async function benchMode(base: string, mode: FlushDiskType): Promise<ModeFigures> {
  const dir = fs.mkdtempSync(path.join(base, `${mode}-`));
  const broker = await startMqServer({ dir, brokerName: 'broker-bench', conf: [`flushDiskType=${mode}`] });
  const client = new RemotingClient();
  let brokerFigures: Omit<ModeFigures, 'mode' | 'storeTps'>;
  try {
    await createTopic(client, broker.brokerAddr);
    const send1 = await sendRun(client, broker.brokerAddr, 0, SINGLE, 1);
    const send64 = await sendRun(client, broker.brokerAddr, SINGLE, BACKLOG - SINGLE, CONCURRENT_SENDERS);
    await waitDispatched(client, broker.brokerAddr, BACKLOG);
    brokerFigures = { send1, send64, consumeTps: await consumeRun(client, broker.brokerAddr, BACKLOG) };
  } finally {
    await client.shutdown();
    await stopMqServer(broker);
  }
  // Measured once the broker is gone, so both runs have the machine to themselves.
  const storeTps = await storeRun(path.join(dir, 'store-only'), mode, BACKLOG);
  return { mode, ...brokerFigures, storeTps };
}

function formatSend(figures: SendFigures): string {
  return `${figures.tps.toFixed(0)} msg/s, RT avg ${figures.avgMs.toFixed(2)} ms, p99 ${figures.p99Ms.toFixed(2)} ms, max ${figures.maxMs.toFixed(1)} ms`;
}

function report(results: ModeFigures[]): void {
  const rows: Array<[string, string]> = [];
  for (const r of results) {
    rows.push(
      [`${r.mode} sync send, 1 sender, ${SINGLE} msgs`, formatSend(r.send1)],
      [`${r.mode} sync send, ${CONCURRENT_SENDERS} senders, ${BACKLOG - SINGLE} msgs`, formatSend(r.send64)],
      [`${r.mode} pull (batches of ${PULL_BATCH}), ${BACKLOG}-msg backlog`, `${r.consumeTps.toFixed(0)} msg/s`],
      [`${r.mode} store-only put, ${CONCURRENT_SENDERS} producers, ${BACKLOG} msgs`, `${r.storeTps.toFixed(0)} msg/s (ceiling)`],
    );
  }
  const width = Math.max(...rows.map((row) => row[0].length));
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
  const round = (n: number, digits = 2): number => +n.toFixed(digits);
  const summary = Object.fromEntries(
    results.map((r) => [
      r.mode,
      {
        send1Tps: Math.round(r.send1.tps),
        send1AvgMs: round(r.send1.avgMs, 3),
        send1P99Ms: round(r.send1.p99Ms, 3),
        send1MaxMs: round(r.send1.maxMs, 1),
        send64Tps: Math.round(r.send64.tps),
        send64AvgMs: round(r.send64.avgMs, 3),
        send64P99Ms: round(r.send64.p99Ms, 3),
        send64MaxMs: round(r.send64.maxMs, 1),
        consumeTps: Math.round(r.consumeTps),
        storeCeilingTps: Math.round(r.storeTps),
        send64VsStore: round(r.send64.tps / r.storeTps),
        consumeVsStore: round(r.consumeTps / r.storeTps),
      },
    ]),
  );
  process.stdout.write(`${JSON.stringify({ backlog: BACKLOG, single: SINGLE, bodyBytes: BODY.length, ...summary })}\n`);
}

async function main(): Promise<void> {
  requireBuiltMqServer();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-broker-bench-'));
  try {
    const results: ModeFigures[] = [];
    for (const mode of MODES) results.push(await benchMode(base, mode));
    report(results);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

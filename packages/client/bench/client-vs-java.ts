/**
 * @mq/client against the official Java client (rocketmq-client 5.5.0 from Maven Central), both
 * driving the same broker in the same run: our built `mqserver` on ephemeral ports. Rounds
 * alternate Java, ours, then ours, Java, and so on; each round, on a topic of its own (8 queues), sends 1 KiB
 * messages for MQ_BENCH_WARMUP_SECONDS (default 3, not measured), then MQ_BENCH_SECONDS (default 5)
 * with 1 in flight, then MQ_BENCH_SECONDS with MQ_BENCH_INFLIGHT (default 64) in flight, then a
 * push consumer of a new group drains all of it. MQ_BENCH_ROUNDS (default 2) rounds per client.
 * Prints a table of the means and a final JSON line with our/Java ratios of the rates and of the
 * client processes' CPU time per message (the steadier figure on a shared machine).
 *
 * Run `npm run bench -w @mq/client` after building the broker (`NX_DAEMON=false npx nx run @mq/broker:build`).
 * The Java driver is built with Maven on first use (e2e/java); without a JDK and Maven only our figures print.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Admin } from '../src';
import { prepareJavaSide, runJavaThroughput, JAVA_CLIENT_VERSION } from './java-throughput';
import { requireBuiltMqServer, startMqServer, stopMqServer, type RunningMqServer } from '../../broker/bench/mqserver-process';
import { runOurThroughput } from './our-throughput';
import { meanFigures, type ThroughputFigures, type ThroughputWorkload } from './throughput-figures';

const CLUSTER = 'DefaultCluster';
const QUEUES = 8;
const ROUNDS = Number(process.env.MQ_BENCH_ROUNDS ?? 2);
const PHASE_SECONDS = Number(process.env.MQ_BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.MQ_BENCH_WARMUP_SECONDS ?? 3);
const INFLIGHT = Number(process.env.MQ_BENCH_INFLIGHT ?? 64);
const JAVA_RUN_TIMEOUT_MS = 600_000;

type Side = 'java' | 'ours';

async function createTopic(namesrvAddr: string, topic: string): Promise<void> {
  const admin = new Admin({ namesrvAddr, instanceName: `bench-admin-${topic}` });
  await admin.start();
  try {
    await admin.createTopicInCluster(CLUSTER, { topic, readQueueNums: QUEUES, writeQueueNums: QUEUES });
    for (let attempt = 0; !(await admin.topicRoute(topic).catch(() => undefined)); attempt++) {
      if (attempt > 100) throw new Error(`the name server never routed ${topic}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.shutdown();
  }
}

function workloadOf(server: RunningMqServer, side: Side, round: number): ThroughputWorkload {
  const name = `ClientBench_${side}_${round}_${Date.now().toString(36)}`;
  return {
    namesrvAddr: server.namesrvAddr,
    topic: name,
    group: `G_${name}`,
    inflight: INFLIGHT,
    phaseSeconds: PHASE_SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    bodySize: 1024,
  };
}

function row(label: string, figures: ThroughputFigures): string[] {
  const tps = (value: number) => value.toFixed(0);
  const { send1, sendN, consume } = figures;
  return [label, tps(send1.tps), send1.avgRtMs.toFixed(3), tps(sendN.tps), sendN.avgRtMs.toFixed(3), sendN.cpuUsPerMsg.toFixed(0), tps(consume.tps), consume.cpuUsPerMsg.toFixed(0)];
}

function printTable(rows: string[][]): void {
  const header = ['client', 'send@1 TPS', 'RT ms', `send@${INFLIGHT} TPS`, 'RT ms', 'CPU us/msg', 'consume TPS', 'CPU us/msg'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
  for (const cells of [header, ...rows]) process.stdout.write(`${cells.map((cell, column) => cell.padStart(widths[column]!)).join('  ')}\n`);
}

function ratio(ours: number, java: number): number {
  return Number((ours / java).toFixed(3));
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-client-bench-'));
  requireBuiltMqServer();
  const server = await startMqServer({ dir, brokerName: 'broker-client-bench' });
  try {
    const java = await prepareJavaSide();
    if (!java.available) process.stdout.write(`Java side skipped: ${java.reason}\n`);
    const results: Record<Side, ThroughputFigures[]> = { java: [], ours: [] };
    const runSide = async (side: Side, round: number): Promise<void> => {
      const workload = workloadOf(server, side, round);
      await createTopic(server.namesrvAddr, workload.topic);
      const figures = side === 'java' && java.available ? await runJavaThroughput(java.build, workload, JAVA_RUN_TIMEOUT_MS) : await runOurThroughput(workload);
      results[side].push(figures);
      process.stdout.write(`round ${round} ${side}: ${JSON.stringify(figures)}\n`);
    };
    for (let round = 1; round <= ROUNDS; round++) {
      // Java, ours, ours, Java, ...: neither side always runs on the fresher broker or machine.
      const order: Side[] = !java.available ? ['ours'] : round % 2 === 1 ? ['java', 'ours'] : ['ours', 'java'];
      for (const side of order) await runSide(side, round);
    }

    const ours = meanFigures(results.ours);
    const rows = [row('@mq/client', ours)];
    const summary: Record<string, unknown> = { bench: 'client-vs-java', rounds: ROUNDS, inflight: INFLIGHT, phaseSeconds: PHASE_SECONDS, ours };
    if (results.java.length > 0) {
      const javaMean = meanFigures(results.java);
      rows.push(row(`java ${JAVA_CLIENT_VERSION}`, javaMean));
      summary.java = javaMean;
      summary.ratios = {
        send1: ratio(ours.send1.tps, javaMean.send1.tps),
        [`send${INFLIGHT}`]: ratio(ours.sendN.tps, javaMean.sendN.tps),
        consume: ratio(ours.consume.tps, javaMean.consume.tps),
      };
      // Below 1 means our client needs less CPU per message than Java's.
      summary.cpuRatios = {
        [`send${INFLIGHT}`]: ratio(ours.sendN.cpuUsPerMsg, javaMean.sendN.cpuUsPerMsg),
        consume: ratio(ours.consume.cpuUsPerMsg, javaMean.consume.cpuUsPerMsg),
      };
    }
    printTable(rows);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await stopMqServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

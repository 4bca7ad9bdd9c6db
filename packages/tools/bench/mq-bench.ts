/**
 * Self-contained `mq bench` run: starts the built `mqserver` (name server + broker) in a child
 * process on ephemeral ports over a temp store, runs the producer workload for MQ_BENCH_SECONDS
 * (default 5), then the consumer workload until it has consumed everything the producer sent
 * (at most 60 s). Prints Java's report lines (every second), both summaries and a final JSON
 * line `{"producer": BenchSummary, "consumer": BenchSummary}`.
 * Needs the broker built: `NX_DAEMON=false npx nx run @mq/broker:build` (the nx `bench` target does).
 * MQ_BENCH_THREADS (default 64) and MQ_BENCH_SIZE (default 128) set `-w` and `-s`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireBuiltMqServer, startMqServer, stopMqServer } from '../../broker/bench/mqserver-process';
import { parseConsumerOptions, parseProducerOptions, processBenchOutput, renderSummary, runConsumerBench, runProducerBench } from '../src';

const SECONDS = process.env.MQ_BENCH_SECONDS ?? '5';
const THREADS = process.env.MQ_BENCH_THREADS ?? '64';
const SIZE = process.env.MQ_BENCH_SIZE ?? '128';
const CONSUME_LIMIT_SECONDS = '60';
const REPORT_EVERY_MS = '1000';

async function main(): Promise<void> {
  requireBuiltMqServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-bench-'));
  const server = await startMqServer({ dir, brokerName: 'mq-bench' });
  const output = processBenchOutput();
  try {
    const common = { namesrvAddr: server.namesrvAddr, topic: 'BenchmarkTest', reportInterval: REPORT_EVERY_MS };
    output.out(`mq bench producer -w ${THREADS} -s ${SIZE} --duration ${SECONDS}\n`);
    const producer = await runProducerBench(parseProducerOptions({ ...common, threadCount: THREADS, messageSize: SIZE, duration: SECONDS }), { output });
    output.out(renderSummary(producer, false));
    output.out(`mq bench consumer --messages ${producer.messages}\n`);
    const consumerArgs = { ...common, messages: String(Math.max(1, producer.messages)), duration: CONSUME_LIMIT_SECONDS };
    const consumer = await runConsumerBench(parseConsumerOptions(consumerArgs), { output });
    output.out(renderSummary(consumer, false));
    output.out(`${JSON.stringify({ producer, consumer })}\n`);
  } finally {
    await stopMqServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`mq bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

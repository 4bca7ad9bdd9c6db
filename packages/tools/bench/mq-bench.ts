/**
 * Self-contained `mq bench` run: starts the built `mqserver` (name server + broker) in a child
 * process on ephemeral ports over a temp store, runs the producer workload for MQ_BENCH_SECONDS
 * (default 5), then the consumer workload until it has consumed everything the producer sent
 * (at most 60 s). Prints Java's report lines (every second), both summaries and a final JSON
 * line `{"producer": BenchSummary, "consumer": BenchSummary}`.
 * Needs the broker built: `NX_DAEMON=false npx nx run @mq/broker:build` (the nx `bench` target does).
 * MQ_BENCH_THREADS (default 64) and MQ_BENCH_SIZE (default 128) set `-w` and `-s`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConsumerOptions, parseProducerOptions, processBenchOutput, renderSummary, runConsumerBench, runProducerBench } from '../src';

const MQSERVER = path.resolve(__dirname, '..', '..', 'broker', 'dist', 'bin', 'mqserver.js');
const SECONDS = process.env.MQ_BENCH_SECONDS ?? '5';
const THREADS = process.env.MQ_BENCH_THREADS ?? '64';
const SIZE = process.env.MQ_BENCH_SIZE ?? '128';
const CONSUME_LIMIT_SECONDS = '60';
const REPORT_EVERY_MS = '1000';

interface Server {
  child: ChildProcess;
  namesrvAddr: string;
}

/** Starts `mqserver` and resolves with the name server address from its boot line. */
function startServer(dir: string): Promise<Server> {
  const conf = path.join(dir, 'broker.conf');
  fs.writeFileSync(conf, ['brokerName=mq-bench', 'grpcServerPort=-1', 'diskMaxUsedSpaceRatio=98', ''].join('\n'));
  const args = [MQSERVER, '-c', conf, '--namesrv-port', '0', '--broker-port', '0', '--store-dir', path.join(dir, 'store')];
  const child = spawn(process.execPath, args, { env: { ...process.env, MQ_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const boot = /boot success\. .*name server is ([\d.]+:\d+)/.exec(out);
      if (boot) resolve({ child, namesrvAddr: boot[1]! });
    });
    child.once('exit', (code, signal) => reject(new Error(`mqserver exited (${code ?? signal}) before booting:\n${out}`)));
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  if (!fs.existsSync(MQSERVER)) throw new Error(`${MQSERVER} is missing: run NX_DAEMON=false npx nx run @mq/broker:build first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-bench-'));
  const server = await startServer(dir);
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
    await stopServer(server);
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

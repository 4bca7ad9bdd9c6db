import fs from 'node:fs';
import path from 'node:path';
import type { BenchSummary } from '@mq/tools';
import { ManagedProcess, runToCompletion } from '../../e2e/support/processes';
import { BenchmarkDriver, SendReport, SendRun } from './benchmark-driver';

/** Our tools CLI, built by `npm run build`. */
export const MQ_TOOLS_BIN = path.resolve(__dirname, '..', '..', 'packages', 'tools', 'dist', 'bin', 'mq.js');
/** Node start-up, route lookup and the final summary, on top of a run's own duration. */
const START_UP_ALLOWANCE_MS = 30_000;

/** Our `mq bench producer|consumer` (packages/tools), run with `--json` against one name server. */
export class MqBenchTools implements BenchmarkDriver {
  readonly name = 'mq-bench';
  private runs = 0;

  constructor(
    private readonly workDir: string,
    private readonly namesrvAddr: string,
  ) {}

  /** `mq bench producer -w threads -s size --duration s --json`: TPS and latencies over the whole run. */
  async send(run: SendRun): Promise<SendReport> {
    const summary = await this.produce(run.topic, run.threads, run.messageSize, ['--duration', String(run.durationMs / 1000)], run.durationMs);
    return {
      sendTps: summary.tps,
      rtAvgMs: summary.latency.avgMs,
      rtP99Ms: summary.latency.p99Ms,
      rtMaxMs: summary.latency.maxMs,
      failures: summary.failed,
    };
  }

  /** Sends `count` messages with `threads` senders and returns how many the broker accepted. */
  async sendCount(options: { topic: string; threads: number; count: number; messageSize: number; timeoutMs: number }): Promise<number> {
    const summary = await this.produce(options.topic, options.threads, options.messageSize, ['--messages', String(options.count)], options.timeoutMs);
    return summary.messages;
  }

  /** Starts `mq bench consumer` (20 concurrent deliveries, like Java's) of `group` on `topic`; the caller stops it. */
  startConsumer(options: { topic: string; group: string }): ManagedProcess {
    const name = `mq-bench-consumer-${++this.runs}`;
    return ManagedProcess.start({
      name,
      command: process.execPath,
      args: [MQ_TOOLS_BIN, 'bench', 'consumer', '-n', this.namesrvAddr, '-t', options.topic, '-g', options.group],
      cwd: this.workDir,
      logFile: path.join(this.workDir, `${name}.log`),
    });
  }

  private async produce(topic: string, threads: number, messageSize: number, stopAfter: readonly string[], runMs: number): Promise<BenchSummary> {
    const args = [MQ_TOOLS_BIN, 'bench', 'producer', '-n', this.namesrvAddr, '-t', topic, '-w', String(threads), '-s', String(messageSize), ...stopAfter, '--json'];
    const timeoutMs = runMs + START_UP_ALLOWANCE_MS;
    const run = await runToCompletion(process.execPath, args, { cwd: this.workDir, timeoutMs });
    const logFile = path.join(this.workDir, `mq-bench-producer-${++this.runs}.log`);
    fs.writeFileSync(logFile, `${run.stdout}\n${run.stderr}`);
    const lastLine = run.stdout.trim().split('\n').pop() ?? '';
    if (run.code !== 0 || !lastLine.startsWith('{')) {
      const why = run.timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${run.code}`;
      throw new Error(`mq bench producer ${why} (log: ${logFile})`);
    }
    return JSON.parse(lastLine) as BenchSummary;
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { ManagedProcess } from '../../e2e/support/processes';
import { BenchmarkDriver, SendReport, SendRun } from './benchmark-driver';

const PRODUCER_MAIN = 'org.apache.rocketmq.example.benchmark.Producer';
const CONSUMER_MAIN = 'org.apache.rocketmq.example.benchmark.Consumer';
const CLIENT_JVM_OPTIONS = ['-Xms512m', '-Xmx512m', '-XX:+UseG1GC', '-XX:-UsePerfData'];
/** The tools print a sliding 10-snapshot window; one report a second keeps the last window fresh. */
const REPORT_INTERVAL_MS = '1000';
const EXIT_CHECK_MS = 250;
/** The first report comes once 10 one-second snapshots exist; JVM start-up comes on top. */
const MIN_SEND_RUN_MS = 14_000;

const SEND_REPORT = /Send TPS: (\d+) \| Max RT\(ms\): (\d+) \| Average RT\(ms\):\s*([\d.]+) \| Send Failed: (\d+) \| Response Failed: (\d+)/g;

/**
 * The last `... | Send TPS: n | Max RT(ms): n | Average RT(ms): x | Send Failed: n | Response Failed: n`
 * line of the Producer's output (a periodic or the `[Complete]` line), or undefined when it printed none.
 */
export function parseLastSendReport(output: string): SendReport | undefined {
  const last = [...output.matchAll(SEND_REPORT)].pop();
  if (!last) return undefined;
  const [, tps, maxRt, averageRt, sendFailed, responseFailed] = last.map(Number);
  return { sendTps: tps!, rtMaxMs: maxRt!, rtAvgMs: averageRt!, failures: sendFailed! + responseFailed! };
}

/** RocketMQ's own benchmark tools (rocketmq-example), run with `java -cp` against one name server. */
export class JavaBenchmarkTools implements BenchmarkDriver {
  readonly name = 'java';
  private runs = 0;

  constructor(
    private readonly classpath: string,
    private readonly workDir: string,
    private readonly namesrvAddr: string,
  ) {}

  /**
   * `Producer -t topic -w threads -s size -ri 1000`, killed after `durationMs` (at least 14 s:
   * it reports nothing before 10 s); its last report covers the final ~9 s.
   */
  async send(run: SendRun): Promise<SendReport> {
    const durationMs = Math.max(run.durationMs, MIN_SEND_RUN_MS);
    const args = ['-t', run.topic, '-w', String(run.threads), '-s', String(run.messageSize), '-ri', REPORT_INTERVAL_MS];
    const producer = this.start('java-producer', PRODUCER_MAIN, args);
    try {
      await runFor(producer, durationMs);
    } finally {
      await producer.stop();
    }
    const report = parseLastSendReport(fs.readFileSync(producer.spec.logFile, 'utf8'));
    if (!report) throw new Error(`the Java benchmark Producer printed no "Send TPS" report in ${durationMs} ms (log: ${producer.spec.logFile})`);
    return report;
  }

  /** Starts a Consumer (a push consumer of `group`, 20 threads) on `topic`; the caller stops it. */
  startConsumer(options: { topic: string; group: string }): ManagedProcess {
    return this.start('java-consumer', CONSUMER_MAIN, ['-t', options.topic, '-g', options.group, '-ri', REPORT_INTERVAL_MS]);
  }

  private start(label: string, mainClass: string, args: readonly string[]): ManagedProcess {
    const name = `${label}-${++this.runs}`;
    const home = path.join(this.workDir, 'client-home');
    return ManagedProcess.start({
      name,
      command: 'java',
      args: [...CLIENT_JVM_OPTIONS, `-Duser.home=${home}`, '-cp', this.classpath, mainClass, '-n', this.namesrvAddr, ...args],
      cwd: this.workDir,
      logFile: path.join(this.workDir, `${name}.log`),
    });
  }
}

/** Waits `durationMs`; throws if the tool exits before. */
async function runFor(tool: ManagedProcess, durationMs: number): Promise<void> {
  const deadline = Date.now() + durationMs;
  while (Date.now() < deadline) {
    if (tool.exitReason) throw new Error(`the Java benchmark tool ended early: ${tool.exitReason}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(EXIT_CHECK_MS, deadline - Date.now())));
  }
}

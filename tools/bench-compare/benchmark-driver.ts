import { ManagedProcess } from '../../e2e/support/processes';

/** Which benchmark tool drives a workload: RocketMQ's Java tools, or our `mq bench`. */
export type DriverName = 'java' | 'mq-bench';

/** A timed send run: `threads` synchronous senders of `messageSize`-byte bodies for `durationMs`. */
export interface SendRun {
  topic: string;
  threads: number;
  messageSize: number;
  durationMs: number;
}

/** What a send run reports; `rtP99Ms` only where the tool measures percentiles. */
export interface SendReport {
  sendTps: number;
  rtAvgMs: number;
  rtP99Ms?: number;
  rtMaxMs: number;
  /** Send calls that failed. */
  failures: number;
}

/** One benchmark tool, run against one side's name server. */
export interface BenchmarkDriver {
  readonly name: DriverName;
  /** Runs a producer for the run's duration and returns its figures. */
  send(run: SendRun): Promise<SendReport>;
  /** Starts a consumer of `group` on `topic` that runs until the caller stops it. */
  startConsumer(options: { topic: string; group: string }): ManagedProcess;
}

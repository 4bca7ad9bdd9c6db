import { performance } from 'node:perf_hooks';
import type { BenchOutput } from './report/bench-output';
import { PeriodicReporter, type ReportSource } from './report/periodic-reporter';
import type { BenchRunOptions } from './options/run-options';
import { RunBudget } from './run-budget';

/** How a benchmark run reports and how it can be ended early. */
export interface BenchRunContext {
  /** Where the periodic report lines go; none are printed without it or with `--json`. */
  output?: BenchOutput;
  /** Ends the run early (e.g. on SIGINT); the summary covers what ran. */
  signal?: AbortSignal;
}

/** When the measured part of a run began and how long it lasted. */
export interface RunTiming {
  startTimestamp: number;
  elapsedMs: number;
}

/**
 * Runs `body` with a budget built from the options' bounds, reporting periodically meanwhile.
 * The budget stops when `body` settles, so nothing keeps running after it.
 */
export async function measureRun(options: BenchRunOptions, context: BenchRunContext, report: ReportSource, body: (budget: RunBudget) => Promise<void>): Promise<RunTiming> {
  const budget = new RunBudget(options);
  const stopEarly = (): void => budget.stop();
  if (context.signal?.aborted) budget.stop();
  context.signal?.addEventListener('abort', stopEarly, { once: true });
  const reporter = context.output && !options.json ? new PeriodicReporter(report, context.output, options.reportIntervalMs) : undefined;
  reporter?.start();
  const startTimestamp = Date.now();
  const begin = performance.now();
  try {
    await body(budget);
    return { startTimestamp, elapsedMs: performance.now() - begin };
  } finally {
    budget.stop();
    reporter?.stop();
    context.signal?.removeEventListener('abort', stopEarly);
  }
}

/** Something with the client lifecycle of @mq/client. */
export interface StartableClient {
  start(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Starts `client`, runs `use`, and shuts the client down whatever happened. */
export async function withClient<T>(client: StartableClient, use: () => Promise<T>): Promise<T> {
  await client.start();
  try {
    return await use();
  } finally {
    await client.shutdown();
  }
}

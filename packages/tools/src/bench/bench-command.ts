import { describeError } from '../cli/error-description';
import type { BenchRunContext } from './bench-session';
import { BENCH_WORKLOADS, type BenchWorkloadCommand } from './bench-workloads';
import { describeOptions, parseBenchArgv } from './options/argv-parser';
import type { BenchOutput } from './report/bench-output';
import { formatSummaryJson, formatSummaryTable, type BenchSummary } from './report/bench-summary';
import { formatProducerCompleteLine } from './report/report-lines';

/** Top-level usage of `mq`. */
export function mqUsage(workloads: readonly BenchWorkloadCommand[] = BENCH_WORKLOADS): string {
  const width = Math.max(...workloads.map((workload) => workload.name.length)) + 2;
  return [
    'Usage: mq bench <workload> [options]\n',
    '\nRocketMQ benchmark tools (flags and report lines of Apache RocketMQ example/benchmark).\n',
    '\nWorkloads:\n',
    ...workloads.map((workload) => `  ${workload.name.padEnd(width)}${workload.description}\n`),
    '\nRun `mq bench <workload> --help` for its options.\n',
  ].join('');
}

/** Usage of one workload. */
export function workloadUsage(workload: BenchWorkloadCommand): string {
  return `Usage: mq bench ${workload.name} [options]\n\n${workload.description}\n\nOptions:\n${describeOptions(workload.specs)}`;
}

/** Java's closing line of the producer benchmark, from a summary. */
function producerCompleteLine(summary: BenchSummary): string {
  const { sendFailed = 0, responseFailed = 0 } = summary.counters;
  return formatProducerCompleteLine(summary.messages + sendFailed, {
    sendTps: Math.trunc(summary.tps),
    maxRtMs: summary.latency.maxMs,
    avgRtMs: summary.latency.avgMs,
    sendFailed,
    responseFailed,
  });
}

/** The end of a run: one JSON object with `--json`, else Java's closing line (producer) and the table. */
export function renderSummary(summary: BenchSummary, json: boolean): string {
  if (json) return formatSummaryJson(summary);
  const complete = summary.workload === 'producer' ? `${producerCompleteLine(summary)}\n` : '';
  return complete + formatSummaryTable(summary);
}

async function runWorkload(workload: BenchWorkloadCommand, args: readonly string[], output: BenchOutput, signal?: AbortSignal): Promise<number> {
  const raw = parseBenchArgv(args, workload.specs);
  if (raw.help === true) {
    output.out(workloadUsage(workload));
    return 0;
  }
  const context: BenchRunContext = { output, signal };
  const { summary, json } = await workload.run(raw, context);
  output.out(renderSummary(summary, json));
  return 0;
}

/**
 * Runs `mq` with `args` (without `node` and the script): `bench <workload> [options]` or help.
 * Resolves with the exit code: 0 on success and for help, 1 on failure (cause on `err`).
 * Aborting `signal` ends a run early; its summary is still printed.
 */
export async function runMq(args: readonly string[], output: BenchOutput, signal?: AbortSignal): Promise<number> {
  const [command, name, ...rest] = args;
  if (command === undefined || command === '-h' || command === '--help' || (command === 'bench' && (name === undefined || name === '-h' || name === '--help'))) {
    output.out(mqUsage());
    return 0;
  }
  const workload = command === 'bench' ? BENCH_WORKLOADS.find((candidate) => candidate.name === name) : undefined;
  if (!workload) {
    output.err(`unknown command: mq ${args.slice(0, 2).join(' ')}\n\n${mqUsage()}`);
    return 1;
  }
  try {
    return await runWorkload(workload, rest, output, signal);
  } catch (error) {
    output.err(`mq bench ${workload.name} failed: ${describeError(error)}\n`);
    return 1;
  }
}

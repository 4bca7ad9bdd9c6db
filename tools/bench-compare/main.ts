// `npm run bench:compare`: our broker against Apache RocketMQ 5.5.0, the same workloads on both,
// one side at a time. Progress on stderr; the table, then one JSON line, on stdout.
import './quiet-logs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { javaToolchain } from '../../e2e/support/maven';
import { apacheClasspath } from './apache-classpath';
import { apacheSide } from './apache-side';
import { ClusterSide } from './cluster-side';
import { describeMachine } from './machine';
import { MQ_TOOLS_BIN } from './mq-bench';
import { MQSERVER_BIN, ourSide } from './our-side';
import { FULL_PROFILE, SHORT_PROFILE } from './profile';
import { renderJsonLine, renderTable } from './report';
import { runComparison } from './run-comparison';
import { Workload } from './workload';
import { FULL_WORKLOADS, SHORT_WORKLOADS, WORKLOADS } from './workloads';

/** Exit codes: a workload failed, or the run could not start at all. */
const EXIT_WORKLOAD_FAILED = 1;
const EXIT_PREREQUISITE_MISSING = 2;

interface CliOptions {
  short?: boolean;
  workloads?: string;
  sides: string;
  keep?: boolean;
  list?: boolean;
}

function parseCli(): CliOptions {
  return new Command('bench:compare')
    .description('Runs the same workloads against our broker and Apache RocketMQ 5.5.0 and prints ours/theirs ratios')
    .option('--short', `a CI run of seconds (${SHORT_WORKLOADS.join(', ')}; a smaller backlog)`)
    .option('--workloads <ids>', 'comma-separated workload ids (see --list)')
    .option('--sides <names>', 'which sides to run: ours,apache', 'ours,apache')
    .option('--keep', 'keep the work dir (confs, stores, server and tool logs)')
    .option('--list', 'list the workloads and exit')
    .parse()
    .opts<CliOptions>();
}

function fail(message: string): never {
  process.stderr.write(`bench:compare: ${message}\n`);
  process.exit(EXIT_PREREQUISITE_MISSING);
}

function pickWorkloads(options: CliOptions): Workload[] {
  const ids = options.workloads?.split(',').map((id) => id.trim()) ?? (options.short ? SHORT_WORKLOADS : FULL_WORKLOADS);
  const unknown = ids.filter((id) => !WORKLOADS.some((workload) => workload.id === id));
  if (unknown.length > 0) fail(`unknown workload ${unknown.join(', ')}; known: ${WORKLOADS.map((w) => w.id).join(', ')}`);
  return WORKLOADS.filter((workload) => ids.includes(workload.id));
}

function pickSides(names: string): ClusterSide[] {
  const wanted = names.split(',').map((name) => name.trim());
  const sides = [ourSide, apacheSide].filter((side) => wanted.includes(side.name));
  if (sides.length !== wanted.length) fail(`--sides takes ours and/or apache, not "${names}"`);
  return sides;
}

/** Stops the run with exit code 2 when Java, Maven or one of our built bins is missing. */
function checkPrerequisites(sides: readonly ClusterSide[]): void {
  const java = javaToolchain();
  if (!java.available) fail(`the Apache side and the Java benchmark tools ${java.reason}`);
  const missing = (sides.includes(ourSide) ? [MQSERVER_BIN, MQ_TOOLS_BIN] : [MQ_TOOLS_BIN]).filter((bin) => !fs.existsSync(bin));
  if (missing.length > 0) fail(`${missing.map((bin) => path.relative(process.cwd(), bin)).join(', ')} missing: run \`npm run build\` first`);
}

/** Progress lines on stderr, each with the seconds since the run started. */
function progressPrinter(): (line: string) => void {
  const startedAt = performance.now();
  return (line) => {
    const elapsed = ((performance.now() - startedAt) / 1000).toFixed(1).padStart(6);
    process.stderr.write(`[${elapsed} s] ${line}\n`);
  };
}

async function main(): Promise<void> {
  const options = parseCli();
  if (options.list) {
    for (const workload of WORKLOADS) process.stdout.write(`${workload.id.padEnd(28)} ${workload.description}\n`);
    return;
  }
  const workloads = pickWorkloads(options);
  const sides = pickSides(options.sides);
  checkPrerequisites(sides);
  const progress = progressPrinter();
  progress('resolving Apache RocketMQ 5.5.0 (namesrv, broker, proxy, example) from Maven Central ...');
  const classpath = await apacheClasspath().catch((err: Error) => fail(err.message));

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-bench-compare-'));
  const profile = options.short ? SHORT_PROFILE : FULL_PROFILE;
  try {
    const outcomes = await runComparison({ workloads, sides, profile, classpath, workDir, progress });
    process.stdout.write(`${renderTable(outcomes)}\n`);
    process.stdout.write(`${renderJsonLine(profile.name, describeMachine(), outcomes)}\n`);
    if (outcomes.some((outcome) => sides.some((side) => 'error' in outcome[side.name]))) process.exitCode = EXIT_WORKLOAD_FAILED;
  } finally {
    if (options.keep) progress(`work dir kept: ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

// A signal ends the run through process.exit, so the process helpers' exit hook kills every server and tool.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().catch((err: unknown) => {
  process.stderr.write(`bench:compare failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(EXIT_WORKLOAD_FAILED);
});

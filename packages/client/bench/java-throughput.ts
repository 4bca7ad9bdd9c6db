import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDrivers, type DriverBuild } from '../../../e2e/support/java';
import { javaToolchain } from '../../../e2e/support/maven';
import { runToCompletion } from '../../../e2e/support/processes';
import type { ThroughputFigures, ThroughputWorkload } from './throughput-figures';

/** The official client the comparison runs against (Maven Central), built by e2e's harness. */
export const JAVA_CLIENT_VERSION = '5.5.0';

/**
 * A JVM as a user would run one, with the full JIT: the e2e drivers' start-up tuning
 * (C1 only, serial GC) would understate the Java client's throughput.
 */
const JVM_OPTIONS = ['-Xms512m', '-Xmx512m', '-Xlog:disable', '-Xlog:all=warning:stderr'];

/** The Java side, or why it cannot run here. */
export type JavaSide = { available: true; build: DriverBuild } | { available: false; reason: string };

/** Builds (or reuses) the e2e Java drivers against rocketmq-client {@link JAVA_CLIENT_VERSION}. */
export async function prepareJavaSide(): Promise<JavaSide> {
  const toolchain = javaToolchain();
  if (!toolchain.available) return toolchain;
  return { available: true, build: await buildDrivers(JAVA_CLIENT_VERSION) };
}

/** Runs `org.mq.e2e.ThroughputDriver` once and returns its figures. */
export async function runJavaThroughput(build: DriverBuild, workload: ThroughputWorkload, timeoutMs: number): Promise<ThroughputFigures> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-bench-java-')); // the client's logs go to user.home
  try {
    const options = {
      namesrv: workload.namesrvAddr,
      topic: workload.topic,
      group: workload.group,
      inflight: workload.inflight,
      seconds: workload.phaseSeconds,
      'warmup-seconds': workload.warmupSeconds,
      'body-size': workload.bodySize,
      'deadline-ms': timeoutMs - 5000,
    };
    const args = [...JVM_OPTIONS, `-Duser.home=${home}`, '-cp', build.classpath, 'org.mq.e2e.ThroughputDriver'];
    const run = await runToCompletion('java', [...args, ...Object.entries(options).flatMap(([name, value]) => [`--${name}`, String(value)])], { timeoutMs });
    const line = run.stdout.split('\n').reverse().find((text) => text.startsWith('{'));
    const result = line ? (JSON.parse(line) as Partial<ThroughputFigures> & { ok: boolean; error?: string }) : undefined;
    if (run.code !== 0 || !result?.ok) {
      throw new Error(`ThroughputDriver failed (exit ${run.code}${run.timedOut ? ', timed out' : ''}): ${result?.error ?? run.stderr.slice(-2000)}`);
    }
    return { send1: result.send1!, sendN: result.sendN!, consume: result.consume! };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

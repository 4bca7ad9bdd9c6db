import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClusterSide, SideName } from '../../tools/bench-compare/cluster-side';
import { parseLastSendReport } from '../../tools/bench-compare/java-benchmark';
import { MQ_TOOLS_BIN } from '../../tools/bench-compare/mq-bench';
import { MQSERVER_BIN } from '../../tools/bench-compare/our-side';
import { SHORT_PROFILE } from '../../tools/bench-compare/profile';
import { ratios } from '../../tools/bench-compare/report';
import { runComparison } from '../../tools/bench-compare/run-comparison';
import { Workload } from '../../tools/bench-compare/workload';
import { allOf, AVAILABLE, Availability, describeIf } from '../support/availability';
import { javaToolchain } from '../support/maven';
import { runToCompletion } from '../support/processes';

const ROOT = path.resolve(__dirname, '..', '..');
/** Both sides one after the other, each warmed up and measured on two short workloads: under a minute on 2 idle cores. */
const RUN_TIMEOUT_MS = 140_000;
const SHORT_WORKLOADS = ['mq-bench-producer-8-async', 'mq-bench-consumer-backlog'];

type Metric = 'sendTps' | 'consumeTps' | 'rssMiB' | 'cpuPercent';
type SideFigures = Partial<Record<Metric, number>> & { error?: string };
interface BenchCompareLine {
  benchCompare: {
    profile: string;
    machine: { nproc: number; java: string };
    results: { workload: string; ours: SideFigures; apache: SideFigures; ratio: Partial<Record<Metric, number | null>> }[];
  };
}

function builtBins(): Availability {
  const missing = [MQSERVER_BIN, MQ_TOOLS_BIN].filter((bin) => !fs.existsSync(bin));
  if (missing.length === 0) return AVAILABLE;
  return { available: false, reason: `${missing.map((bin) => path.relative(ROOT, bin)).join(', ')} not built (run \`npm run build\`)` };
}

function figures(side: SideFigures): Partial<Record<Metric, number>> {
  if (side.error !== undefined) throw new Error(side.error);
  return side;
}

describeIf(allOf(javaToolchain(), builtBins()), 'npm run bench:compare --short', () => {
  test(
    'measures both sides on every short workload and prints ours/apache ratios',
    async () => {
      const run = await runToCompletion(process.execPath, ['-r', './tools/ts-register.js', 'tools/bench-compare/main.ts', '--short'], {
        cwd: ROOT,
        timeoutMs: RUN_TIMEOUT_MS,
      });
      expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
      const { benchCompare } = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as BenchCompareLine;
      expect(benchCompare.profile).toBe('short');
      expect(benchCompare.machine.nproc).toBeGreaterThan(0);
      expect(benchCompare.results.map((result) => result.workload)).toEqual(SHORT_WORKLOADS);
      for (const result of benchCompare.results) {
        const [ours, apache] = [figures(result.ours), figures(result.apache)];
        const throughput: Metric = result.workload.includes('-consumer-') ? 'consumeTps' : 'sendTps';
        for (const side of [ours, apache]) {
          expect(side[throughput]).toBeGreaterThan(0);
          expect(side.rssMiB).toBeGreaterThan(0);
          expect(side.cpuPercent).toBeGreaterThan(0);
        }
        expect(result.ratio[throughput]).toBeCloseTo(ours[throughput]! / apache[throughput]!, 6);
        expect(result.ratio.rssMiB).toBeGreaterThan(0);
      }
      expect(run.stdout).toContain('ours/apache');
    },
    RUN_TIMEOUT_MS + 10_000,
  );
});

describe('bench:compare building blocks', () => {
  const periodic = 'Current Time: 2026-01-01 00:00:00,000 | Send TPS: 900 | Max RT(ms): 40 | Average RT(ms):   7.500 | Send Failed: 1 | Response Failed: 0';
  const complete = '[Complete] Send Total: 9000 | Send TPS: 1000 | Max RT(ms): 50 | Average RT(ms):   6.250 | Send Failed: 2 | Response Failed: 3';

  test('the Java Producer figures come from its last report line, failures summed', () => {
    expect(parseLastSendReport(`start\n${periodic}\n${complete}\n`)).toEqual({ sendTps: 1000, rtMaxMs: 50, rtAvgMs: 6.25, failures: 5 });
    expect(parseLastSendReport('no report yet\n')).toBeUndefined();
  });

  test('ratios are ours / apache, null over a zero, absent when a side failed', () => {
    const outcome = { workload: 'w', description: 'd', ours: { sendTps: 300, rssMiB: 100, cpuPercent: 5 }, apache: { sendTps: 200, rssMiB: 400, cpuPercent: 0 } };
    expect(ratios(outcome)).toEqual({ sendTps: 1.5, rssMiB: 0.25, cpuPercent: null });
    expect(ratios({ ...outcome, apache: { error: 'did not start' } })).toEqual({});
  });

  test('a side that does not start and a workload that throws become failed rows, and the run goes on', async () => {
    const workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'bench-compare-test-'));
    const stopped: string[] = [];
    const startedSide = (name: SideName): ClusterSide => ({
      name,
      start: async () => ({
        side: name,
        namesrvAddr: '127.0.0.1:1',
        brokerAddr: '127.0.0.1:1',
        grpcEndpoint: undefined,
        brokerPids: [process.pid],
        grpcServerPids: [process.pid],
        exitReason: () => 'no servers in this test',
        stop: async () => void stopped.push(name),
      }),
    });
    const failingSide: ClusterSide = { name: 'apache', start: () => Promise.reject(new Error('port taken')) };
    const workload = (id: string, run: Workload['run']): Workload => ({ id, description: id, flushDiskType: 'ASYNC_FLUSH', grpc: false, run });
    try {
      const outcomes = await runComparison({
        workloads: [workload('throws', () => Promise.reject(new Error('tool crashed'))), workload('measures', async () => ({ sendTps: 42 }))],
        sides: [startedSide('ours'), failingSide],
        profile: SHORT_PROFILE,
        classpath: '',
        workDir,
        progress: () => undefined,
      });
      expect(outcomes.map(({ workload: id, ours, apache }) => ({ id, ours, apache }))).toEqual([
        { id: 'throws', ours: { error: 'tool crashed' }, apache: { error: 'apache did not start: port taken' } },
        { id: 'measures', ours: { sendTps: 42 }, apache: { error: 'apache did not start: port taken' } },
      ]);
      expect(stopped).toEqual(['ours']);
    } finally {
      await fs.promises.rm(workDir, { recursive: true, force: true });
    }
  });
});

import { spawn } from 'node:child_process';
import * as path from 'node:path';

const BROKER_DIR = path.resolve(__dirname, '..', '..');
const TS_REGISTER = path.resolve(BROKER_DIR, '..', '..', 'tools', 'ts-register.js');

interface BenchRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bench/advanced-bench.ts --short` as the npm script would (against the built `mqserver`). */
function runShortBench(): Promise<BenchRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', TS_REGISTER, 'bench/advanced-bench.ts', '--short'], {
      cwd: BROKER_DIR,
      env: { ...process.env, MQ_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('advanced-bench --short', () => {
  it('measures every figure and ends with the JSON summary', async () => {
    const run = await runShortBench();
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1]!);

    expect(summary.timerPending).toBeGreaterThan(0);
    expect(summary.txConsumed).toBe(summary.txCommitted);
    for (const figure of ['baselineSendTps', 'timerScheduleTps', 'timerDeliverTps', 'rssMiBWithPending', 'txTps', 'txCommitted']) {
      expect([figure, summary[figure]]).toEqual([figure, expect.any(Number)]);
      expect([figure, summary[figure] > 0]).toEqual([figure, true]);
    }
    for (const ratio of ['timerSchedule', 'timerDeliver', 'tx']) expect([ratio, summary.ratios[ratio] > 0]).toEqual([ratio, true]);
    expect(lines.length).toBeGreaterThan(1); // the table comes first
  }, 120_000);
});

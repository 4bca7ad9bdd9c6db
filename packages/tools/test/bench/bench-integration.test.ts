import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedBroker, type EmbeddedBroker } from '@mq/broker';
import { runMq } from '../../src/bench/bench-command';
import type { BenchOutput } from '../../src/bench/report/bench-output';
import type { BenchSummary } from '../../src/bench/report/bench-summary';

let dir: string;
let embedded: EmbeddedBroker;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mq-bench-'));
  embedded = await startEmbeddedBroker({ storeDir: dir, broker: { brokerName: 'bench-broker' } });
});

afterAll(async () => {
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

interface Captured {
  code: number;
  out: string;
  err: string;
}

async function mq(...args: string[]): Promise<Captured> {
  const captured = { out: '', err: '' };
  const output: BenchOutput = { out: (text) => void (captured.out += text), err: (text) => void (captured.err += text) };
  const code = await runMq(['bench', ...args, '-n', embedded.namesrvAddr!], output);
  return { code, ...captured };
}

async function benchJson(...args: string[]): Promise<BenchSummary> {
  const result = await mq(...args, '--json');
  expect(result).toMatchObject({ code: 0, err: '' });
  const lines = result.out.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as BenchSummary;
}

describe('mq bench against an embedded broker', () => {
  it('producer then consumer: every message sent is consumed, and the reports say so', async () => {
    const sent = await benchJson('producer', '-t', 'BenchRoundTrip', '-w', '8', '-s', '64', '-k', 'true', '-l', '3', '-p', '20', '--messages', '300');
    expect(sent).toMatchObject({ workload: 'producer', topic: 'BenchRoundTrip', threadCount: 8, messageSize: 64, messages: 300, failed: 0 });
    expect(sent.counters).toEqual({ sendFailed: 0, responseFailed: 0 });
    expect(sent.latency.count).toBe(300);
    expect(sent.latency.p50Ms).toBeLessThanOrEqual(sent.latency.p99Ms);
    expect(sent.latency.p99Ms).toBeLessThanOrEqual(sent.latency.maxMs);

    const consumed = await benchJson('consumer', '-t', 'BenchRoundTrip', '-g', 'bench_round_trip', '-w', '4', '--messages', '300', '--duration', '60');
    expect(consumed).toMatchObject({ workload: 'consumer', topic: 'BenchRoundTrip', messages: 300, failed: 0 });
    expect(consumed.counters).toEqual({ received: 300, consumeFailed: 0 });
    expect(consumed.latency.count).toBe(300);
    expect(consumed.storeLatency?.count).toBe(300);
  });

  it('prints Java\'s closing line and the summary table without --json', async () => {
    const result = await mq('producer', '-t', 'BenchTable', '-w', '2', '-q', '10');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^\[Complete\] Send Total: 10 \| Send TPS: \d+ \| Max RT\(ms\): \d+ \| Average RT\(ms\): +\d+\.\d{3} \| Send Failed: 0 \| Response Failed: 0\n/);
    expect(result.out).toMatch(/│ Sent +│ 10 +│/);
  });

  it('tproducer commits every transactional message', async () => {
    const summary = await benchJson('tproducer', '-t', 'BenchTx', '-w', '2', '-s', '64', '--messages', '12');
    expect(summary).toMatchObject({ workload: 'tproducer', messages: 12, failed: 0 });
    expect(summary.counters).toMatchObject({ checks: 0, unexpectedChecks: 0, duplicatedChecks: 0 });
    const consumed = await benchJson('consumer', '-t', 'BenchTx', '-g', 'bench_tx', '--messages', '12', '--duration', '60');
    expect(consumed.messages).toBe(12);
  });

  it('timer sends threadCount × slotsTotal × msgsTotalPerSlotThread timer messages', async () => {
    const summary = await benchJson('timer', '-t', 'BenchTimer', '-tc', '2', '-ms', '32', '-st', '3', '-mt', '4');
    expect(summary).toMatchObject({ workload: 'timer', threadCount: 2, messageSize: 32, messages: 24, failed: 0 });
    expect(summary.counters.firstDeliveryTimestamp).toBeGreaterThan(summary.startTimestamp + 110_000);
  });

  it('batchproducer sends the bounded count in batches', async () => {
    const summary = await benchJson('batchproducer', '-t', 'BenchBatch', '-w', '2', '-b', '8', '--messages', '50');
    expect(summary).toMatchObject({ workload: 'batchproducer', messages: 50, failed: 0 });
    expect(summary.counters).toMatchObject({ batchSize: 8, batchesSent: 7 });
  });

  it('a run bounded by --duration ends and reports what it sent', async () => {
    const summary = await benchJson('producer', '-t', 'BenchDuration', '-w', '2', '--duration', '0.5');
    expect(summary.messages).toBeGreaterThan(0);
    expect(summary.messages).toBe(summary.latency.count);
  });

  it('counts sends that cannot reach a name server as send failures', async () => {
    const captured = { out: '', err: '' };
    const output: BenchOutput = { out: (text) => void (captured.out += text), err: (text) => void (captured.err += text) };
    const code = await runMq(['bench', 'producer', '-n', '127.0.0.1:1', '-w', '2', '--messages', '2', '--json'], output);
    expect(code).toBe(0);
    const summary = JSON.parse(captured.out) as BenchSummary;
    expect(summary).toMatchObject({ messages: 0, failed: 2, counters: { sendFailed: 2, responseFailed: 0 } });
  });
});

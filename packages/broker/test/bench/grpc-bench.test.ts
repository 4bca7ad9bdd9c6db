import { execFile } from 'node:child_process';
import * as path from 'node:path';

const BENCH = path.resolve(__dirname, '..', '..', 'bench', 'grpc-bench.ts');
const TS_REGISTER = path.resolve(__dirname, '..', '..', '..', '..', 'tools', 'ts-register.js');

interface Figure {
  tps: number;
  serverCpuUs: number;
  clientCpuUs: number;
}

/** Runs the benchmark's short mode (needs the built mqserver) and answers its final JSON line. */
function runShortBench(): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-r', TS_REGISTER, BENCH, '--short'], { timeout: 120_000, env: { ...process.env, MQ_LOG_LEVEL: 'warn' } }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`grpc-bench failed: ${error.message}\n${stderr}\n${stdout}`));
      const lines = stdout.trim().split('\n');
      resolve(JSON.parse(lines[lines.length - 1]) as Record<string, unknown>);
    });
  });
}

test('grpc-bench --short measures every phase and prints the figures and ratios as JSON', async () => {
  const summary = await runShortBench();
  expect(summary.scale).toBe('short');
  expect(summary.bodyBytes).toBe(1024);
  const grpc = summary.grpc as Record<string, Figure | number>;
  const native = summary.native as Record<string, Figure | number>;
  const figures: Figure[] = [
    summary.echo as Figure,
    ...['singleSend', 'rawSingleSend', 'batch16Send', 'receive'].map((name) => grpc[name] as Figure),
    ...['singleSend', 'batch16Send', 'receive'].map((name) => native[name] as Figure),
  ];
  for (const figure of figures) {
    expect(figure.tps).toBeGreaterThan(0);
    expect(figure.serverCpuUs).toBeGreaterThan(0);
    expect(figure.clientCpuUs).toBeGreaterThan(0);
  }
  expect(summary.singleSendRounds).toHaveLength(1);
  expect(grpc.received).toBeGreaterThan(0);
  expect(native.received).toBeGreaterThan(0);
  const ratios = summary.ratios as Record<string, number>;
  expect(Object.keys(ratios).sort()).toEqual(
    [
      'grpcBatchSendVsEcho',
      'grpcSingleSendVsEcho',
      'grpcSingleSendVsEchoByCpu',
      'grpcVsNativeBatchSend',
      'grpcVsNativeReceive',
      'grpcVsNativeSingleSend',
      'rawGrpcSingleSendVsEcho',
      'rawGrpcSingleSendVsEchoByCpu',
    ].sort(),
  );
  for (const value of Object.values(ratios)) expect(value).toBeGreaterThan(0);
}, 150_000);

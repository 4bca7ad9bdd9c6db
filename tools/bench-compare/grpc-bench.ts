import path from 'node:path';
import { runToCompletion } from '../../e2e/support/processes';
import type { GrpcWorkloadResult, GrpcWorkloadSpec } from './grpc-workload';

const TS_REGISTER = path.resolve(__dirname, '..', 'ts-register.js');
const WORKLOAD_SCRIPT = path.join(__dirname, 'grpc-workload.ts');
/** Start-up of the client and its route/settings exchange, on top of the two phases. */
const START_UP_ALLOWANCE_MS = 60_000;

/** Runs grpc-workload.ts in a child Node process and returns its result line. */
export async function runGrpcWorkload(spec: GrpcWorkloadSpec): Promise<GrpcWorkloadResult> {
  const timeoutMs = spec.sendDurationMs + spec.receiveTimeoutMs + START_UP_ALLOWANCE_MS;
  const run = await runToCompletion(process.execPath, ['-r', TS_REGISTER, WORKLOAD_SCRIPT, JSON.stringify(spec)], { timeoutMs });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.code !== 0 || !line.startsWith('{')) {
    const why = run.timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${run.code}`;
    throw new Error(`the gRPC workload against ${spec.endpoint} ${why}:\n${run.stderr.trim()}`);
  }
  return JSON.parse(line) as GrpcWorkloadResult;
}

import { runToCompletion } from './processes';

/** A message as a gRPC client driver sent it. */
export interface SentGrpcMessage {
  /** The client-generated message id (34 hex characters). */
  id: string;
  /** `<topic>-<i>`. */
  body: string;
}

/** One delivery of a message to a simple consumer. */
export interface GrpcDelivery {
  id: string;
  body: string;
  tag: string;
  /** The FIFO message group, or empty. */
  group: string;
  attempt: number;
}

/**
 * The one JSON line of `e2e/grpc-go` and `e2e/grpc-python`: a producer sent `count` messages
 * to each topic; a simple consumer received them, acked all but `normal.kept` on first
 * delivery, then watched for redeliveries (acking them) for one invisible time after the
 * last first delivery, and until the kept one came back.
 */
export interface GrpcClientReport {
  ok: boolean;
  client: string;
  clientVersion: string;
  error?: string;
  normal: { sent: SentGrpcMessage[]; received: GrpcDelivery[]; kept: string; redelivered: GrpcDelivery[] };
  /** The same messages sent with one message group, acked on delivery. */
  fifo?: { sent: SentGrpcMessage[]; received: GrpcDelivery[] };
  /**
   * A push consumer's listener: FAILURE for the first delivery of `failed` (a nack), SUCCESS
   * otherwise; it ran until every message was consumed, and a few seconds more.
   */
  push?: { sent: SentGrpcMessage[]; failed: string; deliveries: GrpcDelivery[] };
}

/** The driver's workload; each driver turns it into its own command-line options. */
export interface GrpcWorkload {
  endpoint: string;
  topic: string;
  group: string;
  fifoTopic: string;
  fifoGroup: string;
  pushTopic: string;
  pushGroup: string;
  count: number;
  /** The driver halts by itself after this; it is killed a few seconds later. */
  deadlineMs: number;
}

/** The workload as `--name=value` options, the deadline excepted (each driver spells it its own way). */
export function workloadOptions(workload: GrpcWorkload): string[] {
  return [
    `--endpoint=${workload.endpoint}`,
    `--topic=${workload.topic}`,
    `--group=${workload.group}`,
    `--fifo-topic=${workload.fifoTopic}`,
    `--fifo-group=${workload.fifoGroup}`,
    `--push-topic=${workload.pushTopic}`,
    `--push-group=${workload.pushGroup}`,
    `--count=${workload.count}`,
  ];
}

/** How to run one driver program. */
export interface DriverCommand {
  /** Names it in failures, e.g. `rocketmq-clients golang v5.1.4`. */
  client: string;
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
}

const KILL_MARGIN_MS = 10_000;

/**
 * Runs a driver and returns its report. Throws with its exit, error and stderr tail when it
 * exits non-zero, reports `ok: false`, prints no report or outlives its deadline.
 */
export async function runGrpcDriver(driver: DriverCommand, deadlineMs: number): Promise<GrpcClientReport> {
  const timeoutMs = deadlineMs + KILL_MARGIN_MS;
  const run = await runToCompletion(driver.command, driver.args, { env: driver.env, timeoutMs });
  const report = lastJsonLine(run.stdout);
  if (run.code === 0 && report?.ok === true) return report;
  const why = run.timedOut ? `killed after ${timeoutMs} ms` : `exited with ${run.code}`;
  throw new Error(
    [`${driver.client} driver ${why}`, `error: ${report?.error ?? '(no JSON report line)'}`, `stderr:\n${tail(run.stderr, 40)}`].join('\n'),
  );
}

function lastJsonLine(stdout: string): GrpcClientReport | undefined {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  try {
    return line === undefined ? undefined : (JSON.parse(line) as GrpcClientReport);
  } catch {
    return undefined;
  }
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

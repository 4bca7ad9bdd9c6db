// A child process of bench-compare: drives one gRPC endpoint with the official Node client
// (rocketmq-client-nodejs), first sending for a fixed time, then receiving what was sent, and
// prints one JSON line of GrpcWorkloadResult. Separate from the orchestrator so its event
// loop measures nothing but the client.
import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { summariseLatencies, LatencySummary } from './latency-stats';

/** What to run; passed as the one JSON argument. */
export interface GrpcWorkloadSpec {
  endpoint: string;
  topic: string;
  group: string;
  messageSize: number;
  /** Sends in flight at once. */
  concurrency: number;
  sendDurationMs: number;
  /** The receive phase stops at this time limit even if not everything came back. */
  receiveTimeoutMs: number;
}

/** Send TPS and round-trip times, then receive(+ack) TPS. */
export interface GrpcWorkloadResult {
  sent: number;
  sendFailed: number;
  sendTps: number;
  sendRt: LatencySummary;
  received: number;
  receiveTps: number;
}

const RECEIVE_BATCH = 32;
const INVISIBLE_MS = 60_000;
const RECEIVERS = 4;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

async function sendPhase(spec: GrpcWorkloadSpec): Promise<Pick<GrpcWorkloadResult, 'sent' | 'sendFailed' | 'sendTps' | 'sendRt'>> {
  const producer = new Producer({ endpoints: spec.endpoint, namespace: '', topics: [spec.topic], logger: quiet, requestTimeout: 10_000 });
  await producer.startup();
  const body = Buffer.alloc(spec.messageSize, 'x');
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const deadline = started + spec.sendDurationMs;
  const sender = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const before = performance.now();
      try {
        await producer.send({ topic: spec.topic, body });
        latencies.push(performance.now() - before);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, sender));
  const seconds = (performance.now() - started) / 1000;
  await producer.shutdown();
  return { sent: latencies.length, sendFailed: failed, sendTps: latencies.length / seconds, sendRt: summariseLatencies(latencies) };
}

async function receivePhase(spec: GrpcWorkloadSpec, expected: number): Promise<Pick<GrpcWorkloadResult, 'received' | 'receiveTps'>> {
  const consumer = new SimpleConsumer({
    endpoints: spec.endpoint,
    namespace: '',
    consumerGroup: spec.group,
    subscriptions: new Map([[spec.topic, '*']]),
    awaitDuration: 1000,
    logger: quiet,
    requestTimeout: 10_000,
  });
  await consumer.startup();
  let received = 0;
  const started = performance.now();
  const deadline = started + spec.receiveTimeoutMs;
  const receiver = async (): Promise<void> => {
    while (received < expected && performance.now() < deadline) {
      const views = await consumer.receive(RECEIVE_BATCH, INVISIBLE_MS);
      await Promise.all(views.map((view) => consumer.ack(view)));
      received += views.length;
    }
  };
  await Promise.all(Array.from({ length: RECEIVERS }, receiver));
  const seconds = (performance.now() - started) / 1000;
  await consumer.shutdown();
  return { received, receiveTps: received / seconds };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as GrpcWorkloadSpec;
  const sending = await sendPhase(spec);
  const receiving = await receivePhase(spec, sending.sent);
  const result: GrpcWorkloadResult = { ...sending, ...receiving };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`grpc workload failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);

import { Message } from '@mq/common';
import { Producer, PushConsumer } from '../src';
import { cpuMicrosPerMessage, type SendFigures, type ThroughputFigures, type ThroughputWorkload } from './throughput-figures';

const DRAIN_TIMEOUT_MS = 300_000;

/**
 * @mq/client's side of the comparison, the same steps as e2e's Java `ThroughputDriver`:
 * warm-up sends at `inflight`, then `phaseSeconds` of awaited sends one at a time, then
 * `phaseSeconds` of `inflight` concurrent send loops, then a push consumer of a new group
 * (defaults, from the first offset) drains everything sent.
 */
export async function runOurThroughput(workload: ThroughputWorkload): Promise<ThroughputFigures> {
  const producer = new Producer({ namesrvAddr: workload.namesrvAddr, group: `${workload.group}_P`, instanceName: `${workload.group}_p` });
  await producer.start();
  try {
    const body = Buffer.alloc(workload.bodySize, 0x61);
    const send = (): Promise<unknown> => producer.send(new Message(workload.topic, body, { tags: 'TagA' }));
    const warmup = await sendFor(send, workload.inflight, workload.warmupSeconds);
    const send1 = await sendFor(send, 1, workload.phaseSeconds);
    const sendN = await sendFor(send, workload.inflight, workload.phaseSeconds);
    const consume = await drain(workload, warmup.sent + send1.sent + sendN.sent);
    return { send1, sendN, consume };
  } finally {
    await producer.shutdown();
  }
}

/** `loops` concurrent loops of awaited sends for `seconds`; the phase ends when the last answer is in. */
async function sendFor(send: () => Promise<unknown>, loops: number, seconds: number): Promise<SendFigures> {
  let sent = 0;
  let failed = 0;
  let rtNanos = 0n;
  const cpuStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  const loop = async (): Promise<void> => {
    while (process.hrtime.bigint() < deadline) {
      const sentAt = process.hrtime.bigint();
      try {
        await send();
        rtNanos += process.hrtime.bigint() - sentAt;
        sent++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  const elapsedNanos = Number(process.hrtime.bigint() - started);
  const avgRtMs = sent === 0 ? 0 : Number(rtNanos) / 1e6 / sent;
  return { tps: (sent * 1e9) / elapsedNanos, avgRtMs, sent, failed, cpuUsPerMsg: cpuMicrosPerMessage(cpuStart, sent) };
}

/** Consumes `total` messages with a new group; tps from the first to the last message received. */
async function drain(workload: ThroughputWorkload, total: number): Promise<ThroughputFigures['consume']> {
  let consumed = 0;
  let firstAt = 0n;
  let lastAt = 0n;
  let done: () => void = () => undefined;
  const drained = new Promise<void>((resolve) => (done = resolve));
  const consumer = new PushConsumer({
    namesrvAddr: workload.namesrvAddr,
    group: `${workload.group}_C`,
    instanceName: `${workload.group}_c`,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
  });
  consumer.subscribe(workload.topic, '*');
  const cpuStart = process.cpuUsage();
  consumer.registerMessageListener((messages) => {
    lastAt = process.hrtime.bigint();
    if (firstAt === 0n) firstAt = lastAt;
    consumed += messages.length;
    if (consumed >= total) done();
    return 'CONSUME_SUCCESS';
  });
  await consumer.start();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`consumed ${consumed} of ${total} messages within ${DRAIN_TIMEOUT_MS} ms`)), DRAIN_TIMEOUT_MS);
  });
  try {
    await Promise.race([drained, timedOut]);
    return { tps: (consumed * 1e9) / Math.max(1, Number(lastAt - firstAt)), consumed, cpuUsPerMsg: cpuMicrosPerMessage(cpuStart, consumed) };
  } finally {
    clearTimeout(timer);
    await consumer.shutdown();
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newSubscriptionGroupConfig } from '@mq/broker';
import { Admin } from '@mq/client';
import { describeIf } from '../support/availability';
import type { LitePullResult, ProduceResult } from '../support/driver-results';
import { useGrpcBroker } from '../support/grpc-broker-fixture';
import { buildGrpcJavaDrivers, GRPC_JAVA_CLIENT_VERSION, type GrpcDriverResult } from '../support/grpc-java';
import { buildDrivers, runDriver, type DriverBuild, type DriverOptions, type JavaDriverBuild } from '../support/java';
import { javaToolchain } from '../support/maven';

/**
 * The official Java gRPC client (rocketmq-client-java, default configuration: TLS on) against
 * our broker's gRPC API, one driver JVM per step (`e2e/grpc-java`); and the same messages
 * crossing over to and from the Java remoting client (`e2e/java`, rocketmq-client 5.5.0).
 */

const TIMER_PRECISION_MS = 1000;
const DELAY_MS = 3000;
const COUNT = 8;
const REMOTING_CLIENT = '5.5.0';
const DRIVER_TIMEOUT_MS = 90_000;
const BUILD_TIMEOUT_MS = 10 * 60_000;

const TOPICS = { normal: 'JavaGrpcNormal', fifo: 'JavaGrpcFifo', delay: 'JavaGrpcDelay', transaction: 'JavaGrpcTx' } as const;

interface SentView {
  messageId: string;
  body: string;
}

interface GrpcProduceResult extends GrpcDriverResult {
  normal?: (SentView & { tag: string; key: string })[];
  fifo?: (SentView & { messageGroup: string })[];
  delay?: SentView & { deliveryTimestamp: number };
  transaction?: { committed: string; rolledBack: string; orphan: string; checkedBack: string[] };
}

interface ReceivedView {
  messageId: string;
  body: string;
  tag: string | null;
  keys: string[];
  messageGroup: string | null;
  deliveryTimestamp: number | null;
  bornTimestamp: number;
  deliveryAttempt: number;
}

interface SimpleConsumeResult extends GrpcDriverResult {
  received: ReceivedView[];
  redelivered: string | null;
  drained?: ReceivedView[];
}

interface PushConsumeResult extends GrpcDriverResult {
  consumed: Record<string, { body: string; attempts: number[] }>;
}

/** Each message id once, in the order first seen. */
function distinctIds(views: readonly { messageId: string }[]): string[] {
  return [...new Set(views.map((v) => v.messageId))];
}

describeIf(javaToolchain(), `official Java gRPC client (rocketmq-client-java ${GRPC_JAVA_CLIENT_VERSION}) against our broker`, () => {
  const fixture = useGrpcBroker('grpc-java-', {
    brokerName: 'broker-java-grpc',
    timerPrecisionMs: TIMER_PRECISION_MS,
    transactionTimeOut: 1000,
    transactionCheckInterval: 1000,
  });
  let clientHome: string;
  let grpcDrivers: JavaDriverBuild;
  /** Built alongside, awaited only by the cross-protocol tests: the gRPC ones do not depend on it. */
  let remotingDrivers: Promise<DriverBuild>;
  let produced: GrpcProduceResult;

  const grpcDriver = <R extends GrpcDriverResult>(driver: string, options: DriverOptions): Promise<R> =>
    runDriver<R>(grpcDrivers, driver, { endpoints: fixture.endpoints, ...options }, { clientHome, timeoutMs: DRIVER_TIMEOUT_MS });
  const remotingDriver = async <R extends ProduceResult | LitePullResult>(driver: string, options: DriverOptions): Promise<R> =>
    runDriver<R>(await remotingDrivers, driver, { namesrv: fixture.embedded.namesrvAddr!, ...options }, { clientHome, timeoutMs: DRIVER_TIMEOUT_MS });
  const simpleConsume = (options: DriverOptions): Promise<SimpleConsumeResult> => grpcDriver('GrpcSimpleConsumeDriver', options);

  async function withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = new Admin({ namesrvAddr: fixture.embedded.namesrvAddr });
    await admin.start();
    try {
      return await use(admin);
    } finally {
      await admin.shutdown();
    }
  }

  beforeAll(async () => {
    clientHome = mkdtempSync(path.join(os.tmpdir(), 'grpc-java-home-'));
    const grpcBuild = buildGrpcJavaDrivers(); // first in Maven's queue
    remotingDrivers = buildDrivers(REMOTING_CLIENT);
    remotingDrivers.catch(() => undefined); // reported by the tests that use it
    grpcDrivers = await grpcBuild;
    fixture.createTopic(TOPICS.normal, 'NORMAL');
    fixture.createTopic(TOPICS.fifo, 'FIFO');
    fixture.createTopic(TOPICS.delay, 'DELAY');
    fixture.createTopic(TOPICS.transaction, 'TRANSACTION');
    const orderly = { ...newSubscriptionGroupConfig('GID_JavaGrpcFifo'), consumeMessageOrderly: true };
    fixture.embedded.broker.subscriptionGroupManager.updateSubscriptionGroupConfig(orderly);
    produced = await grpcDriver<GrpcProduceResult>('GrpcProduceDriver', {
      'normal-topic': TOPICS.normal,
      'fifo-topic': TOPICS.fifo,
      'delay-topic': TOPICS.delay,
      'transaction-topic': TOPICS.transaction,
      count: COUNT,
      'delay-ms': DELAY_MS,
    });
  }, BUILD_TIMEOUT_MS);

  afterAll(() => {
    // MQ_E2E_KEEP=1 keeps the clients' logs (<home>/logs/rocketmq/rocketmq-client.log)
    if (clientHome && !process.env.MQ_E2E_KEEP) rmSync(clientHome, { recursive: true, force: true });
  });

  test('the Producer sends every kind of message over TLS and gets the ids it generated back', () => {
    expect(produced.sslEnabled).toBe(true);
    expect(produced.clientVersion).toBe(GRPC_JAVA_CLIENT_VERSION);
    const { committed, rolledBack, orphan, checkedBack } = produced.transaction!;
    const ids = [...produced.normal!, ...produced.fifo!, produced.delay!].map((s) => s.messageId).concat(committed, rolledBack, orphan);
    for (const id of ids) expect(id).toMatch(/^01[0-9A-F]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // the broker checked the unresolved transaction back through the Telemetry stream
    expect(checkedBack).toContain(orphan);
  });

  test('a SimpleConsumer with a tag filter receives, acks, and gets a message again after changeInvisibleDuration', async () => {
    const tagged = produced.normal!.filter((s) => s.tag === 'TagA');
    const result = await simpleConsume({
      topic: TOPICS.normal,
      group: 'GID_JavaGrpcSimple',
      filter: 'TagA',
      expect: tagged.length,
      'redeliver-first': 'true',
      drain: 'true',
    });

    expect(distinctIds(result.received).sort()).toEqual(tagged.map((s) => s.messageId).sort());
    for (const view of result.received) {
      const sent = tagged.find((s) => s.messageId === view.messageId)!;
      expect(view).toMatchObject({ body: sent.body, tag: 'TagA', keys: [sent.key] });
    }
    const deliveries = result.received.filter((v) => v.messageId === result.redelivered);
    expect(deliveries.map((v) => v.deliveryAttempt)).toEqual([1, 2]);
    expect(result.received).toHaveLength(tagged.length + 1);
    expect(result.drained).toEqual([]);
  });

  test('FIFO: a SimpleConsumer of an orderly group receives each message group in send order', async () => {
    const result = await simpleConsume({ topic: TOPICS.fifo, group: 'GID_JavaGrpcFifo', expect: COUNT });

    expect(result.received).toHaveLength(COUNT);
    for (const group of ['order-A', 'order-B']) {
      const sent = produced.fifo!.filter((s) => s.messageGroup === group);
      const received = result.received.filter((v) => v.messageGroup === group);
      expect(received.map((v) => [v.messageId, v.body])).toEqual(sent.map((s) => [s.messageId, s.body]));
    }
  });

  test('a message with a delivery timestamp is stored in its topic, and delivered, only when due', async () => {
    const sent = produced.delay!;
    const result = await simpleConsume({ topic: TOPICS.delay, group: 'GID_JavaGrpcDelay', expect: 1 });

    expect(result.received.map((v) => [v.messageId, v.body, v.deliveryTimestamp])).toEqual([[sent.messageId, 'delayed', sent.deliveryTimestamp]]);
    const stored = await withAdmin((admin) => admin.queryMessageById(TOPICS.delay, sent.messageId));
    // the timer wheel fires at the start of the message's slot, never earlier
    expect(stored.storeTimestamp).toBeGreaterThanOrEqual(sent.deliveryTimestamp - TIMER_PRECISION_MS);
    expect(stored.storeTimestamp - stored.bornTimestamp).toBeGreaterThanOrEqual(DELAY_MS - TIMER_PRECISION_MS);
  });

  test('transactions: the committed and the checked-back orphan are delivered, the rolled-back one never', async () => {
    const { committed, rolledBack, orphan } = produced.transaction!;
    const result = await simpleConsume({ topic: TOPICS.transaction, group: 'GID_JavaGrpcTx', expect: 2 });

    expect(distinctIds(result.received).sort()).toEqual([committed, orphan].sort());
    expect(result.received.map((v) => v.body).sort()).toEqual(['committed', 'orphan']);
    // rolled back before the orphan was even sent: the topic holds exactly the two others
    const stats = await withAdmin((admin) => admin.topicStats(TOPICS.transaction));
    expect(stats.reduce((sum, queue) => sum + queue.maxOffset - queue.minOffset, 0)).toBe(2);
    expect(distinctIds(result.received)).not.toContain(rolledBack);
  });

  test('a PushConsumer whose listener fails twice gets each message redelivered until it succeeds', async () => {
    const result = await grpcDriver<PushConsumeResult>('GrpcPushConsumeDriver', {
      topic: TOPICS.normal,
      group: 'GID_JavaGrpcPush',
      expect: COUNT,
      'fail-times': 2,
    });

    expect(Object.keys(result.consumed).sort()).toEqual(produced.normal!.map((s) => s.messageId).sort());
    for (const sent of produced.normal!) {
      expect(result.consumed[sent.messageId]).toEqual({ body: sent.body, attempts: [1, 2, 3] });
    }
  });

  test('cross-protocol: sent over gRPC, pulled by the Java remoting client', async () => {
    const topic = 'JavaGrpcToRemoting';
    fixture.createTopic(topic, 'NORMAL');
    const sent = (await grpcDriver<GrpcProduceResult>('GrpcProduceDriver', { 'normal-topic': topic, count: 4 })).normal!;
    const pulled = await remotingDriver<LitePullResult>('LitePullAssignDriver', { topic, group: 'GID_JavaGrpcToRemoting', count: 0, seek: 0, expect: 4 });

    const byId = new Map(pulled.received.map((m) => [m.msgId, m]));
    expect([...byId.keys()].sort()).toEqual(sent.map((s) => s.messageId).sort());
    for (const s of sent) expect(byId.get(s.messageId)).toMatchObject({ body: s.body, tags: s.tag, keys: s.key });
  });

  test('cross-protocol: sent by the Java remoting client, received over gRPC', async () => {
    const topic = 'JavaRemotingToGrpc';
    const sent = (await remotingDriver<ProduceResult>('ProduceDriver', { topic, group: 'GID_JavaRemotingToGrpcProducer', mode: 'sync', count: 4 })).sent;
    const result = await simpleConsume({ topic, group: 'GID_JavaRemotingToGrpc', expect: 4 });

    expect(result.received.map((v) => [v.messageId, v.body, v.deliveryAttempt]).sort()).toEqual(sent.map((s) => [s.msgId, s.body, 1]).sort());
  });
});

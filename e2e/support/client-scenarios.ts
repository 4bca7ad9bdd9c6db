import {
  LitePullResult,
  ProduceResult,
  PushConsumeResult,
  QueryResult,
  ResumeResult,
  SentMessage,
} from './driver-results';
import { DriverOptions, DriverResult } from './java';
import { bodies, countByQueue, expectedBodies, matchesTagExpression, nonZero, offsetsByQueue, range, total } from './outcomes';

/**
 * One row of the scenario table: which driver runs with which options, and what must be
 * true of its result. The suites add `namesrv`, a fresh `topic` and a fresh `group`.
 */
export interface ClientScenario<R extends DriverResult = DriverResult> {
  /** Short id, part of the topic and group names. */
  id: string;
  title: string;
  /** Main class in org.mq.e2e (e2e/java). */
  driver: string;
  options: DriverOptions;
  /** jest expectations on the real outcome. */
  verify(result: R): void;
}

/** Queues per topic: the drivers create their topic with this many read/write queues. */
const QUEUES = 4;
const PRODUCE_COUNT = 16;
/** A cycle of 5 (4 tags and an untagged message) spreads every tag over all 4 queues. */
const TAG_CYCLE = ['TagA', 'TagB', 'TagC', 'TagD', ''];
const PUSH_COUNT = 20;

function expectAcceptedOnce(sent: readonly SentMessage[], count: number): void {
  expect(sent.map((m) => m.status)).toEqual(Array(count).fill('SEND_OK'));
  expect(bodies(sent)).toEqual(range(0, count));
  expect(new Set(sent.map((m) => m.msgId)).size).toBe(count);
  expect(new Set(sent.map((m) => m.offsetMsgId)).size).toBe(count);
  expect(new Set(sent.map((m) => `${m.queueId}@${m.queueOffset}`)).size).toBe(count);
}

function expectStoredAsSent(result: ProduceResult): void {
  expect(nonZero(result.storedPerQueue)).toEqual(countByQueue(result.sent));
}

function produce(mode: string, title: string, verify: (result: ProduceResult) => void): ClientScenario<ProduceResult> {
  return { id: `produce_${mode}`, title, driver: 'ProduceDriver', options: { mode, count: PRODUCE_COUNT, queues: QUEUES }, verify };
}

const PRODUCE_SCENARIOS: ClientScenario<ProduceResult>[] = [
  produce('sync', 'DefaultMQProducer sync send: every message SEND_OK, stored once', (result) => {
    expectAcceptedOnce(result.sent, PRODUCE_COUNT);
    expectStoredAsSent(result);
  }),
  produce('async', 'DefaultMQProducer async send: every callback SEND_OK, stored once', (result) => {
    expectAcceptedOnce(result.sent, PRODUCE_COUNT);
    expectStoredAsSent(result);
  }),
  produce('oneway', 'DefaultMQProducer oneway send: all messages stored', (result) => {
    expect(result.sent).toEqual([]);
    expect(total(result.storedPerQueue)).toBe(PRODUCE_COUNT);
  }),
  produce('batch', 'DefaultMQProducer batch send: one SendResult with an id per message, one queue', (result) => {
    expect(result.sent).toHaveLength(1);
    const [batch] = result.sent;
    expect(batch.status).toBe('SEND_OK');
    expect(new Set(batch.msgId.split(',')).size).toBe(PRODUCE_COUNT);
    expect(nonZero(result.storedPerQueue)).toEqual({ [batch.queueId]: PRODUCE_COUNT });
  }),
  produce('selector', 'DefaultMQProducer with a MessageQueueSelector: message i on queue i % 4', (result) => {
    expectAcceptedOnce(result.sent, PRODUCE_COUNT);
    const byBody = [...result.sent].sort((a, b) => Number(a.body) - Number(b.body));
    expect(byBody.map((m) => [m.queueId, m.queueOffset])).toEqual(range(0, PRODUCE_COUNT).map((i) => [i % QUEUES, Math.floor(i / QUEUES)]));
    expect(result.storedPerQueue).toEqual(Object.fromEntries(range(0, QUEUES).map((q) => [q, PRODUCE_COUNT / QUEUES])));
  }),
];

function matchingCount(subscription: string): number {
  return range(0, PUSH_COUNT).filter((i) => matchesTagExpression(subscription, TAG_CYCLE[i % TAG_CYCLE.length] || null)).length;
}

function verifyClustering(subscription: string, result: PushConsumeResult): void {
  const everything = result.consumers.flatMap((c) => c.received);
  expect(bodies(everything)).toEqual(expectedBodies(result.sent, subscription));
  expect(everything.every((m) => matchesTagExpression(subscription, m.tags))).toBe(true);
  const owned = result.consumers.flatMap((c) => c.queues);
  expect([...owned].sort((a, b) => a - b)).toEqual(range(0, QUEUES));
  for (const consumer of result.consumers) {
    expect(consumer.queues.length).toBeGreaterThan(0);
    expect(consumer.received.filter((m) => !consumer.queues.includes(m.queueId))).toEqual([]);
  }
}

function verifyBroadcasting(subscription: string, result: PushConsumeResult): void {
  const expected = expectedBodies(result.sent, subscription);
  for (const consumer of result.consumers) {
    expect(consumer.queues).toEqual(range(0, QUEUES));
    expect(bodies(consumer.received)).toEqual(expected);
  }
}

function push(model: 'CLUSTERING' | 'BROADCASTING', subscription: string): ClientScenario<PushConsumeResult> {
  const clustering = model === 'CLUSTERING';
  return {
    id: `push_${model.slice(0, 5).toLowerCase()}_${subscription.replace(/[^A-Za-z]+/g, '') || 'all'}`,
    title: clustering
      ? `DefaultMQPushConsumer clustering, 2 consumers, "${subscription}": queues shared, each matching message consumed once`
      : `DefaultMQPushConsumer broadcasting, 2 consumers, "${subscription}": each consumer gets every matching message`,
    driver: 'PushConsumeDriver',
    options: {
      model,
      consumers: 2,
      subscription,
      tags: TAG_CYCLE.join(','),
      count: PUSH_COUNT,
      expect: matchingCount(subscription),
      queues: QUEUES,
    },
    verify: (result) => (clustering ? verifyClustering(subscription, result) : verifyBroadcasting(subscription, result)),
  };
}

const PUSH_SCENARIOS: ClientScenario<PushConsumeResult>[] = [
  push('CLUSTERING', '*'),
  push('CLUSTERING', 'TagA'),
  push('CLUSTERING', 'TagA || TagB'),
  push('BROADCASTING', '*'),
  push('BROADCASTING', 'TagA'),
  push('BROADCASTING', 'TagA || TagB'),
];

const LITE_PULL_COUNT = 16;
const SEEK_OFFSET = 2;

const LITE_PULL_SCENARIOS: ClientScenario<LitePullResult>[] = [
  {
    id: 'lite_subscribe',
    title: 'DefaultLitePullConsumer subscribe: polls every message once and commits the offsets',
    driver: 'LitePullSubscribeDriver',
    options: { count: LITE_PULL_COUNT, queues: QUEUES },
    verify: (result) => {
      expect(bodies(result.received)).toEqual(range(0, LITE_PULL_COUNT));
      expect(nonZero(result.committed ?? {})).toEqual(countByQueue(result.sent));
    },
  },
  {
    id: 'lite_assign',
    title: `DefaultLitePullConsumer assign + seek(${SEEK_OFFSET}): exactly the messages from offset ${SEEK_OFFSET} on`,
    driver: 'LitePullAssignDriver',
    options: { count: LITE_PULL_COUNT, seek: SEEK_OFFSET, expect: LITE_PULL_COUNT - QUEUES * SEEK_OFFSET, queues: QUEUES },
    verify: (result) => {
      expect(bodies(result.received)).toEqual(bodies(result.sent.filter((m) => m.queueOffset >= SEEK_OFFSET)));
      const perQueue = range(SEEK_OFFSET, LITE_PULL_COUNT / QUEUES - SEEK_OFFSET);
      expect(offsetsByQueue(result.received)).toEqual(Object.fromEntries(range(0, QUEUES).map((q) => [q, perQueue])));
    },
  },
];

const QUERY_COUNT = 4;
const RESUME_FIRST = 8;
const RESUME_SECOND = 8;

const LOOKUP_AND_OFFSET_SCENARIOS: ClientScenario[] = [
  {
    id: 'query',
    title: 'queryMessage by key and viewMessage by offset id find each message',
    driver: 'QueryDriver',
    options: { count: QUERY_COUNT, queues: QUEUES },
    verify: (result: QueryResult) => {
      result.byKey.forEach(({ key, found }, i) => {
        expect(found.map((m) => [m.body, m.keys])).toEqual([[String(i), key]]);
      });
      result.byId.forEach(({ found }, i) => {
        expect([found.body, found.msgId]).toEqual([String(i), result.sent[i].msgId]);
      });
    },
  },
  {
    id: 'resume',
    title: 'push consumer restart resumes from the committed offset',
    driver: 'ResumeDriver',
    options: { first: RESUME_FIRST, second: RESUME_SECOND, queues: QUEUES },
    verify: (result: ResumeResult) => {
      expect(total(result.committedBeforeRestart)).toBe(RESUME_FIRST);
      expect(bodies(result.firstRun)).toEqual(range(0, RESUME_FIRST));
      expect(bodies(result.secondRun)).toEqual(range(RESUME_FIRST, RESUME_SECOND));
    },
  },
];

/** Every scenario, run by each suite with each official client version. */
export const CLIENT_SCENARIOS: readonly ClientScenario[] = [
  ...PRODUCE_SCENARIOS,
  ...PUSH_SCENARIOS,
  ...LITE_PULL_SCENARIOS,
  ...LOOKUP_AND_OFFSET_SCENARIOS,
];

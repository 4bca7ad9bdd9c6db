import { Message, MessageQueue, getDLQTopic, type MessageExt } from '@mq/common';
import { Admin, LitePullConsumer, Producer, PushConsumer, TransactionProducer, createReplyMessage, selectMessageQueueByHash, type ExpressionType, type LitePullConsumerOptions, type LocalTransactionState } from '@mq/client';
import type { BrokerConfigOverrides } from './cluster';

/** Scenarios of our TypeScript client, run unchanged against Apache's servers and ours. */
export interface SdkScenario {
  name: string;
  /** Needs a broker feature that ours may still lack (named in the report); the `ours` suite marks it failing. */
  brokerFeature?: string;
  timeoutMs: number;
  run(namesrvAddr: string): Promise<void>;
}

const CLUSTER = 'DefaultCluster';
let sequence = 0;

export function unique(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${sequence++}`;
}

export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates a topic and waits until the name server routes it. */
export async function createTopic(namesrvAddr: string, topic: string, queues = 4): Promise<void> {
  const admin = new Admin({ namesrvAddr, instanceName: unique('admin') });
  await admin.start();
  try {
    await eventually(async () => (await admin.clusterMasters(CLUSTER).catch(() => [])).length > 0, 60_000, `a master registered in ${CLUSTER}`);
    await admin.createTopicInCluster(CLUSTER, { topic, readQueueNums: queues, writeQueueNums: queues });
    await eventually(async () => (await admin.topicRoute(topic).catch(() => undefined)) !== undefined, 30_000, `route of ${topic}`);
  } finally {
    await admin.shutdown();
  }
}

export async function withProducer<T>(namesrvAddr: string, body: (producer: Producer) => Promise<T>): Promise<T> {
  const producer = new Producer({ namesrvAddr, group: unique('PG'), instanceName: unique('p') });
  await producer.start();
  try {
    return await body(producer);
  } finally {
    await producer.shutdown();
  }
}

export interface PushConsumerSetup {
  broadcasting?: boolean;
  maxReconsumeTimes?: number;
  expressionType?: ExpressionType;
  /** Consumers given the same name share one client instance (connections, heartbeats). */
  instanceName?: string;
}

/** A push consumer of `topic` (from the first offset, fast rebalance), not yet started and without a listener. */
export function newPushConsumer(namesrvAddr: string, group: string, topic: string, expression: string, setup: PushConsumerSetup = {}): PushConsumer {
  const consumer = new PushConsumer({
    namesrvAddr,
    group,
    instanceName: setup.instanceName ?? unique('c'),
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    messageModel: setup.broadcasting ? 'BROADCASTING' : 'CLUSTERING',
    rebalanceIntervalMs: 1000,
    suspendCurrentQueueTimeMillis: 200,
    ...(setup.maxReconsumeTimes === undefined ? {} : { maxReconsumeTimes: setup.maxReconsumeTimes }),
  });
  consumer.subscribe(topic, expression, setup.expressionType);
  return consumer;
}

/** Starts a concurrent push consumer that collects every message it consumes into `received`. */
export async function startConsumer(namesrvAddr: string, group: string, topic: string, expression: string, received: MessageExt[], setup: PushConsumerSetup = {}): Promise<PushConsumer> {
  const consumer = newPushConsumer(namesrvAddr, group, topic, expression, setup);
  consumer.registerMessageListener((messages) => {
    received.push(...messages);
    return 'CONSUME_SUCCESS';
  });
  await consumer.start();
  return consumer;
}

/** Sends `count` messages with bodies `from..from+count-1`, message i to queue i % queues (the hash selector on a number). */
export async function sendIndexed(namesrvAddr: string, topic: string, count: number, from = 0): Promise<void> {
  await withProducer(namesrvAddr, async (producer) => {
    for (let i = from; i < from + count; i++) {
      const result = await producer.send(new Message(topic, Buffer.from(String(i)), { keys: `${topic}-key-${i}` }), { selector: selectMessageQueueByHash, arg: i });
      expect(result.status).toBe('SEND_OK');
    }
  });
}

export function indexes(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(i)).sort();
}

export function bodies(messages: readonly MessageExt[]): string[] {
  return messages.map((m) => m.body.toString()).sort();
}

function queueKey(message: MessageExt): string {
  return new MessageQueue(message.topic, message.brokerName, message.queueId).key;
}

const sendAndConsume: SdkScenario = {
  name: 'sync, oneway, batch and selector sends reach a clustering push consumer',
  timeoutMs: 90_000,
  async run(namesrvAddr) {
    const topic = unique('SdkSend');
    await createTopic(namesrvAddr, topic);
    const sent = await withProducer(namesrvAddr, async (producer) => {
      const sync = await producer.send(new Message(topic, Buffer.from('sync'), { tags: 'A', keys: 'k-sync' }));
      await producer.sendOneway(new Message(topic, Buffer.from('oneway'), { tags: 'A' }));
      const batch = await producer.sendBatch([new Message(topic, Buffer.from('b1'), { tags: 'A' }), new Message(topic, Buffer.from('b2'), { tags: 'A' })]);
      const ordered = await producer.send(new Message(topic, Buffer.from('ordered'), { tags: 'A' }), { selector: selectMessageQueueByHash, arg: 'order-1' });
      expect([sync.status, ordered.status, ...batch.map((r) => r.status)]).toEqual(['SEND_OK', 'SEND_OK', 'SEND_OK']);
      return 5;
    });
    const received: MessageExt[] = [];
    const consumer = await startConsumer(namesrvAddr, unique('CG'), topic, 'A', received);
    try {
      await eventually(() => received.length >= sent, 60_000, `${sent} messages`);
      expect(received.map((m) => m.body.toString()).sort()).toEqual(['b1', 'b2', 'oneway', 'ordered', 'sync']);
    } finally {
      await consumer.shutdown();
    }
  },
};

const broadcastingWithTags: SdkScenario = {
  name: 'broadcasting consumers each get every message matching their tag expression',
  timeoutMs: 90_000,
  async run(namesrvAddr) {
    const topic = unique('SdkBroadcast');
    await createTopic(namesrvAddr, topic);
    const group = unique('CGB');
    const first: MessageExt[] = [];
    const second: MessageExt[] = [];
    const consumers = [
      await startConsumer(namesrvAddr, group, topic, 'A || B', first, { broadcasting: true }),
      await startConsumer(namesrvAddr, group, topic, 'A || B', second, { broadcasting: true }),
    ];
    try {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await withProducer(namesrvAddr, async (producer) => {
        for (const tags of ['A', 'B', 'C']) await producer.send(new Message(topic, Buffer.from(tags), { tags }));
      });
      await eventually(() => first.length >= 2 && second.length >= 2, 60_000, 'both broadcasting consumers');
      for (const received of [first, second]) expect(received.map((m) => m.tags).sort()).toEqual(['A', 'B']);
    } finally {
      for (const consumer of consumers) await consumer.shutdown();
    }
  },
};

function transactionScenario(name: string, outcome: LocalTransactionState, check: LocalTransactionState | undefined, expectDelivered: boolean): SdkScenario {
  return {
    name,
    brokerFeature: 'transactions (half messages, END_TRANSACTION, check-back)',
    timeoutMs: check ? 150_000 : 90_000,
    async run(namesrvAddr) {
      const topic = unique('SdkTx');
      await createTopic(namesrvAddr, topic);
      const checked: string[] = [];
      const producer = new TransactionProducer<string>({
        namesrvAddr,
        group: unique('TXG'),
        instanceName: unique('tx'),
        transactionListener: {
          executeLocalTransaction: () => outcome,
          checkLocalTransaction: (message) => (checked.push(message.msgId), check ?? 'UNKNOW'),
        },
      });
      await producer.start();
      const received: MessageExt[] = [];
      const consumer = await startConsumer(namesrvAddr, unique('CGT'), topic, '*', received);
      try {
        const result = await producer.sendMessageInTransaction(new Message(topic, Buffer.from(name)), 'arg');
        expect(result.localTransactionState).toBe(outcome);
        if (check) await eventually(() => checked.includes(result.msgId), 120_000, 'a transaction check-back');
        if (expectDelivered) {
          await eventually(() => received.length > 0, 60_000, 'the committed message');
          expect(received[0]!.msgId).toBe(result.msgId);
        } else {
          await new Promise((resolve) => setTimeout(resolve, 3000));
          expect(received).toEqual([]);
        }
      } finally {
        await consumer.shutdown();
        await producer.shutdown();
      }
    },
  };
}

const requestReply: SdkScenario = {
  name: 'request/reply: a consumer answers with createReplyMessage and the requester gets it',
  brokerFeature: 'SEND_REPLY_MESSAGE(_V2) and PUSH_REPLY_MESSAGE_TO_CLIENT',
  timeoutMs: 90_000,
  async run(namesrvAddr) {
    const topic = unique('SdkRpc');
    await createTopic(namesrvAddr, topic);
    const replier = new Producer({ namesrvAddr, group: unique('RPG'), instanceName: unique('r') });
    await replier.start();
    const consumer = new PushConsumer({ namesrvAddr, group: unique('RCG'), instanceName: unique('rc'), consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', rebalanceIntervalMs: 1000 });
    consumer.subscribe(topic, '*');
    consumer.registerMessageListener(async ([request]) => {
      await replier.send(createReplyMessage(request!, Buffer.from(`re:${request!.body.toString()}`)));
      return 'CONSUME_SUCCESS' as const;
    });
    await consumer.start();
    try {
      await withProducer(namesrvAddr, async (requester) => {
        const reply = await requester.request(new Message(topic, Buffer.from('ping')), 30_000);
        expect(reply.body.toString()).toBe('re:ping');
        expect(reply.getProperty('MSG_TYPE')).toBe('reply');
      });
    } finally {
      await consumer.shutdown();
      await replier.shutdown();
    }
  },
};

const adminCalls: SdkScenario = {
  name: 'admin: cluster info, route, consumer progress and query by key/id',
  timeoutMs: 90_000,
  async run(namesrvAddr) {
    const topic = unique('SdkAdmin');
    await createTopic(namesrvAddr, topic, 2);
    const key = unique('key');
    const sent = await withProducer(namesrvAddr, (producer) => producer.send(new Message(topic, Buffer.from('admin'), { keys: key })));
    const group = unique('CGA');
    const received: MessageExt[] = [];
    const consumer = await startConsumer(namesrvAddr, group, topic, '*', received);
    const admin = new Admin({ namesrvAddr, instanceName: unique('admin') });
    await admin.start();
    try {
      await eventually(() => received.length > 0, 60_000, 'the admin message to be consumed');
      expect(Object.keys((await admin.clusterInfo()).clusterAddrTable ?? {})).toContain(CLUSTER);
      expect((await admin.topicRoute(topic)).queueDatas[0]!.writeQueueNums).toBe(2);
      await consumer.persistOffsets();
      await eventually(async () => (await admin.consumerProgress(group, topic)).totalLag === 0, 30_000, 'no lag');
      await eventually(async () => (await admin.queryMessageByKey(topic, key)).length > 0, 30_000, 'the key index');
      expect((await admin.queryMessageById(topic, sent.offsetMsgId)).body.toString()).toBe('admin');
    } finally {
      await admin.shutdown();
      await consumer.shutdown();
    }
  },
};

const clusteringSplit: SdkScenario = {
  name: 'two clustering push consumers of one group split the queues and consume every message once',
  timeoutMs: 90_000,
  async run(namesrvAddr) {
    const topic = unique('SdkSplit');
    await createTopic(namesrvAddr, topic);
    const group = unique('CGS');
    const first: MessageExt[] = [];
    const second: MessageExt[] = [];
    const consumers = [await startConsumer(namesrvAddr, group, topic, '*', first), await startConsumer(namesrvAddr, group, topic, '*', second)];
    try {
      const [one, two] = consumers.map((consumer) => () => new Set(consumer.assignedQueues().filter((mq) => mq.topic === topic).map((mq) => mq.key)));
      const settled = (): boolean => one!().size === 2 && two!().size === 2 && [...one!()].every((key) => !two!().has(key));
      await eventually(settled, 30_000, 'the two consumers to own two disjoint queues each');
      const [ownedByFirst, ownedBySecond] = [one!(), two!()];
      await sendIndexed(namesrvAddr, topic, 16);
      await eventually(() => first.length + second.length >= 16, 60_000, '16 messages across both consumers');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(bodies([...first, ...second])).toEqual(indexes(16));
      expect(first.every((m) => ownedByFirst.has(queueKey(m)))).toBe(true);
      expect(second.every((m) => ownedBySecond.has(queueKey(m)))).toBe(true);
      expect([first.length, second.length]).toEqual([8, 8]);
    } finally {
      for (const consumer of consumers) await consumer.shutdown();
    }
  },
};

const orderlyWithSuspend: SdkScenario = {
  name: 'orderly consumer sees each key in send order, also after suspending a queue once',
  timeoutMs: 90_000,
  async run(namesrvAddr) {
    const topic = unique('SdkOrderly');
    await createTopic(namesrvAddr, topic);
    const keys = ['order-a', 'order-b', 'order-c', 'order-d', 'order-e'];
    const steps = 6;
    await withProducer(namesrvAddr, async (producer) => {
      for (let step = 0; step < steps; step++) {
        for (const key of keys) await producer.send(new Message(topic, Buffer.from(`${key}:${step}`), { keys: key }), { selector: selectMessageQueueByHash, arg: key });
      }
    });
    const suspendOnce = `${keys[1]}:2`;
    let suspended = 0;
    const consumed = new Map<string, string[]>();
    const consumer = newPushConsumer(namesrvAddr, unique('CGO'), topic, '*');
    consumer.registerOrderlyListener((messages) => {
      const body = messages[0]!.body.toString();
      if (body === suspendOnce && suspended++ === 0) return 'SUSPEND_CURRENT_QUEUE_A_MOMENT';
      for (const message of messages) {
        const [key, step] = message.body.toString().split(':') as [string, string];
        consumed.set(key, [...(consumed.get(key) ?? []), step]);
      }
      return 'SUCCESS';
    });
    await consumer.start();
    try {
      const total = (): number => [...consumed.values()].reduce((sum, steps) => sum + steps.length, 0);
      await eventually(() => total() >= keys.length * steps, 60_000, `${keys.length * steps} ordered messages`);
      const inOrder = Array.from({ length: steps }, (_, step) => String(step));
      for (const key of keys) expect([key, consumed.get(key)]).toEqual([key, inOrder]);
      expect(suspended).toBe(2);
    } finally {
      await consumer.shutdown();
    }
  },
};

export async function withLitePullConsumer<T>(options: LitePullConsumerOptions, body: (consumer: LitePullConsumer) => Promise<T>): Promise<T> {
  const consumer = new LitePullConsumer({ instanceName: unique('lp'), rebalanceIntervalMs: 1000, ...options });
  try {
    return await body(consumer);
  } finally {
    await consumer.shutdown();
  }
}

/** Polls until `count` messages arrived (or the deadline), then once more briefly to catch extras. */
export async function pollAtLeast(consumer: LitePullConsumer, count: number, timeoutMs: number): Promise<MessageExt[]> {
  const polled: MessageExt[] = [];
  await eventually(async () => (polled.push(...(await consumer.poll(500))), polled.length >= count), timeoutMs, `${count} polled messages`);
  polled.push(...(await consumer.poll(500)));
  return polled;
}

const litePull: SdkScenario = {
  name: 'lite pull: subscribe polls every message; assign + seek re-reads from the offset',
  timeoutMs: 90_000,
  async run(namesrvAddr) {
    const topic = unique('SdkLitePull');
    await createTopic(namesrvAddr, topic);
    await sendIndexed(namesrvAddr, topic, 16);
    const subscribed = await withLitePullConsumer({ namesrvAddr, group: unique('CGL'), consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }, async (consumer) => {
      consumer.subscribe(topic, '*');
      await consumer.start();
      return pollAtLeast(consumer, 16, 60_000);
    });
    expect(bodies(subscribed)).toEqual(indexes(16));
    const atOffsetTwoOrLater = subscribed.filter((m) => m.queueOffset >= 2);
    expect(atOffsetTwoOrLater).toHaveLength(8);
    const reread = await withLitePullConsumer({ namesrvAddr, group: unique('CGL') }, async (consumer) => {
      await consumer.start();
      const queues = await consumer.fetchMessageQueues(topic);
      consumer.assign(queues);
      await eventually(() => consumer.assignedQueues().length === queues.length, 10_000, 'the assignment');
      for (const mq of queues) await consumer.seek(mq, 2);
      return pollAtLeast(consumer, 8, 30_000);
    });
    expect(bodies(reread)).toEqual(bodies(atOffsetTwoOrLater));
    expect(reread.every((m) => m.queueOffset >= 2)).toBe(true);
  },
};

const retryThenDlq: SdkScenario = {
  name: 'a message that keeps failing is retried maxReconsumeTimes times, then lands in the DLQ',
  timeoutMs: 90_000,
  async run(namesrvAddr) {
    const topic = unique('SdkDlq');
    await createTopic(namesrvAddr, topic);
    const group = unique('CGD');
    const key = unique('dlq-key');
    const deliveries: MessageExt[] = [];
    const consumer = newPushConsumer(namesrvAddr, group, topic, '*', { maxReconsumeTimes: 1 });
    consumer.registerMessageListener((messages) => {
      deliveries.push(...messages);
      return 'RECONSUME_LATER';
    });
    await consumer.start();
    try {
      await withProducer(namesrvAddr, (producer) => producer.send(new Message(topic, Buffer.from('poison'), { keys: key })));
      const dlq = await withLitePullConsumer({ namesrvAddr, group: unique('CGDLQ'), consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }, async (reader) => {
        await reader.start();
        const dlqTopic = getDLQTopic(group);
        let queues: MessageQueue[] = [];
        await eventually(async () => (queues = await reader.fetchMessageQueues(dlqTopic).catch(() => [])).length > 0, 60_000, `a route of ${dlqTopic}`);
        reader.assign(queues);
        return pollAtLeast(reader, 1, 30_000);
      });
      expect(dlq.map((m) => [m.body.toString(), m.keys])).toEqual([['poison', key]]);
      expect(deliveries.map((m) => m.reconsumeTimes)).toEqual([0, 1]);
    } finally {
      await consumer.shutdown();
    }
  },
};

/**
 * broker.conf keys of the SDK table, so rows wait seconds on broker timers rather than up to
 * half a minute; no row of this table asserts on their length:
 * - as in the Java advanced table, a transaction check-back scan every 2 s (default 30 s) of
 *   half messages older than 5 s (default 6 s; above Apache 5.x's 3 s op-record batching, so a
 *   check never races a commit);
 * - every delay level 1 s, so a message consumed with RECONSUME_LATER comes back after 1 s
 *   (level 3, 10 s by default) on its way to the DLQ.
 */
export const SDK_BROKER_CONFIG: BrokerConfigOverrides = {
  transactionCheckInterval: 2000,
  transactionTimeOut: 5000,
  messageDelayLevel: Array.from({ length: 18 }, () => '1s').join(' '),
};

/** The scenarios, in the order the suites run them. */
export const SDK_SCENARIOS: readonly SdkScenario[] = [
  sendAndConsume,
  broadcastingWithTags,
  transactionScenario('transaction committed by the local transaction is delivered', 'COMMIT_MESSAGE', undefined, true),
  transactionScenario('transaction rolled back is never delivered', 'ROLLBACK_MESSAGE', undefined, false),
  transactionScenario('transaction left UNKNOW is committed through the check-back', 'UNKNOW', 'COMMIT_MESSAGE', true),
  requestReply,
  adminCalls,
  clusteringSplit,
  orderlyWithSuspend,
  litePull,
  retryThenDlq,
];

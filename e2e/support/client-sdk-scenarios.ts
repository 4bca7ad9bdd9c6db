import { Message, type MessageExt } from '@mq/common';
import { Admin, Producer, PushConsumer, TransactionProducer, createReplyMessage, selectMessageQueueByHash, type LocalTransactionState } from '@mq/client';

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

function unique(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${sequence++}`;
}

async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates a topic and waits until the name server routes it. */
async function createTopic(namesrvAddr: string, topic: string, queues = 4): Promise<void> {
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

async function withProducer<T>(namesrvAddr: string, body: (producer: Producer) => Promise<T>): Promise<T> {
  const producer = new Producer({ namesrvAddr, group: unique('PG'), instanceName: unique('p') });
  await producer.start();
  try {
    return await body(producer);
  } finally {
    await producer.shutdown();
  }
}

async function startConsumer(namesrvAddr: string, group: string, topic: string, expression: string, received: MessageExt[], options: { broadcasting?: boolean } = {}): Promise<PushConsumer> {
  const consumer = new PushConsumer({
    namesrvAddr,
    group,
    instanceName: unique('c'),
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    messageModel: options.broadcasting ? 'BROADCASTING' : 'CLUSTERING',
    rebalanceIntervalMs: 1000,
  });
  consumer.subscribe(topic, expression);
  consumer.registerMessageListener((messages) => {
    received.push(...messages);
    return 'CONSUME_SUCCESS';
  });
  await consumer.start();
  return consumer;
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

/** The scenarios, in the order the suites run them. */
export const SDK_SCENARIOS: readonly SdkScenario[] = [
  sendAndConsume,
  broadcastingWithTags,
  transactionScenario('transaction committed by the local transaction is delivered', 'COMMIT_MESSAGE', undefined, true),
  transactionScenario('transaction rolled back is never delivered', 'ROLLBACK_MESSAGE', undefined, false),
  transactionScenario('transaction left UNKNOW is committed through the check-back', 'UNKNOW', 'COMMIT_MESSAGE', true),
  requestReply,
  adminCalls,
];

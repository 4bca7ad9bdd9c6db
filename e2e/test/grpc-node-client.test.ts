import { Producer as NodeProducer, SimpleConsumer, type MessageView } from 'rocketmq-client-nodejs';
import { newSubscriptionGroupConfig } from '@mq/broker';
import { LitePullConsumer, Producer as RemotingProducer } from '@mq/client';
import { Message, type MessageExt } from '@mq/common';
import { silentLogger, useGrpcBroker } from '../support/grpc-broker-fixture';

const fixture = useGrpcBroker('grpc-node-', { brokerName: 'broker-a' });
const { closers, createTopic } = fixture;

function orderlyGroup(group: string): void {
  fixture.embedded.broker.subscriptionGroupManager.updateSubscriptionGroupConfig({ ...newSubscriptionGroupConfig(group), consumeMessageOrderly: true });
}

async function producer(topics: string[]): Promise<NodeProducer> {
  const p = new NodeProducer({ endpoints: fixture.endpoints, namespace: '', topics, logger: silentLogger, requestTimeout: 3000 });
  await p.startup();
  closers.push(() => p.shutdown());
  return p;
}

async function simpleConsumer(group: string, topic: string, awaitDuration = 5000): Promise<SimpleConsumer> {
  const c = new SimpleConsumer({ endpoints: fixture.endpoints, namespace: '', consumerGroup: group, subscriptions: new Map([[topic, '*']]), awaitDuration, logger: silentLogger });
  await c.startup();
  closers.push(() => c.shutdown());
  return c;
}

/** Receives until `count` messages arrived (each receive long-polls at most awaitDuration). */
async function receiveAtLeast(consumer: SimpleConsumer, count: number, invisibleMs = 15_000, rounds = 10): Promise<MessageView[]> {
  const got: MessageView[] = [];
  for (let i = 0; i < rounds && got.length < count; i++) got.push(...(await consumer.receive(32, invisibleMs)));
  return got;
}

test('Producer sends a normal message; SimpleConsumer receives it with digest, attempt 1, and acks it', async () => {
  createTopic('GrpcNormal');
  const p = await producer(['GrpcNormal']);
  const receipt = await p.send({ topic: 'GrpcNormal', tag: 'TagA', keys: ['k1', 'k2'], body: Buffer.from('hello grpc'), properties: new Map([['color', 'red']]) });
  expect(receipt.messageId).toMatch(/^01[0-9A-F]{32}$/);

  const c = await simpleConsumer('GrpcNormalGroup', 'GrpcNormal');
  const [view, ...rest] = await receiveAtLeast(c, 1);
  expect(rest).toHaveLength(0);
  expect(view.messageId).toBe(receipt.messageId);
  expect(view.body.toString()).toBe('hello grpc');
  expect(view.corrupted).not.toBe(true);
  expect(view.tag).toBe('TagA');
  expect(view.keys).toEqual(['k1', 'k2']);
  expect(view.properties.get('color')).toBe('red');
  expect(view.deliveryAttempt).toBe(1);
  await c.ack(view);
  // acked: nothing comes back (MESSAGE_NOT_FOUND after long polling) and the same handle is now stale
  await expect(c.receive(32, 15_000)).resolves.toEqual([]);
  await expect(c.ack(view)).rejects.toThrow(/receipt handle/);
});

test('FIFO: one message group goes to one queue and is received in order', async () => {
  createTopic('GrpcFifo', 'FIFO', 8);
  orderlyGroup('GrpcFifoGroup');
  const p = await producer(['GrpcFifo']);
  const offsets: number[] = [];
  for (let i = 0; i < 6; i++) {
    const receipt = await p.send({ topic: 'GrpcFifo', messageGroup: 'order-42', body: Buffer.from(`step-${i}`) });
    offsets.push(receipt.offset);
  }
  // consecutive queue offsets of a fresh 8-queue topic: all six landed in one queue
  expect(offsets).toEqual([0, 1, 2, 3, 4, 5]);

  const c = await simpleConsumer('GrpcFifoGroup', 'GrpcFifo');
  const views = await receiveAtLeast(c, 6);
  expect(views.map((v) => v.body.toString())).toEqual(offsets.map((i) => `step-${i}`));
  expect(views.every((v) => v.messageGroup === 'order-42')).toBe(true);
  for (const v of views) await c.ack(v);
});

test('changeInvisibleDuration returns a new handle; the message comes back with delivery attempt 2', async () => {
  createTopic('GrpcInvisible');
  const p = await producer(['GrpcInvisible']);
  const receipt = await p.send({ topic: 'GrpcInvisible', body: Buffer.from('retry me') });
  const c = await simpleConsumer('GrpcInvisibleGroup', 'GrpcInvisible');
  const [view] = await receiveAtLeast(c, 1);
  const firstHandle = view.receiptHandle;
  await c.changeInvisibleDuration(view, 1000);
  expect(view.receiptHandle).not.toBe(firstHandle);

  const again = await receiveAtLeast(c, 1);
  expect(again.map((v) => v.messageId)).toEqual([receipt.messageId]);
  expect(again[0].deliveryAttempt).toBe(2);
  expect(again[0].body.toString()).toBe('retry me');
  await c.ack(again[0]);
});

test('an unacked message is redelivered after its invisible time', async () => {
  createTopic('GrpcRedeliver');
  const p = await producer(['GrpcRedeliver']);
  const receipt = await p.send({ topic: 'GrpcRedeliver', body: Buffer.from('not acked') });
  const c = await simpleConsumer('GrpcRedeliverGroup', 'GrpcRedeliver');
  const [first] = await receiveAtLeast(c, 1, 10_000);
  expect(first.messageId).toBe(receipt.messageId);
  const redelivered = await receiveAtLeast(c, 1, 10_000);
  expect(redelivered[0].messageId).toBe(receipt.messageId);
  expect(redelivered[0].deliveryAttempt).toBe(2);
  // the first delivery's handle expired with its invisible time
  await expect(c.ack(first)).rejects.toThrow(/receipt handle/);
  await c.ack(redelivered[0]);
});

test('cross-protocol: gRPC send → remoting pull, and remoting send → gRPC receive', async () => {
  createTopic('GrpcCross');
  const p = await producer(['GrpcCross']);
  const receipt = await p.send({ topic: 'GrpcCross', tag: 'T', keys: ['key-1'], body: Buffer.from('from grpc') });

  const pull = new LitePullConsumer({ namesrvAddr: fixture.embedded.namesrvAddr, group: 'RemotingReader', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
  pull.subscribe('GrpcCross', '*');
  await pull.start();
  closers.push(() => pull.shutdown());
  const pulled: MessageExt[] = [];
  for (let i = 0; i < 20 && pulled.length === 0; i++) pulled.push(...(await pull.poll(1000)));
  expect(pulled).toHaveLength(1);
  expect(pulled[0].msgId).toBe(receipt.messageId);
  expect(pulled[0].body.toString()).toBe('from grpc');
  expect(pulled[0].tags).toBe('T');
  expect(pulled[0].keys).toBe('key-1');

  const remoting = new RemotingProducer({ namesrvAddr: fixture.embedded.namesrvAddr, group: 'RemotingWriter' });
  await remoting.start();
  closers.push(() => remoting.shutdown());
  const c = await simpleConsumer('GrpcCrossGroup', 'GrpcCross');
  const sent = await remoting.send(new Message('GrpcCross', Buffer.from('from remoting'), { tags: 'R' }));
  const views = await receiveAtLeast(c, 2);
  const fromRemoting = views.find((v) => v.body.toString() === 'from remoting');
  expect(fromRemoting?.messageId).toBe(sent.msgId);
  expect(fromRemoting?.tag).toBe('R');
  expect(fromRemoting?.corrupted).not.toBe(true);
  for (const v of views) await c.ack(v);
});

test('unknown topic: send fails with TOPIC_NOT_FOUND', async () => {
  const p = await producer([]);
  await expect(p.send({ topic: 'NoSuchGrpcTopic', body: Buffer.from('x') })).rejects.toThrow(/40402|not found/i);
});

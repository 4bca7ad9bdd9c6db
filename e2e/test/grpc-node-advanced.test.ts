import { FilterExpression, Producer, SimpleConsumer, type MessageView, type TransactionChecker } from 'rocketmq-client-nodejs';
import { FilterType, TransactionResolution } from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition_pb';
import { LitePullConsumer } from '@mq/client';
import type { MessageExt } from '@mq/common';
import { silentLogger, useGrpcBroker } from '../support/grpc-broker-fixture';

/** Timer messages, transactions (client-ended and checked back) and SQL92 filters with the official Node client. */

const TIMER_PRECISION_MS = 1000;

const fixture = useGrpcBroker('grpc-node-adv-', {
  brokerName: 'broker-adv',
  enablePropertyFilter: true,
  timerPrecisionMs: TIMER_PRECISION_MS,
  transactionTimeOut: 1000,
  transactionCheckInterval: 1000,
});
const { closers, createTopic } = fixture;

async function producer(topics: string[], checker?: TransactionChecker): Promise<Producer> {
  const p = new Producer({ endpoints: fixture.endpoints, namespace: '', topics, checker, logger: silentLogger, requestTimeout: 3000 });
  await p.startup();
  closers.push(() => p.shutdown());
  return p;
}

async function simpleConsumer(group: string, topic: string, filter: FilterExpression | string = '*'): Promise<SimpleConsumer> {
  const c = new SimpleConsumer({ endpoints: fixture.endpoints, namespace: '', consumerGroup: group, subscriptions: new Map([[topic, filter]]), awaitDuration: 5000, logger: silentLogger });
  await c.startup();
  closers.push(() => c.shutdown());
  return c;
}

async function receiveUntil(consumer: SimpleConsumer, done: (views: MessageView[]) => boolean, rounds = 10): Promise<MessageView[]> {
  const got: MessageView[] = [];
  for (let i = 0; i < rounds && !done(got); i++) got.push(...(await consumer.receive(32, 15_000)));
  return got;
}

/** The stored form of `topic`'s messages, read over remoting (it carries the store timestamp). */
async function storedRecords(topic: string, count: number): Promise<MessageExt[]> {
  const pull = new LitePullConsumer({ namesrvAddr: fixture.embedded.namesrvAddr, group: `${topic}Reader`, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
  pull.subscribe(topic, '*');
  await pull.start();
  closers.push(() => pull.shutdown());
  const pulled: MessageExt[] = [];
  for (let i = 0; i < 20 && pulled.length < count; i++) pulled.push(...(await pull.poll(1000)));
  return pulled;
}

test('a message with a delivery timestamp is stored in its topic only when due', async () => {
  createTopic('GrpcTimer', 'DELAY', 1);
  const p = await producer(['GrpcTimer']);
  const deliverAt = Date.now() + 3000;
  const receipt = await p.send({ topic: 'GrpcTimer', body: Buffer.from('later'), deliveryTimestamp: new Date(deliverAt) });

  const c = await simpleConsumer('GrpcTimerGroup', 'GrpcTimer');
  const [view] = await receiveUntil(c, (views) => views.length > 0);
  expect(view.messageId).toBe(receipt.messageId);
  expect(view.deliveryTimestamp?.getTime()).toBe(deliverAt);
  const [stored] = await storedRecords('GrpcTimer', 1);
  expect(stored.msgId).toBe(receipt.messageId);
  // the timer wheel fires at the start of the message's slot, never earlier
  expect(stored.storeTimestamp).toBeGreaterThanOrEqual(deliverAt - TIMER_PRECISION_MS);
  expect(stored.storeTimestamp - stored.bornTimestamp).toBeGreaterThanOrEqual(3000 - TIMER_PRECISION_MS);
  await c.ack(view);
});

test('transaction commit delivers the message; rollback never does', async () => {
  createTopic('GrpcTx', 'TRANSACTION', 1);
  const p = await producer(['GrpcTx'], { check: async () => TransactionResolution.TRANSACTION_RESOLUTION_UNSPECIFIED });
  const rolledBack = p.beginTransaction();
  const dropped = await p.send({ topic: 'GrpcTx', body: Buffer.from('rolled back') }, rolledBack);
  await rolledBack.rollback();
  const committed = p.beginTransaction();
  const kept = await p.send({ topic: 'GrpcTx', body: Buffer.from('committed') }, committed);
  expect(kept.transactionId).toBeTruthy();
  await committed.commit();

  const c = await simpleConsumer('GrpcTxGroup', 'GrpcTx');
  const views = await receiveUntil(c, (got) => got.some((v) => v.messageId === kept.messageId));
  expect(views.map((v) => v.messageId)).toEqual([kept.messageId]);
  expect(views.map((v) => v.messageId)).not.toContain(dropped.messageId);
  expect(views[0].body.toString()).toBe('committed');
  await c.ack(views[0]);
});

test('an orphaned transaction is checked back over Telemetry and committed by the checker', async () => {
  createTopic('GrpcTxOrphan', 'TRANSACTION', 1);
  const checked: string[] = [];
  const checker: TransactionChecker = {
    check: async (view) => {
      checked.push(view.messageId);
      return TransactionResolution.COMMIT;
    },
  };
  const p = await producer(['GrpcTxOrphan'], checker);
  const receipt = await p.send({ topic: 'GrpcTxOrphan', body: Buffer.from('orphan') }, p.beginTransaction());

  const c = await simpleConsumer('GrpcTxOrphanGroup', 'GrpcTxOrphan');
  const views = await receiveUntil(c, (got) => got.length > 0);
  expect(views.map((v) => v.messageId)).toEqual([receipt.messageId]);
  expect(checked).toContain(receipt.messageId);
  expect(views[0].body.toString()).toBe('orphan');
  await c.ack(views[0]);
});

test('a SimpleConsumer with an SQL92 filter receives only matching messages', async () => {
  createTopic('GrpcSql', 'NORMAL', 1);
  const p = await producer(['GrpcSql']);
  for (const a of [1, 2, 3, 4]) {
    await p.send({ topic: 'GrpcSql', tag: a % 2 === 0 ? 'even' : 'odd', body: Buffer.from(`a=${a}`), properties: new Map([['a', String(a)]]) });
  }
  const c = await simpleConsumer('GrpcSqlGroup', 'GrpcSql', new FilterExpression('a > 1 AND TAGS = \'odd\' OR a = 4', FilterType.SQL));
  const views = await receiveUntil(c, (got) => got.length >= 2);
  expect(views.map((v) => v.body.toString()).sort()).toEqual(['a=3', 'a=4']);
  for (const v of views) await c.ack(v);
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AckMessageRequestHeader,
  BatchAckMessageRequestBody,
  encodeAckBitSet,
  PeekMessageRequestHeader,
  PollingInfoRequestHeader,
  PollingInfoResponseHeader,
  RemotingClient,
  RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@mq/remoting';
import { decodeStoredRecords, MessageConst } from '@mq/common';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { extraInfoOf, JavaPopClient } from './java-pop-client';

const BROKER = 'broker-pop-remoting';
const GROUP = 'RemotingPopGroup';
let dir: string;
let embedded: EmbeddedBroker;
let client: RemotingClient;
let topicSeq = 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'remoting-pop-'));
  embedded = await startEmbeddedBroker({ storeDir: dir, namesrvPort: false, broker: { brokerName: BROKER, grpcServerPort: -1 } });
  client = new RemotingClient();
});

afterAll(async () => {
  await client.shutdown();
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

/** A client on a fresh topic (1 queue unless told). */
function popClient(queues = 1, group = GROUP): JavaPopClient {
  const topic = `RemotingPopTopic${++topicSeq}`;
  embedded.broker.topicConfigManager.createTopicIfAbsent(topic, queues, 6);
  return new JavaPopClient(client, embedded.brokerAddr, BROKER, group, topic);
}

function bodies(reply: { messages: { body: Buffer }[] }): string[] {
  return reply.messages.map((m) => m.body.toString()).sort();
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function invoke(code: number, extFields: Record<string, string>, body?: Buffer): Promise<RemotingCommand> {
  return client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(code, extFields, body), 5000);
}

test('pop answers one popTime and offset infos the Java client builds POP_CK from; ack removes the message for good', async () => {
  const pop = popClient();
  for (const body of ['m0', 'm1', 'm2']) await pop.send(body);
  const reply = await pop.pop({ invisibleTime: 1000 });
  expect(reply.code).toBe(ResponseCode.SUCCESS);
  expect(bodies(reply)).toEqual(['m0', 'm1', 'm2']);
  expect(reply.header).toMatchObject({ invisibleTime: 1000, startOffsetInfo: '0 0 0', msgOffsetInfo: '0 0 0,1,2', restNum: 0 });
  for (const message of reply.messages) {
    expect(extraInfoOf(message)).toEqual(['0', String(reply.header.popTime), '1000', String(reply.header.reviveQid), '0', BROKER, '0', String(message.queueOffset)]);
    expect(message.getProperty(MessageConst.PROPERTY_FIRST_POP_TIME)).toBe(String(reply.header.popTime));
  }
  for (const message of reply.messages) expect((await pop.ack(message)).code).toBe(ResponseCode.SUCCESS);
  // Acks are idempotent.
  expect((await pop.ack(reply.messages[0])).code).toBe(ResponseCode.SUCCESS);
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect((await pop.pop()).code).toBe(ResponseCode.POLLING_TIMEOUT);
});

test('an unacked message comes back through the retry topic under the original topic, reconsumeTimes + 1, and acks there', async () => {
  const pop = popClient();
  await pop.send('again');
  const first = await pop.pop({ invisibleTime: 1000 });
  expect(bodies(first)).toEqual(['again']);
  const retried = await until(async () => {
    const reply = await pop.pop({ invisibleTime: 60_000 });
    return reply.messages.length > 0 ? reply : undefined;
  });
  const [message] = retried.messages;
  expect(message.body.toString()).toBe('again');
  expect(message.topic).toBe(pop.topic);
  expect(message.reconsumeTimes).toBe(1);
  const extraInfo = extraInfoOf(message);
  expect(extraInfo[4]).toBe('1');
  expect(extraInfo[1]).toBe(String(retried.header.popTime));
  expect(retried.header.startOffsetInfo).toBe(`1 0 ${extraInfo[0]}`);
  // The ack names the retry topic, as DefaultMQPushConsumerImpl does.
  const ack = await pop.ack(message);
  expect(ack.code).toBe(ResponseCode.SUCCESS);
  const retryTopic = `%RETRY%${GROUP}_${pop.topic}`;
  expect(embedded.broker.consumerOffsetManager.queryOffset(GROUP, retryTopic, 0)).toBe(Number(extraInfo[7]) + 1);
});

test('change invisible time: the new POP_CK acks, the old one is stale', async () => {
  const pop = popClient();
  await pop.send('slow');
  const [message] = (await pop.pop({ invisibleTime: 1000 })).messages;
  const oldExtraInfo = extraInfoOf(message).join(' ');
  expect(await pop.changeInvisibleTime(message, 60_000)).toBe(ResponseCode.SUCCESS);
  expect(extraInfoOf(message)[0]).toBe(String(message.queueOffset));
  const newExtraInfo = extraInfoOf(message).join(' ');
  message.putProperty(MessageConst.PROPERTY_POP_CK, oldExtraInfo);
  expect(await pop.changeInvisibleTime(message, 60_000)).toBe(ResponseCode.NO_MESSAGE);
  message.putProperty(MessageConst.PROPERTY_POP_CK, newExtraInfo);
  // Well past the first invisible time: still hidden.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect((await pop.pop()).messages).toEqual([]);
  expect((await pop.ack(message)).code).toBe(ResponseCode.SUCCESS);
  expect(embedded.broker.consumerOffsetManager.queryOffset(GROUP, pop.topic, 0)).toBe(1);
});

test('BATCH_ACK_MESSAGE acks the set bits of each pop', async () => {
  const pop = popClient();
  for (const body of ['b0', 'b1', 'b2', 'b3']) await pop.send(body);
  const reply = await pop.pop({ invisibleTime: 60_000 });
  const [start, popTime, invisibleTime, reviveQid] = extraInfoOf(reply.messages[0]).map(Number);
  const body = BatchAckMessageRequestBody.encode({
    brokerName: BROKER,
    acks: [{ c: GROUP, t: pop.topic, r: '0', so: start, q: 0, rq: reviveQid, pt: popTime, it: invisibleTime, b: encodeAckBitSet([0, 2, 3]) }],
  });
  expect((await invoke(RequestCode.BATCH_ACK_MESSAGE, {}, body)).code).toBe(ResponseCode.SUCCESS);
  // Offset 1 is the only one left in flight.
  expect(embedded.broker.consumerOffsetManager.queryOffset(GROUP, pop.topic, 0)).toBe(1);
  expect((await invoke(RequestCode.BATCH_ACK_MESSAGE, {}, BatchAckMessageRequestBody.encode({ acks: [] }))).code).toBe(ResponseCode.NO_MESSAGE);
});

test('a long-polling pop is held (POLLING_INFO counts it) without blocking the connection, and a send wakes it', async () => {
  const pop = popClient();
  const held = pop.pop({ queueId: 0, pollTime: 10_000 });
  const fields = PollingInfoRequestHeader.encode({ consumerGroup: GROUP, topic: pop.topic, queueId: 0 });
  const pollingNum = async (): Promise<number> => PollingInfoResponseHeader.decode((await invoke(RequestCode.POLLING_INFO, fields)).extFields).pollingNum;
  // Answered on the same connection while the pop is held.
  await until(async () => ((await pollingNum()) === 1 ? true : undefined));
  await pop.send('wake');
  const reply = await held;
  expect(reply.code).toBe(ResponseCode.SUCCESS);
  expect(bodies(reply)).toEqual(['wake']);
  expect(await pollingNum()).toBe(0);
});

test('an empty queue answers POLLING_TIMEOUT with the header numbers, after the poll time or at once when too late', async () => {
  const pop = popClient();
  const waited = await pop.pop({ pollTime: 300 });
  expect(waited.code).toBe(ResponseCode.POLLING_TIMEOUT);
  expect(waited.header.invisibleTime).toBe(60_000);
  const late = await pop.pop({ pollTime: 1000, bornTime: Date.now() - 5000 });
  expect(late.code).toBe(ResponseCode.POLLING_TIMEOUT);
});

test('an order pop blocks the queue until its batch is acked, then redelivers nothing acked', async () => {
  const pop = popClient();
  for (const body of ['o0', 'o1']) await pop.send(body);
  const first = await pop.pop({ order: true, invisibleTime: 60_000, attemptId: 'a1' });
  expect(bodies(first)).toEqual(['o0', 'o1']);
  expect(first.header.reviveQid).toBe(999);
  expect(first.header.orderCountInfo).toBe('0 0 0');
  await pop.send('o2');
  expect((await pop.pop({ order: true, attemptId: 'a2' })).messages).toEqual([]);
  for (const message of first.messages) expect((await pop.ack(message)).code).toBe(ResponseCode.SUCCESS);
  expect(bodies(await pop.pop({ order: true, attemptId: 'a3' }))).toEqual(['o2']);
});

test('an expired order batch comes back with its consumed count as reconsumeTimes', async () => {
  const pop = popClient();
  await pop.send('fifo');
  await pop.pop({ order: true, invisibleTime: 1000, attemptId: 'x1' });
  const again = await until(async () => {
    const reply = await pop.pop({ order: true, invisibleTime: 60_000, attemptId: 'x2' });
    return reply.messages.length > 0 ? reply : undefined;
  });
  expect(again.header.orderCountInfo).toBe('0 qo0%0 1;0 0 1');
  expect(again.messages[0].reconsumeTimes).toBe(1);
  expect((await pop.ack(again.messages[0])).code).toBe(ResponseCode.SUCCESS);
});

test('peek reads what the next pop would, without popping it', async () => {
  const pop = popClient();
  await pop.send('p0');
  const fields = PeekMessageRequestHeader.encode({ consumerGroup: GROUP, topic: pop.topic, queueId: -1, maxMsgNums: 32 });
  const peeked = await invoke(RequestCode.PEEK_MESSAGE, fields);
  expect(peeked.code).toBe(ResponseCode.SUCCESS);
  expect(decodeStoredRecords(peeked.body!).map((m) => m.body.toString())).toEqual(['p0']);
  expect((await invoke(RequestCode.PEEK_MESSAGE, fields)).code).toBe(ResponseCode.SUCCESS);
  expect(bodies(await pop.pop())).toEqual(['p0']);
  expect((await invoke(RequestCode.PEEK_MESSAGE, fields)).code).toBe(ResponseCode.PULL_NOT_FOUND);
});

test('a tag expression filters; an SQL92 one is evaluated on properties', async () => {
  const pop = popClient();
  await pop.send('a', 'TagA');
  await pop.send('b', 'TagB', 'color\u0001red\u0002');
  expect(bodies(await pop.pop({ exp: 'TagB', invisibleTime: 60_000 }))).toEqual(['b']);
  const sql = popClient(1, 'SqlGroup');
  await sql.send('blue', 'T', 'color\u0001blue\u0002');
  await sql.send('red', 'T', 'color\u0001red\u0002');
  expect(bodies(await sql.pop({ expType: 'SQL92', exp: "color = 'red'" }))).toEqual(['red']);
});

test('bad input is answered with Apache codes', async () => {
  const pop = popClient(2);
  const codeOf = async (options: Parameters<JavaPopClient['pop']>[0]) => (await pop.pop(options)).code;
  expect(await codeOf({ maxMsgNums: 33 })).toBe(ResponseCode.INVALID_PARAMETER);
  expect(await codeOf({ queueId: 2 })).toBe(ResponseCode.INVALID_PARAMETER);
  expect(await codeOf({ exp: '||' })).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
  expect(await codeOf({ expType: 'SQL92', exp: 'a = = 1' })).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
  expect(await codeOf({ expType: 'REGEX', exp: 'x' })).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
  expect((await new JavaPopClient(client, embedded.brokerAddr, BROKER, GROUP, 'NoSuchTopic').pop()).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  const disabled = embedded.broker.subscriptionGroupManager.findSubscriptionGroupConfig('DisabledGroup')!;
  embedded.broker.subscriptionGroupManager.updateSubscriptionGroupConfig({ ...disabled, consumeEnable: false });
  expect((await new JavaPopClient(client, embedded.brokerAddr, BROKER, 'DisabledGroup', pop.topic).pop()).code).toBe(ResponseCode.NO_PERMISSION);

  await pop.send('x');
  const ack = (fields: Partial<AckMessageRequestHeader>) =>
    invoke(RequestCode.ACK_MESSAGE, AckMessageRequestHeader.encode({ consumerGroup: GROUP, topic: pop.topic, queueId: 0, offset: 0, extraInfo: `0 1 1000 0 0 ${BROKER} 0 0`, ...fields }));
  expect((await ack({ offset: 5 })).code).toBe(ResponseCode.NO_MESSAGE);
  expect((await ack({ queueId: 7 })).code).toBe(ResponseCode.MESSAGE_ILLEGAL);
  expect((await ack({ topic: 'NoSuchTopic' })).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  expect((await ack({ extraInfo: 'garbage' })).code).toBe(ResponseCode.SYSTEM_ERROR);
  expect((await ack({})).code).toBe(ResponseCode.SUCCESS);
  expect((await invoke(RequestCode.ACK_MESSAGE, { consumerGroup: GROUP })).code).toBe(ResponseCode.SYSTEM_ERROR);
  expect((await invoke(RequestCode.BATCH_ACK_MESSAGE, {}, Buffer.from('{not json'))).code).toBe(ResponseCode.SYSTEM_ERROR);
  // The broker still serves after all of it.
  expect(bodies(await pop.pop())).toEqual(['x']);
});

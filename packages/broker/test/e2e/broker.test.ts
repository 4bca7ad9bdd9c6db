import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeStoredRecords, encodeBatchBody, Message } from '@mq/common';
import { RemotingClient, RemotingCommand, RequestCode, ResponseCode, SendMessageRequestHeader, SendMessageRequestHeaderV2 } from '@mq/remoting';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';

let dir: string;
let embedded: EmbeddedBroker;
let client: RemotingClient;

async function start(broker: Record<string, unknown> = {}): Promise<void> {
  embedded = await startEmbeddedBroker({ storeDir: dir, namesrvPort: false, broker: { brokerName: 'broker-a', ...broker } });
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'broker-e2e-'));
  client = new RemotingClient();
  await start();
});

afterEach(async () => {
  await client.shutdown();
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

function send(topic: string, body: Buffer, props = 'TAGS\u0001TagA\u0002', code: number = RequestCode.SEND_MESSAGE_V2, queueId = 0) {
  const extFields = SendMessageRequestHeaderV2.encode({
    producerGroup: 'PG',
    topic,
    defaultTopic: 'TBW102',
    defaultTopicQueueNums: 4,
    queueId,
    sysFlag: 0,
    bornTimestamp: Date.now(),
    flag: 0,
    properties: props,
    batch: code === RequestCode.SEND_BATCH_MESSAGE,
  });
  return client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(code, extFields, body), 5000);
}

function pull(
  topic: string,
  queueOffset: number,
  opts: { sysFlag?: number; subscription?: string; suspend?: number; group?: string; timeoutMs?: number } = {},
) {
  const extFields: Record<string, string> = {
    consumerGroup: opts.group ?? 'CG',
    topic,
    queueId: '0',
    queueOffset: String(queueOffset),
    maxMsgNums: '32',
    sysFlag: String(opts.sysFlag ?? 4),
    commitOffset: '0',
    suspendTimeoutMillis: String(opts.suspend ?? 15000),
    subscription: opts.subscription ?? '*',
    subVersion: '0',
    expressionType: 'TAG',
  };
  return client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.PULL_MESSAGE, extFields), opts.timeoutMs ?? 30000);
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('sends and pulls a message (auto-created topic), with region fields', async () => {
  const sent = await send('TopicA', Buffer.from('hello'));
  expect(sent.code).toBe(ResponseCode.SUCCESS);
  expect(sent.extFields).toMatchObject({ queueId: '0', queueOffset: '0', MSG_REGION: 'DefaultRegion', TRACE_ON: 'true' });
  expect(sent.extFields!.msgId).toHaveLength(32);
  const pulled = await pull('TopicA', 0);
  expect(pulled.code).toBe(ResponseCode.SUCCESS);
  expect(pulled.extFields).toMatchObject({ nextBeginOffset: '1', minOffset: '0', maxOffset: '1', suggestWhichBrokerId: '0' });
  const [message] = decodeStoredRecords(pulled.body!);
  expect(message.body.toString()).toBe('hello');
  expect(message.getProperty('CLUSTER')).toBe('DefaultCluster');
  expect(message.getProperty('UNIQ_KEY')).toBeDefined();
});

it('accepts SEND_MESSAGE with the long-named (V1) header', async () => {
  const extFields = SendMessageRequestHeader.encode({
    producerGroup: 'PG',
    topic: 'TopicV1',
    defaultTopic: 'TBW102',
    defaultTopicQueueNums: 4,
    queueId: 0,
    sysFlag: 0,
    bornTimestamp: Date.now(),
    flag: 7,
    properties: 'TAGS\u0001TagV1\u0002',
  });
  expect(extFields).toHaveProperty('producerGroup', 'PG');
  const sent = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.SEND_MESSAGE, extFields, Buffer.from('v1')), 5000);
  expect(sent.code).toBe(ResponseCode.SUCCESS);
  const [message] = decodeStoredRecords((await pull('TopicV1', 0)).body!);
  expect([message.body.toString(), message.flag, message.tags]).toEqual(['v1', 7, 'TagV1']);
});

it('stores a batch as consecutive messages and filters by tag', async () => {
  const batch = encodeBatchBody([
    new Message('TopicB', Buffer.from('a'), { tags: 'TagA' }),
    new Message('TopicB', Buffer.from('b'), { tags: 'TagB' }),
  ]);
  const sent = await send('TopicB', batch, 'WAIT\u0001true\u0002', RequestCode.SEND_BATCH_MESSAGE);
  expect(sent.code).toBe(ResponseCode.SUCCESS);
  expect(sent.extFields!.msgId.split(',')).toHaveLength(2);
  const onlyB = await pull('TopicB', 0, { subscription: 'TagB' });
  expect(onlyB.code).toBe(ResponseCode.SUCCESS);
  expect(decodeStoredRecords(onlyB.body!).map((m) => m.body.toString())).toEqual(['b']);
  const none = await pull('TopicB', 0, { subscription: 'TagC' });
  expect(none.code).toBe(ResponseCode.PULL_RETRY_IMMEDIATELY);
  expect(none.extFields!.nextBeginOffset).toBe('2');
});

it('wakes a held pull when a message arrives', async () => {
  await send('TopicC', Buffer.from('first'));
  const held = pull('TopicC', 1, { sysFlag: 4 | 2, suspend: 20000 });
  await until(() => embedded.broker.pullRequestHoldService.size === 1);
  await send('TopicC', Buffer.from('second'));
  const response = await held;
  expect(response.code).toBe(ResponseCode.SUCCESS);
  expect(decodeStoredRecords(response.body!).map((m) => m.body.toString())).toEqual(['second']);
});

it('with long polling off, holds an empty pull only for shortPollingTimeMills', async () => {
  await embedded.shutdown();
  await start({ longPollingEnable: false, shortPollingTimeMills: 200 });
  await send('TopicS', Buffer.from('only'));
  // The consumer asks for a 20 s hold; a broker that long-polled anyway would miss this 5 s bound.
  const response = await pull('TopicS', 1, { sysFlag: 4 | 2, suspend: 20000, timeoutMs: 5000 });
  expect(response.code).toBe(ResponseCode.PULL_NOT_FOUND);
});

it('answers bad input with RocketMQ codes and keeps the connection usable', async () => {
  const illegal = await send('bad topic!', Buffer.from('x'));
  expect(illegal.code).toBe(ResponseCode.INVALID_PARAMETER);
  expect(illegal.remark).toBe('The specified topic: bad topic!, contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$');
  const big = await send('TopicD', Buffer.alloc(4 * 1024 * 1024 + 1));
  expect(big.code).toBe(ResponseCode.MESSAGE_ILLEGAL);
  const forbidden = await send('SCHEDULE_TOPIC_XXXX', Buffer.from('x'));
  expect(forbidden.code).toBe(ResponseCode.NO_PERMISSION);
  const queue = await send('TopicD', Buffer.from('x'), '', RequestCode.SEND_MESSAGE_V2, 99);
  expect(queue.code).toBe(ResponseCode.INVALID_PARAMETER);
  const moved = await pull('TopicD', 50);
  expect(moved.code).toBe(ResponseCode.PULL_OFFSET_MOVED);
  const noTopic = await pull('Nope', 0);
  expect(noTopic.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  expect((await send('TopicD', Buffer.from('ok'))).code).toBe(ResponseCode.SUCCESS);
});

it('refuses unknown topics when auto-create is off', async () => {
  await embedded.shutdown();
  await start({ autoCreateTopicEnable: false, autoCreateSubscriptionGroup: false });
  const response = await send('Unknown', Buffer.from('x'));
  expect(response.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  expect(response.remark).toMatch(/^topic\[Unknown\] not exist, apply first please!/);
  const group = await pull('SELF_TEST_TOPIC', 0, { group: 'NoSuchGroup' });
  expect(group.code).toBe(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
});

it('registers consumers by heartbeat, lists them and notifies the group', async () => {
  const notified: string[] = [];
  client.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (request) => {
    notified.push(request.extFields!.consumerGroup);
  });
  const heartbeat = {
    clientID: 'client-1',
    consumerDataSet: [{ groupName: 'CG1', consumeType: 'CONSUME_PASSIVELY', messageModel: 'CLUSTERING', consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET', subscriptionDataSet: [{ topic: 'TopicE', subString: '*', tagsSet: [], codeSet: [], subVersion: 1, expressionType: 'TAG' }], unitMode: false }],
    producerDataSet: [],
  };
  const hb = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.HEART_BEAT, {}, Buffer.from(JSON.stringify(heartbeat))), 3000);
  expect(hb.code).toBe(ResponseCode.SUCCESS);
  await until(() => notified.length > 0);
  expect(notified[0]).toBe('CG1');
  const list = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, { consumerGroup: 'CG1' }), 3000);
  expect(JSON.parse(list.body!.toString())).toEqual({ consumerIdList: ['client-1'] });
  const none = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, { consumerGroup: 'Other' }), 3000);
  expect(none.code).toBe(ResponseCode.SYSTEM_ERROR);
  expect(none.remark).toBe('no consumer for this group, Other');
});

it('locks and unlocks queues per client', async () => {
  const lock = (clientId: string) =>
    client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.LOCK_BATCH_MQ, {}, Buffer.from(JSON.stringify({ consumerGroup: 'G', clientId, mqSet: [{ topic: 'T', brokerName: 'broker-a', queueId: 0 }] }))), 3000);
  expect(JSON.parse((await lock('c1')).body!.toString()).lockOKMQSet).toHaveLength(1);
  expect(JSON.parse((await lock('c2')).body!.toString()).lockOKMQSet).toHaveLength(0);
  const unlock = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.UNLOCK_BATCH_MQ, {}, Buffer.from(JSON.stringify({ consumerGroup: 'G', clientId: 'c1', mqSet: [{ topic: 'T', brokerName: 'broker-a', queueId: 0 }] }))), 3000);
  expect(unlock.code).toBe(ResponseCode.SUCCESS);
  expect(JSON.parse((await lock('c2')).body!.toString()).lockOKMQSet).toHaveLength(1);
});

it('keeps messages and committed offsets across a restart; queries by key and id', async () => {
  const sent = await send('TopicF', Buffer.from('durable'), 'KEYS\u0001order-1\u0002');
  const update = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, { consumerGroup: 'CG', topic: 'TopicF', queueId: '0', commitOffset: '1' }), 3000);
  expect(update.code).toBe(ResponseCode.SUCCESS);
  await embedded.shutdown();
  await client.shutdown();
  client = new RemotingClient();
  await start();
  const query = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.QUERY_CONSUMER_OFFSET, { consumerGroup: 'CG', topic: 'TopicF', queueId: '0' }), 3000);
  expect(query.extFields!.offset).toBe('1');
  const max = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.GET_MAX_OFFSET, { topic: 'TopicF', queueId: '0' }), 3000);
  expect(max.extFields!.offset).toBe('1');
  const byKey = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.QUERY_MESSAGE, { topic: 'TopicF', key: 'order-1', maxNum: '32', beginTimestamp: '0', endTimestamp: String(Date.now() + 1000) }), 3000);
  expect(byKey.code).toBe(ResponseCode.SUCCESS);
  expect(decodeStoredRecords(byKey.body!)[0].body.toString()).toBe('durable');
  const offset = decodeStoredRecords(byKey.body!)[0].commitLogOffset;
  const view = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.VIEW_MESSAGE_BY_ID, { offset: String(offset) }), 3000);
  expect(decodeStoredRecords(view.body!)[0].offsetMsgId).toBe(sent.extFields!.msgId);
});

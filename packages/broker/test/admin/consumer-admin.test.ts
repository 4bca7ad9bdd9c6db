import { Message } from '@mq/common';
import { Producer, PushConsumer } from '@mq/client';
import {
  ConsumerRunningInfo,
  GetConsumerRunningInfoRequestHeader,
  RemotingClient,
  RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@mq/remoting';
import { errorCode, startAdminFixture, waitFor, type AdminFixture } from './admin-helpers';

const TOPIC = 'AdminConsume';
const GROUP = 'GID_ADMIN_CONSUME';
let fx: AdminFixture;
let producer: Producer;
let consumer: PushConsumer;
const consumed: string[] = [];

beforeAll(async () => {
  fx = await startAdminFixture();
  await fx.admin.createTopic(fx.embedded.brokerAddr, { topic: TOPIC, readQueueNums: 2, writeQueueNums: 2 });
  producer = new Producer({ namesrvAddr: fx.namesrvAddr, group: 'PG_ADMIN_CONSUME', heartbeatBrokerIntervalMs: 500 });
  await producer.start();
  await waitFor(async () => (await producer.fetchPublishQueues(TOPIC)).length === 2, 'route');
  for (let i = 0; i < 6; i++) await producer.send(new Message(TOPIC, Buffer.from(`m${i}`)));
  consumer = new PushConsumer({ namesrvAddr: fx.namesrvAddr, group: GROUP, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', persistConsumerOffsetIntervalMs: 200 });
  consumer.subscribe(TOPIC, '*');
  consumer.registerMessageListener((messages) => {
    for (const m of messages) consumed.push(m.body.toString());
    return 'CONSUME_SUCCESS';
  });
  await consumer.start();
  await waitFor(() => consumed.length >= 6, 'first 6 messages consumed', 20_000);
});

afterAll(async () => {
  await consumer.shutdown();
  await producer.shutdown();
  await fx.stop();
});

test('consumerProgress shows every queue caught up once offsets are committed', async () => {
  await waitFor(async () => (await fx.admin.consumerProgress(GROUP, TOPIC)).totalLag === 0 && (await fx.admin.consumerProgress(GROUP, TOPIC)).queues.every((q) => q.consumerOffset === q.brokerOffset), 'offsets committed');
  const progress = await fx.admin.consumerProgress(GROUP);
  const topicQueues = progress.queues.filter((q) => q.mq.topic === TOPIC);
  expect(topicQueues.map((q) => q.mq.queueId)).toEqual([0, 1]);
  expect(topicQueues.reduce((sum, q) => sum + q.brokerOffset, 0)).toBe(6);
  expect(topicQueues.every((q) => q.lastTimestamp > 0)).toBe(true);
});

test('consumerConnections lists the live client and its subscription', async () => {
  const connection = await fx.admin.consumerConnections(GROUP);
  expect(connection.connectionSet).toHaveLength(1);
  expect(connection.messageModel).toBe('CLUSTERING');
  expect(Object.keys(connection.subscriptionTable)).toContain(TOPIC);
});

test('consumerConnections of an offline group fails with CONSUMER_NOT_ONLINE', async () => {
  await fx.admin.createSubscriptionGroup(fx.embedded.brokerAddr, { groupName: 'GID_NOBODY' });
  await fx.admin.createTopic(fx.embedded.brokerAddr, { topic: '%RETRY%GID_NOBODY', readQueueNums: 1, writeQueueNums: 1 });
  await waitFor(async () => (await fx.admin.topicList()).includes('%RETRY%GID_NOBODY'), 'retry topic registered');
  expect(await errorCode(fx.admin.consumerConnections('GID_NOBODY'))).toBe(ResponseCode.CONSUMER_NOT_ONLINE);
});

test('producerConnections lists the producer, and fails for an unknown group', async () => {
  await waitFor(() => fx.embedded.broker.producerManager.channelsOf('PG_ADMIN_CONSUME').length > 0, 'producer heartbeat');
  const connection = await fx.admin.producerConnections('PG_ADMIN_CONSUME', TOPIC);
  expect(connection.connectionSet).toHaveLength(1);
  expect(await errorCode(fx.admin.producerConnections('PG_UNKNOWN', TOPIC))).toBe(ResponseCode.SYSTEM_ERROR);
});

test('queryTopicConsumeByWho names the group', async () => {
  expect(await fx.admin.queryTopicConsumeByWho(TOPIC)).toContain(GROUP);
});

test('resetOffsetByTime (server side) rewinds a live consumer, which consumes everything again', async () => {
  const before = consumed.length;
  const reset = await fx.admin.resetOffsetByTime(GROUP, TOPIC, 0);
  expect(reset.map(([mq, offset]) => [mq.queueId, offset])).toEqual([
    [0, 0],
    [1, 0],
  ]);
  await waitFor(() => consumed.length >= before + 6, 'messages consumed again after the reset', 30_000);
});

test('resetOffsetByTime refuses an unknown group and an unknown topic', async () => {
  expect(await errorCode(fx.admin.resetOffsetByTime('GID_NEVER_SEEN', TOPIC, 0))).toBe(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
  expect(await errorCode(fx.admin.resetOffsetByTime(GROUP, 'NoSuchTopicAnywhere', 0))).toBe(ResponseCode.TOPIC_NOT_EXIST);
});

test('GET_CONSUMER_RUNNING_INFO is forwarded to the client and its answer relayed', async () => {
  const clientId = (await fx.admin.consumerConnections(GROUP)).connectionSet[0]?.clientId ?? '';
  const client = new RemotingClient();
  try {
    const header = GetConsumerRunningInfoRequestHeader.encode({ consumerGroup: GROUP, clientId, jstackEnable: false });
    const response = await client.invoke(fx.embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.GET_CONSUMER_RUNNING_INFO, header), 15_000);
    expect(response.code).toBe(ResponseCode.SUCCESS);
    const info = ConsumerRunningInfo.decode(response.body as Buffer);
    expect(info.subscriptionSet.map((s) => s.topic)).toContain(TOPIC);
    const unknown = GetConsumerRunningInfoRequestHeader.encode({ consumerGroup: GROUP, clientId: 'nobody@1', jstackEnable: false });
    const refused = await client.invoke(fx.embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.GET_CONSUMER_RUNNING_INFO, unknown), 15_000);
    expect(refused.code).toBe(ResponseCode.SYSTEM_ERROR);
  } finally {
    await client.shutdown();
  }
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPopRetryTopic, Message } from '@mq/common';
import { Producer } from '@mq/client';
import { ResponseCode } from '@mq/remoting';
import { errorCode, startAdminFixture, waitFor, type AdminFixture } from './admin-helpers';

let fx: AdminFixture;

beforeAll(async () => {
  fx = await startAdminFixture();
});

afterAll(async () => {
  await fx.stop();
});

test('createTopicInCluster creates the topic and registers its route at once', async () => {
  await fx.admin.createTopicInCluster('AdminCluster', { topic: 'AdminT1', readQueueNums: 3, writeQueueNums: 2, attributes: '+message.type=FIFO' });
  const config = fx.embedded.broker.topicConfigManager.selectTopicConfig('AdminT1');
  expect(config).toMatchObject({ readQueueNums: 3, writeQueueNums: 2, perm: 6, attributes: { 'message.type': 'FIFO' } });
  const route = await fx.admin.topicRoute('AdminT1');
  expect(route.queueDatas).toEqual([expect.objectContaining({ brokerName: 'broker-a', readQueueNums: 3, writeQueueNums: 2 })]);
  expect(await fx.admin.topicList()).toContain('AdminT1');
});

test('an update keeps set attributes and refuses unknown or invalid ones', async () => {
  await fx.admin.createTopic(fx.embedded.brokerAddr, { topic: 'AdminT2', attributes: '+message.type=DELAY' });
  await fx.admin.createTopic(fx.embedded.brokerAddr, { topic: 'AdminT2', readQueueNums: 4, writeQueueNums: 4 });
  expect(fx.embedded.broker.topicConfigManager.selectTopicConfig('AdminT2')?.attributes).toEqual({ 'message.type': 'DELAY' });
  const bad = (attributes: string) => errorCode(fx.admin.createTopic(fx.embedded.brokerAddr, { topic: 'AdminT3', attributes }));
  // Java's attribute checks throw RuntimeException: the broker answers SYSTEM_ERROR, not INVALID_PARAMETER.
  expect(await bad('+message.type=WEIRD')).toBe(ResponseCode.SYSTEM_ERROR);
  expect(await bad('+no.such.key=1')).toBe(ResponseCode.SYSTEM_ERROR);
  expect(await bad('-message.type')).toBe(ResponseCode.SYSTEM_ERROR);
  expect(fx.embedded.broker.topicConfigManager.selectTopicConfig('AdminT3')).toBeUndefined();
});

test.each([
  ['illegal characters', 'bad topic!'],
  ['too long', 'x'.repeat(128)],
  ['system topic', 'SCHEDULE_TOPIC_XXXX'],
  ['cluster-name topic', 'AdminCluster'],
])('createTopic refuses a %s name with INVALID_PARAMETER', async (_what, topic) => {
  expect(await errorCode(fx.admin.createTopic(fx.embedded.brokerAddr, { topic }))).toBe(ResponseCode.INVALID_PARAMETER);
});

test('createTopic refuses an invalid perm and non-positive queue counts', async () => {
  const addr = fx.embedded.brokerAddr;
  expect(await errorCode(fx.admin.createTopic(addr, { topic: 'AdminPerm', perm: 8 }))).toBe(ResponseCode.INVALID_PARAMETER);
  expect(await errorCode(fx.admin.createTopic(addr, { topic: 'AdminPerm', writeQueueNums: 0 }))).toBe(ResponseCode.INVALID_PARAMETER);
});

test('topicStats reports min/max offsets and the last store time per queue', async () => {
  await fx.admin.createTopic(fx.embedded.brokerAddr, { topic: 'AdminStats', readQueueNums: 2, writeQueueNums: 2 });
  const producer = new Producer({ namesrvAddr: fx.namesrvAddr, group: 'PG_ADMIN_STATS' });
  await producer.start();
  try {
    await waitFor(async () => (await producer.fetchPublishQueues('AdminStats')).length === 2, 'route of AdminStats');
    const queues = await producer.fetchPublishQueues('AdminStats');
    for (let i = 0; i < 3; i++) await producer.send(new Message('AdminStats', Buffer.from(`m${i}`)), { queue: queues[0] });
  } finally {
    await producer.shutdown();
  }
  const stats = await fx.admin.topicStats('AdminStats');
  expect(stats.map((s) => [s.mq.queueId, s.minOffset, s.maxOffset])).toEqual([
    [0, 0, 3],
    [1, 0, 0],
  ]);
  expect(stats[0]?.lastUpdateTimestamp).toBeGreaterThan(0);
  expect(stats[1]?.lastUpdateTimestamp).toBe(0);
});

test('topicStats of an unknown topic fails with TOPIC_NOT_EXIST', async () => {
  expect(await errorCode(fx.admin.topicStats('NoSuchTopicAnywhere'))).toBe(ResponseCode.TOPIC_NOT_EXIST);
});

test('deleteTopic drops the config, the offsets, the consume queues, the POP retry topic and the route', async () => {
  const { broker, brokerAddr } = fx.embedded;
  const popRetryTopic = buildPopRetryTopic('AdminDel', 'GID_DEL');
  broker.topicConfigManager.createTopicIfAbsent(popRetryTopic, 1, 6);
  const firstOffset = () => sendOne('AdminDel');
  await fx.admin.createTopic(brokerAddr, { topic: 'AdminDel', readQueueNums: 1, writeQueueNums: 1 });
  expect([await firstOffset(), await firstOffset()]).toEqual([0, 1]);
  broker.consumerOffsetManager.commitOffset('test', 'GID_DEL', 'AdminDel', 0, 2);

  await fx.admin.deleteTopic('AdminCluster', 'AdminDel');

  expect(broker.topicConfigManager.selectTopicConfig('AdminDel')).toBeUndefined();
  expect(broker.topicConfigManager.selectTopicConfig(popRetryTopic)).toBeUndefined();
  expect(broker.consumerOffsetManager.queryOffset('GID_DEL', 'AdminDel', 0)).toBe(-1);
  expect(fs.existsSync(path.join(fx.storeDir, 'consumequeue', 'AdminDel'))).toBe(false);
  expect(await errorCode(fx.admin.topicRoute('AdminDel'))).toBe(ResponseCode.TOPIC_NOT_EXIST);
  // Created again, the topic starts from queue offset 0.
  await fx.admin.createTopic(brokerAddr, { topic: 'AdminDel', readQueueNums: 1, writeQueueNums: 1 });
  expect(await firstOffset()).toBe(0);
});

/** Sends one message to queue 0 of `topic` once its route is known; answers the queue offset. */
async function sendOne(topic: string): Promise<number> {
  const producer = new Producer({ namesrvAddr: fx.namesrvAddr, group: 'PG_ADMIN_DEL' });
  await producer.start();
  try {
    await waitFor(async () => (await producer.fetchPublishQueues(topic)).length === 1, `route of ${topic}`);
    const [queue] = await producer.fetchPublishQueues(topic);
    return (await producer.send(new Message(topic, Buffer.from('m')), { queue })).queueOffset;
  } finally {
    await producer.shutdown();
  }
}

test('deleting a system topic is refused', async () => {
  expect(await errorCode(fx.admin.deleteTopic('AdminCluster', 'TBW102'))).toBe(ResponseCode.INVALID_PARAMETER);
  expect(fx.embedded.broker.topicConfigManager.selectTopicConfig('TBW102')).toBeDefined();
});

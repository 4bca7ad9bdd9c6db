import { RemotingClient, RemotingCommand, RequestCode, ResponseCode, SubscriptionGroupWrapper, TopicConfigAndQueueMapping, TopicConfigSerializeWrapper, TopicList } from '@mq/remoting';
import { errorCode, startAdminFixture, waitFor, type AdminFixture } from './admin-helpers';

let fx: AdminFixture;

beforeAll(async () => {
  fx = await startAdminFixture();
});

afterAll(async () => {
  await fx.stop();
});

test('subscription groups are created with defaults, updated, listed and deleted with their offsets', async () => {
  const addr = fx.embedded.brokerAddr;
  const manager = fx.embedded.broker.subscriptionGroupManager;
  await fx.admin.createSubscriptionGroup(addr, { groupName: 'GID_ADMIN', retryMaxTimes: 3, consumeBroadcastEnable: false });
  expect(manager.selectSubscriptionGroupConfig('GID_ADMIN')).toMatchObject({ retryMaxTimes: 3, consumeBroadcastEnable: false, retryQueueNums: 1, consumeEnable: true });
  fx.embedded.broker.consumerOffsetManager.commitOffset('test', 'GID_ADMIN', 'SomeTopic', 0, 7);
  await fx.admin.deleteSubscriptionGroup(addr, 'GID_ADMIN', true);
  expect(manager.selectSubscriptionGroupConfig('GID_ADMIN')).toBeUndefined();
  expect(fx.embedded.broker.consumerOffsetManager.queryOffset('GID_ADMIN', 'SomeTopic', 0)).toBe(-1);
});

test('an invalid group name is refused with INVALID_PARAMETER', async () => {
  const code = await errorCode(fx.admin.createSubscriptionGroup(fx.embedded.brokerAddr, { groupName: 'bad group' }));
  expect(code).toBe(ResponseCode.INVALID_PARAMETER);
});

test('brokerRuntimeInfo carries every key clusterList parses as a number', async () => {
  const info = await fx.admin.brokerRuntimeInfo(fx.embedded.brokerAddr);
  expect(info['brokerVersionDesc']).toMatch(/^V\d+_\d+_\d+/);
  expect(info['putTps']?.split(' ')).toHaveLength(3);
  for (const key of [
    'msgPutTotalYesterdayMorning',
    'msgPutTotalTodayMorning',
    'msgPutTotalTodayNow',
    'msgGetTotalYesterdayMorning',
    'msgGetTotalTodayMorning',
    'msgGetTotalTodayNow',
    'sendThreadPoolQueueSize',
    'pullThreadPoolQueueSize',
    'pageCacheLockTimeMills',
    'earliestMessageTimeStamp',
    'commitLogDiskRatio',
    'timerReadBehind',
    'timerOffsetBehind',
    'timerCongestNum',
    'timerEnqueueTps',
    'timerDequeueTps',
  ]) {
    expect(Number.isFinite(Number(info[key]))).toBe(true);
  }
});

test('brokerConfig lists broker and store keys; updateBrokerConfig changes one at run time', async () => {
  const addr = fx.embedded.brokerAddr;
  const before = await fx.admin.brokerConfig(addr);
  expect(before.get('brokerName')).toBe('broker-a');
  expect(before.get('flushDiskType')).toBeDefined();
  await fx.admin.updateBrokerConfig(addr, { autoCreateSubscriptionGroup: 'false' });
  expect((await fx.admin.brokerConfig(addr)).get('autoCreateSubscriptionGroup')).toBe('false');
  expect(fx.embedded.broker.config.autoCreateSubscriptionGroup).toBe(false);
  await fx.admin.updateBrokerConfig(addr, { autoCreateSubscriptionGroup: 'true' });
});

test.each([
  ['a black-listed key', { brokerConfigPath: '/tmp/x' }, ResponseCode.NO_PERMISSION],
  ['an unknown key', { noSuchKey: '1' }, ResponseCode.INVALID_PARAMETER],
  ['a restart-only key', { listenPort: '1234' }, ResponseCode.INVALID_PARAMETER],
  ['a bad value', { brokerPermission: 'six' }, ResponseCode.INVALID_PARAMETER],
])('updateBrokerConfig refuses %s', async (_what, properties, code) => {
  expect(await errorCode(fx.admin.updateBrokerConfig(fx.embedded.brokerAddr, properties))).toBe(code);
});

test('a read-only brokerPermission is advertised in the routes at once', async () => {
  const addr = fx.embedded.brokerAddr;
  await fx.admin.createTopic(addr, { topic: 'AdminPermTopic' });
  await fx.admin.updateBrokerConfig(addr, { brokerPermission: '4' });
  const permOf = async () => (await fx.admin.topicRoute('AdminPermTopic')).queueDatas[0]?.perm;
  await waitFor(async () => (await permOf()) === 4, 'read-only perm in the route');
  await fx.admin.updateBrokerConfig(addr, { brokerPermission: '6' });
  await waitFor(async () => (await permOf()) === 6, 'read-write perm in the route');
});

test('cleanExpiredConsumeQueue is served', async () => {
  await expect(fx.admin.cleanExpiredConsumeQueue(fx.embedded.brokerAddr)).resolves.toBeUndefined();
});

describe('raw admin codes without an Admin method', () => {
  const invoke = async (code: number, extFields: Record<string, string> = {}) => {
    const client = new RemotingClient();
    try {
      return await client.invoke(fx.embedded.brokerAddr, RemotingCommand.createRequest(code, extFields), 5000);
    } finally {
      await client.shutdown();
    }
  };

  test('GET_ALL_TOPIC_CONFIG and GET_TOPIC_CONFIG return the topic table and one topic', async () => {
    await fx.admin.createTopic(fx.embedded.brokerAddr, { topic: 'AdminRaw', readQueueNums: 5, writeQueueNums: 5 });
    const all = TopicConfigSerializeWrapper.decode((await invoke(RequestCode.GET_ALL_TOPIC_CONFIG)).body as Buffer);
    expect(all.topicConfigTable['AdminRaw']).toMatchObject({ readQueueNums: 5, writeQueueNums: 5 });
    const one = await invoke(RequestCode.GET_TOPIC_CONFIG, { topic: 'AdminRaw', lo: 'true' });
    expect(TopicConfigAndQueueMapping.decode(one.body as Buffer)).toMatchObject({ topicName: 'AdminRaw', readQueueNums: 5 });
    expect((await invoke(RequestCode.GET_TOPIC_CONFIG, { topic: 'Nope', lo: 'true' })).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  });

  test('GET_ALL_SUBSCRIPTIONGROUP_CONFIG and QUERY_TOPICS_BY_CONSUMER', async () => {
    await fx.admin.createSubscriptionGroup(fx.embedded.brokerAddr, { groupName: 'GID_RAW' });
    fx.embedded.broker.consumerOffsetManager.commitOffset('test', 'GID_RAW', 'AdminRaw', 0, 1);
    const groups = SubscriptionGroupWrapper.decode((await invoke(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG)).body as Buffer);
    expect(groups.subscriptionGroupTable['GID_RAW']?.retryMaxTimes).toBe(16);
    const topics = TopicList.decode((await invoke(RequestCode.QUERY_TOPICS_BY_CONSUMER, { group: 'GID_RAW' })).body as Buffer);
    expect(topics.topicList).toEqual(['AdminRaw']);
  });
});

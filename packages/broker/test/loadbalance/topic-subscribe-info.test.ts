import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  GetRouteInfoRequestHeader,
  RemotingClient,
  RemotingCommand,
  RemotingServer,
  RequestCode,
  ResponseCode,
  TopicRouteData,
} from '@mq/remoting';
import { defaultBrokerConfig, type BrokerConfig } from '../../src/config/broker-config';
import { TopicSubscribeInfo } from '../../src/loadbalance/topic-subscribe-info';
import { TopicConfigManager } from '../../src/topic/topic-config-manager';

/** Two readable brokers and a write-only one, as a name server describes a topic spread over a cluster. */
const CLUSTER_ROUTE = TopicRouteData.encode({
  queueDatas: [
    { brokerName: 'broker-b', perm: 6, readQueueNums: 2, writeQueueNums: 2, topicSysFlag: 0 },
    { brokerName: 'broker-a', perm: 6, readQueueNums: 3, writeQueueNums: 3, topicSysFlag: 0 },
    { brokerName: 'broker-c', perm: 2, readQueueNums: 4, writeQueueNums: 4, topicSysFlag: 0 },
  ],
  brokerDatas: [],
});

let dir: string;
let namesrv: RemotingServer;
let namesrvAddr: string;
let client: RemotingClient;
let config: BrokerConfig;
let topics: TopicConfigManager;
/** Topics the fake name server was asked about, in order. */
let asked: string[];
let namesrvAddresses: string[];

function subscribeInfo(): TopicSubscribeInfo {
  return new TopicSubscribeInfo({ config, topicConfigManager: topics, client, namesrvAddresses: () => namesrvAddresses });
}

const keys = (queues: { key: string }[] | undefined) => queues?.map((mq) => mq.key);

beforeAll(async () => {
  namesrv = new RemotingServer({ port: 0, host: '127.0.0.1' });
  namesrv.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, (request) => {
    const { topic } = GetRouteInfoRequestHeader.decode(request.extFields);
    asked.push(topic);
    if (topic !== 'ClusterTopic') return RemotingCommand.createResponse(request, ResponseCode.TOPIC_NOT_EXIST, `No topic route info in name server for the topic: ${topic}`);
    const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    response.body = CLUSTER_ROUTE;
    return response;
  });
  namesrvAddr = `127.0.0.1:${await namesrv.start()}`;
  client = new RemotingClient();
});

afterAll(async () => {
  await client.shutdown();
  await namesrv.shutdown();
});

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'subscribe-info-'));
  config = { ...defaultBrokerConfig(), brokerName: 'broker-local', loadBalancePollNameServerInterval: 60_000 };
  topics = new TopicConfigManager(config, dir);
  topics.createTopicIfAbsent('ClusterTopic', 1, 6);
  topics.createTopicIfAbsent('LocalTopic', 2, 6);
  topics.createTopicIfAbsent('WriteOnlyTopic', 2, 2);
  asked = [];
  namesrvAddresses = [namesrvAddr];
});

afterEach(async () => {
  await topics.persist();
  rmSync(dir, { recursive: true, force: true });
});

it("reads the readable queues of every broker from the name server, in Java's queue order", async () => {
  expect(keys(await subscribeInfo().subscribeQueues('ClusterTopic'))).toEqual([
    'ClusterTopic@broker-a@0',
    'ClusterTopic@broker-a@1',
    'ClusterTopic@broker-a@2',
    'ClusterTopic@broker-b@0',
    'ClusterTopic@broker-b@1',
  ]);
});

it('asks the name server once per topic while the answer is fresh, and again once it is stale', async () => {
  const info = subscribeInfo();
  await Promise.all([info.subscribeQueues('ClusterTopic'), info.subscribeQueues('ClusterTopic')]);
  await info.subscribeQueues('ClusterTopic');
  expect(asked).toEqual(['ClusterTopic']);
  config.loadBalancePollNameServerInterval = 0;
  await info.subscribeQueues('ClusterTopic');
  expect(asked).toEqual(['ClusterTopic', 'ClusterTopic']);
});

it("reports a topic the name server does not know as routeless, even when this broker has it", async () => {
  expect(await subscribeInfo().subscribeQueues('LocalTopic')).toBeUndefined();
  expect(asked).toEqual(['LocalTopic']);
});

it("uses the broker's own topic config without a name server", async () => {
  namesrvAddresses = [];
  const info = subscribeInfo();
  expect(keys(await info.subscribeQueues('LocalTopic'))).toEqual(['LocalTopic@broker-local@0', 'LocalTopic@broker-local@1']);
  expect(await info.subscribeQueues('WriteOnlyTopic')).toEqual([]);
  expect(await info.subscribeQueues('NoSuchTopic')).toBeUndefined();
  expect(asked).toEqual([]);
});

it('falls back to the next name server, then to the local topic config, when none answers', async () => {
  namesrvAddresses = ['127.0.0.1:1', namesrvAddr];
  expect(keys(await subscribeInfo().subscribeQueues('ClusterTopic'))).toHaveLength(5);
  namesrvAddresses = ['127.0.0.1:1'];
  expect(keys(await subscribeInfo().subscribeQueues('LocalTopic'))).toEqual(['LocalTopic@broker-local@0', 'LocalTopic@broker-local@1']);
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PermName } from '@mq/common';
import { startNamesrv, type NamesrvController } from '@mq/namesrv';
import { GetRouteInfoRequestHeader, RemotingClient, RemotingCommand, RequestCode, ResponseCode, TopicRouteData } from '@mq/remoting';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';

const POLL_MS = 20;
const POLL_LIMIT_MS = 5000;

let dir: string;
let namesrv: NamesrvController;
let namesrvAddr: string;
let broker: EmbeddedBroker;
let client: RemotingClient;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'broker-registration-'));
  namesrv = await startNamesrv({ listenPort: 0, bindAddress: '127.0.0.1', kvConfigPath: path.join(dir, 'kv.json') });
  namesrvAddr = `127.0.0.1:${namesrv.port}`;
  client = new RemotingClient();
  broker = await startEmbeddedBroker({
    storeDir: path.join(dir, 'store'),
    namesrvPort: false,
    broker: { brokerName: 'broker-reg', brokerClusterName: 'ClusterReg', namesrvAddr },
  });
});

afterEach(async () => {
  await client.shutdown();
  await broker.shutdown();
  await namesrv.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

async function route(topic: string, addr = namesrvAddr): Promise<{ code: number; route?: TopicRouteData }> {
  const request = RemotingCommand.createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, GetRouteInfoRequestHeader.encode({ topic }));
  const response = await client.invoke(addr, request, 3000);
  return { code: response.code, route: response.body ? TopicRouteData.decode(response.body) : undefined };
}

/** Polls the name server until `accept` holds; fails naming the topic after POLL_LIMIT_MS. */
async function waitForRoute(topic: string, accept: (answer: { code: number; route?: TopicRouteData }) => boolean) {
  const deadline = Date.now() + POLL_LIMIT_MS;
  for (;;) {
    const answer = await route(topic);
    if (accept(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`route of ${topic} still ${JSON.stringify(answer)} after ${POLL_LIMIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

test('the broker is registered at start: its own topic is routed to it', async () => {
  const { code, route: data } = await route('broker-reg');
  expect(code).toBe(ResponseCode.SUCCESS);
  expect(data?.brokerDatas).toEqual([
    expect.objectContaining({ brokerName: 'broker-reg', cluster: 'ClusterReg', brokerAddrs: { 0: broker.brokerAddr } }),
  ]);
});

test('a topic created on the broker is re-registered promptly', async () => {
  expect((await route('NewTopic')).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  broker.broker.topicConfigManager.createTopicIfAbsent('NewTopic', 3, PermName.PERM_READ | PermName.PERM_WRITE);
  const { route: data } = await waitForRoute('NewTopic', (answer) => answer.code === ResponseCode.SUCCESS);
  expect(data?.queueDatas).toEqual([expect.objectContaining({ brokerName: 'broker-reg', readQueueNums: 3, writeQueueNums: 3, perm: 6 })]);
});

test('shutdown unregisters the broker', async () => {
  expect((await route('broker-reg')).code).toBe(ResponseCode.SUCCESS);
  await broker.shutdown();
  expect((await route('broker-reg')).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
});

test('a broker registers with every name server of its list, and unregisters from each', async () => {
  const second = await startNamesrv({ listenPort: 0, bindAddress: '127.0.0.1', kvConfigPath: path.join(dir, 'kv2.json') });
  const secondAddr = `127.0.0.1:${second.port}`;
  const twice = await startEmbeddedBroker({
    storeDir: path.join(dir, 'store-twice'),
    namesrvPort: false,
    broker: { brokerName: 'broker-twice', brokerClusterName: 'ClusterReg', namesrvAddr: `${namesrvAddr};${secondAddr}` },
  });
  try {
    for (const addr of [namesrvAddr, secondAddr]) {
      const { code, route: data } = await route('broker-twice', addr);
      expect(code).toBe(ResponseCode.SUCCESS);
      expect(data?.brokerDatas).toEqual([expect.objectContaining({ brokerName: 'broker-twice', brokerAddrs: { 0: twice.brokerAddr } })]);
    }
    await twice.shutdown();
    for (const addr of [namesrvAddr, secondAddr]) expect((await route('broker-twice', addr)).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  } finally {
    await twice.shutdown();
    await second.shutdown();
  }
});

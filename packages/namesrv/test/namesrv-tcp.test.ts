import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from '@mq/common';
import { RemotingClient, RemotingCommand, RequestCode, ResponseCode } from '@mq/remoting';
import { startNamesrv, type NamesrvController, type NamesrvConfig } from '../src';

/** The 5.x RegisterBrokerBody sample of spec §9.1, for a given set of topics. */
function registerBody(topics: string[], counter = 3): Buffer {
  const table = topics
    .map((t) => `"${t}":{"attributes":{},"order":false,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG","topicName":"${t}","topicSysFlag":0,"writeQueueNums":4}`)
    .join(',');
  return Buffer.from(
    `{"filterServerList":[],"topicConfigSerializeWrapper":{"dataVersion":{"counter":${counter},"stateVersion":0,"timestamp":1700000000000},` +
      `"mappingDataVersion":{"counter":0,"stateVersion":0,"timestamp":1700000000000},"topicConfigTable":{${table}},` +
      `"topicQueueMappingDetailMap":{},"topicQueueMappingInfoMap":{}}}`,
  );
}

interface FakeBroker {
  brokerName?: string;
  brokerAddr?: string;
  brokerId?: number;
  clusterName?: string;
  topics?: string[];
}

function registerRequest(broker: FakeBroker = {}, body = registerBody(broker.topics ?? ['TopicTest', 'TBW102'])): RemotingCommand {
  const brokerAddr = broker.brokerAddr ?? '10.0.0.1:10911';
  return RemotingCommand.createRequest(
    RequestCode.REGISTER_BROKER,
    {
      brokerName: broker.brokerName ?? 'broker-a',
      brokerAddr,
      clusterName: broker.clusterName ?? 'DefaultCluster',
      haServerAddr: brokerAddr.replace(/:\d+$/, ':10912'),
      brokerId: String(broker.brokerId ?? 0),
      enableActingMaster: 'false',
      compressed: 'false',
      bodyCrc32: String(crc32(body)),
    },
    body,
  );
}

function routeRequest(topic: string, version?: number): RemotingCommand {
  const request = RemotingCommand.createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic });
  if (version !== undefined) request.version = version;
  return request;
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('name server over TCP', () => {
  let dir: string;
  let namesrv: NamesrvController;
  let client: RemotingClient;
  let addr: string;

  async function start(overrides: Partial<NamesrvConfig> = {}): Promise<void> {
    namesrv = await startNamesrv({
      listenPort: 0,
      bindAddress: '127.0.0.1',
      kvConfigPath: join(dir, 'kvConfig.json'),
      configStorePath: join(dir, 'namesrv.properties'),
      ...overrides,
    });
    addr = `127.0.0.1:${namesrv.port}`;
  }

  const call = (request: RemotingCommand, via = client) => via.invoke(addr, request, 3000);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'namesrv-tcp-'));
    client = new RemotingClient();
  });

  afterEach(async () => {
    await client.shutdown();
    await namesrv?.shutdown();
    await rm(dir, { recursive: true, force: true });
  });

  it('registers a broker and serves its route, in Java and standard JSON', async () => {
    await start();
    const registered = await call(registerRequest());
    expect(registered.code).toBe(ResponseCode.SUCCESS);

    const legacy = await call(routeRequest('TopicTest', 400));
    expect(legacy.code).toBe(ResponseCode.SUCCESS);
    expect(legacy.body?.toString()).toBe(
      '{"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}],' +
        '"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}',
    );
    const standard = await call(routeRequest('TopicTest'));
    expect(JSON.parse(standard.body?.toString() ?? '').brokerDatas[0].brokerAddrs).toEqual({ 0: '10.0.0.1:10911' });
    const asked = RemotingCommand.createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'TopicTest', acceptStandardJsonOnly: 'true' });
    asked.version = 0;
    expect((await call(asked)).body?.toString()).toContain('"brokerAddrs":{"0":"10.0.0.1:10911"}');
  });

  it('answers TOPIC_NOT_EXIST with Java remark for unknown topics', async () => {
    await start();
    const response = await call(routeRequest('Nope'));
    expect(response.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    expect(response.remark).toBe('No topic route info in name server for the topic: Nope\nSee https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.');
    expect(response.body).toBeUndefined();
  });

  it('serves cluster info and topic lists', async () => {
    await start();
    await call(registerRequest());
    await call(registerRequest({ brokerName: 'broker-b', brokerAddr: '10.0.0.3:10911', clusterName: 'C2', topics: ['Other', 'TBW102'] }));

    const cluster = await call(RemotingCommand.createRequest(RequestCode.GET_BROKER_CLUSTER_INFO));
    expect(cluster.body?.toString()).toContain('"broker-a":{"brokerAddrs":{0:"10.0.0.1:10911"}');
    expect(cluster.body?.toString()).toContain('"clusterAddrTable":{"DefaultCluster":["broker-a"],"C2":["broker-b"]}');

    const all = await call(RemotingCommand.createRequest(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER));
    expect(JSON.parse(all.body?.toString() ?? '').topicList.sort()).toEqual(['Other', 'TBW102', 'TopicTest']);
    const byCluster = await call(RemotingCommand.createRequest(RequestCode.GET_TOPICS_BY_CLUSTER, { cluster: 'C2' }));
    expect(JSON.parse(byCluster.body?.toString() ?? '').topicList.sort()).toEqual(['Other', 'TBW102']);
    const system = await call(RemotingCommand.createRequest(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS));
    expect(JSON.parse(system.body?.toString() ?? '')).toEqual({ brokerAddr: '10.0.0.1:10911', topicList: ['DefaultCluster', 'broker-a', 'C2', 'broker-b'] });
  });

  it('tells a slave its master, and routes list both', async () => {
    await start();
    await call(registerRequest());
    const slave = await call(registerRequest({ brokerId: 1, brokerAddr: '10.0.0.2:10911' }));
    expect(slave.extFields).toMatchObject({ masterAddr: '10.0.0.1:10911', haServerAddr: '10.0.0.1:10912' });
    const route = await call(routeRequest('TopicTest', 400));
    expect(route.body?.toString()).toContain('{0:"10.0.0.1:10911",1:"10.0.0.2:10911"}');
  });

  it('rejects a body whose CRC does not match, and bad headers, with clean errors', async () => {
    await start();
    const request = registerRequest();
    request.extFields = { ...request.extFields, bodyCrc32: '12345' };
    const crc = await call(request);
    expect(crc.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(crc.remark).toBe('crc32 not match');

    const missing = await call(RemotingCommand.createRequest(RequestCode.REGISTER_BROKER, { brokerAddr: 'x' }));
    expect(missing.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(missing.remark).toMatch(/brokerName/);

    const garbage = registerRequest({}, Buffer.from('{"topicConfigSerializeWrapper":'));
    const decoded = await call(garbage);
    expect(decoded.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(decoded.remark).toMatch(/Failed to decode RegisterBrokerBody/);

    const unknown = await call(RemotingCommand.createRequest(RequestCode.SEND_MESSAGE));
    expect(unknown.code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    expect((await call(routeRequest('Nope'))).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  });

  it('removes a broker when its connection closes', async () => {
    await start();
    const broker = new RemotingClient();
    await call(registerRequest(), broker);
    expect((await call(routeRequest('TopicTest'))).code).toBe(ResponseCode.SUCCESS);
    await broker.shutdown();
    await eventually(async () => (await call(routeRequest('TopicTest'))).code === ResponseCode.TOPIC_NOT_EXIST, 'route removal');
  });

  it('expires a broker that stops heartbeating', async () => {
    await start({ brokerChannelExpiredTime: 300, scanNotActiveBrokerInterval: 100 });
    await call(registerRequest());
    await eventually(async () => (await call(routeRequest('TopicTest'))).code === ResponseCode.TOPIC_NOT_EXIST, 'broker expiry');
  });

  it('answers QUERY_DATA_VERSION and UNREGISTER_BROKER', async () => {
    await start();
    await call(registerRequest());
    const header = { brokerName: 'broker-a', brokerAddr: '10.0.0.1:10911', clusterName: 'DefaultCluster', brokerId: '0' };
    const same = Buffer.from('{"counter":3,"stateVersion":0,"timestamp":1700000000000}');
    const query = await call(RemotingCommand.createRequest(RequestCode.QUERY_DATA_VERSION, header, same));
    expect(query.extFields?.changed).toBe('false');
    expect(JSON.parse(query.body?.toString() ?? '')).toEqual({ counter: 3, stateVersion: 0, timestamp: 1700000000000 });
    const changed = await call(RemotingCommand.createRequest(RequestCode.QUERY_DATA_VERSION, header, Buffer.from('{"counter":4,"timestamp":1}')));
    expect(changed.extFields?.changed).toBe('true');

    expect((await call(RemotingCommand.createRequest(RequestCode.UNREGISTER_BROKER, header))).code).toBe(ResponseCode.SUCCESS);
    expect((await call(routeRequest('TopicTest'))).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  });

  it('keeps KV config across a restart and returns the order config to brokers', async () => {
    await start();
    const put = RemotingCommand.createRequest(RequestCode.PUT_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'TopicTest', value: 'broker-a:4' });
    expect((await call(put)).code).toBe(ResponseCode.SUCCESS);
    await client.shutdown();
    await namesrv.shutdown();

    client = new RemotingClient();
    await start({ orderMessageEnable: true });
    const get = await call(RemotingCommand.createRequest(RequestCode.GET_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'TopicTest' }));
    expect(get.extFields?.value).toBe('broker-a:4');
    const missing = await call(RemotingCommand.createRequest(RequestCode.GET_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'X' }));
    expect(missing.code).toBe(ResponseCode.QUERY_NOT_FOUND);
    expect(missing.remark).toBe('No config item, Namespace: ORDER_TOPIC_CONFIG Key: X');

    const registered = await call(registerRequest());
    expect(registered.body?.toString()).toBe('{"table":{"TopicTest":"broker-a:4"}}');
    const route = await call(routeRequest('TopicTest'));
    expect(JSON.parse(route.body?.toString() ?? '').orderTopicConf).toBe('broker-a:4');

    const list = await call(RemotingCommand.createRequest(RequestCode.GET_KVLIST_BY_NAMESPACE, { namespace: 'ORDER_TOPIC_CONFIG' }));
    expect(list.body?.toString()).toBe('{"table":{"TopicTest":"broker-a:4"}}');
    await call(RemotingCommand.createRequest(RequestCode.DELETE_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'TopicTest' }));
    const gone = await call(RemotingCommand.createRequest(RequestCode.GET_KVLIST_BY_NAMESPACE, { namespace: 'nope' }));
    expect(gone.code).toBe(ResponseCode.QUERY_NOT_FOUND);
  });

  it('wipes and adds write permission, deletes topics, and updates its config', async () => {
    await start();
    await call(registerRequest());
    const wipe = await call(RemotingCommand.createRequest(RequestCode.WIPE_WRITE_PERM_OF_BROKER, { brokerName: 'broker-a' }));
    expect(wipe.extFields?.wipeTopicCount).toBe('2');
    expect((await call(routeRequest('TopicTest'))).body?.toString()).toContain('"perm":4');
    const add = await call(RemotingCommand.createRequest(RequestCode.ADD_WRITE_PERM_OF_BROKER, { brokerName: 'broker-a' }));
    expect(add.extFields?.addTopicCount).toBe('2');

    await call(RemotingCommand.createRequest(RequestCode.DELETE_TOPIC_IN_NAMESRV, { topic: 'TopicTest' }));
    expect((await call(routeRequest('TopicTest'))).code).toBe(ResponseCode.TOPIC_NOT_EXIST);

    const update = await call(RemotingCommand.createRequest(RequestCode.UPDATE_NAMESRV_CONFIG, undefined, Buffer.from('enableAllTopicList=false\n')));
    expect(update.code).toBe(ResponseCode.SUCCESS);
    const disabled = await call(RemotingCommand.createRequest(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER));
    expect([disabled.code, disabled.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'disable']);
    const blocked = await call(RemotingCommand.createRequest(RequestCode.UPDATE_NAMESRV_CONFIG, undefined, Buffer.from('kvConfigPath=/tmp/x\n')));
    expect(blocked.code).toBe(ResponseCode.NO_PERMISSION);
    const config = await call(RemotingCommand.createRequest(RequestCode.GET_NAMESRV_CONFIG));
    expect(config.body?.toString()).toContain('enableAllTopicList=false\n');
  });
});

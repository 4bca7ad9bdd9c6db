import { RemotingCommand, RemotingServer, RequestCode, ResponseCode, SubscriptionGroupConfig } from '@mq/remoting';
import { Admin } from '../../src';

/**
 * A one-process stand-in for a name server and a broker that answers admin codes with the
 * Java-shaped bodies of the remoting spec (§4.4 samples) and records every request.
 */
class FakeCluster {
  readonly requests: RemotingCommand[] = [];
  private readonly server = new RemotingServer({ host: '127.0.0.1' });
  addr = '';

  async start(): Promise<void> {
    this.addr = `127.0.0.1:${await this.server.start()}`;
    const brokerData = `{"brokerAddrs":{0:"${this.addr}"},"brokerName":"broker-a","cluster":"DefaultCluster"}`;
    const bodies: Record<number, string> = {
      [RequestCode.GET_ROUTEINFO_BY_TOPIC]: `{"brokerDatas":[${brokerData}],"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":1,"topicSysFlag":0,"writeQueueNums":1}]}`,
      [RequestCode.GET_BROKER_CLUSTER_INFO]: `{"brokerAddrTable":{"broker-a":${brokerData}},"clusterAddrTable":{"DefaultCluster":["broker-a"]}}`,
      [RequestCode.GET_TOPIC_STATS_INFO]: '{"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"}:{"lastUpdateTimestamp":1700000000000,"maxOffset":10,"minOffset":0}},"topicPutTps":0.0}',
      [RequestCode.GET_CONSUME_STATS]: '{"consumeTps":1.5,"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"}:{"brokerOffset":100,"consumerOffset":90,"lastTimestamp":1700000000000,"pullOffset":95}}}',
      [RequestCode.GET_CONSUMER_CONNECTION_LIST]:
        '{"connectionSet":[{"clientAddr":"10.0.0.1:5555","clientId":"cid","language":"JAVA","version":479}],"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING","subscriptionTable":{"TopicTest":{"classFilterMode":false,"codeSet":[2598919,2598920],"expressionType":"TAG","subString":"TagA || TagB","subVersion":1700000000000,"tagsSet":["TagA","TagB"],"topic":"TopicTest"}}}',
      [RequestCode.GET_PRODUCER_CONNECTION_LIST]: '{"connectionSet":[{"clientAddr":"10.0.0.2:6666","clientId":"pid","language":"JAVA","version":479}]}',
      [RequestCode.INVOKE_BROKER_TO_RESET_OFFSET]: '{"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"}:5}}',
      [RequestCode.GET_BROKER_RUNTIME_INFO]: '{"table":{"brokerVersionDesc":"V5_3_3","putTps":"12.5 10.1 9.8"}}',
      [RequestCode.GET_BROKER_CONFIG]: 'brokerName=broker-a\nlistenPort=10911\nstorePathRootDir=/tmp/store\n',
    };
    this.server.registerDefaultProcessor((request) => {
      this.requests.push(request);
      const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
      const body = bodies[request.code];
      if (body !== undefined) response.body = Buffer.from(body, request.code === RequestCode.GET_BROKER_CONFIG ? 'latin1' : 'utf8');
      return response;
    });
  }

  last(code: number): RemotingCommand {
    const found = this.requests.filter((request) => request.code === code).at(-1);
    if (!found) throw new Error(`no request with code ${code}`);
    return found;
  }

  async stop(): Promise<void> {
    await this.server.shutdown();
  }
}

let fake: FakeCluster;
let admin: Admin;

beforeAll(async () => {
  fake = new FakeCluster();
  await fake.start();
  admin = new Admin({ namesrvAddr: fake.addr });
  await admin.start();
});
afterAll(async () => {
  await admin.shutdown();
  await fake.stop();
});

describe('Admin request building against a fake server with Java-shaped answers', () => {
  it('createTopic sends UPDATE_AND_CREATE_TOPIC with mqadmin defaults', async () => {
    await admin.createTopicInCluster('DefaultCluster', { topic: 'TopicTest', writeQueueNums: 4 });
    expect(fake.last(RequestCode.UPDATE_AND_CREATE_TOPIC).extFields).toMatchObject({
      topic: 'TopicTest',
      defaultTopic: 'TBW102',
      readQueueNums: '8',
      writeQueueNums: '4',
      perm: '6',
      topicFilterType: 'SINGLE_TAG',
      topicSysFlag: '0',
      order: 'false',
      attributes: '',
    });
  });

  it('deleteTopic deletes on each master of the cluster, then on the name server with the cluster name', async () => {
    fake.requests.length = 0;
    await admin.deleteTopic('DefaultCluster', 'TopicTest');
    expect(fake.requests.map((request) => request.code)).toEqual([
      RequestCode.GET_BROKER_CLUSTER_INFO,
      RequestCode.DELETE_TOPIC_IN_BROKER,
      RequestCode.DELETE_TOPIC_IN_NAMESRV,
    ]);
    expect(fake.last(RequestCode.DELETE_TOPIC_IN_BROKER).extFields).toMatchObject({ topic: 'TopicTest' });
    expect(fake.last(RequestCode.DELETE_TOPIC_IN_NAMESRV).extFields).toMatchObject({ topic: 'TopicTest', clusterName: 'DefaultCluster' });
  });

  it('topicStats decodes MessageQueue-keyed offset tables', async () => {
    const [stats] = await admin.topicStats('TopicTest');
    expect(fake.last(RequestCode.GET_TOPIC_STATS_INFO).extFields).toMatchObject({ topic: 'TopicTest' });
    expect(stats).toMatchObject({ minOffset: 0, maxOffset: 10, lastUpdateTimestamp: 1700000000000 });
    expect(stats!.mq.key).toBe('TopicTest@broker-a@0');
  });

  it('consumerProgress asks the brokers of %RETRY%<group> and computes the lag', async () => {
    const progress = await admin.consumerProgress('CG');
    expect(fake.last(RequestCode.GET_ROUTEINFO_BY_TOPIC).extFields).toMatchObject({ topic: '%RETRY%CG' });
    expect(fake.last(RequestCode.GET_CONSUME_STATS).extFields).toMatchObject({ consumerGroup: 'CG' });
    expect(progress.consumeTps).toBe(1.5);
    expect(progress.totalLag).toBe(10);
    expect(progress.queues[0]).toMatchObject({ brokerOffset: 100, consumerOffset: 90, pullOffset: 95, lag: 10 });
  });

  it('creates and deletes subscription groups with Java defaults in the body', async () => {
    await admin.createSubscriptionGroup(fake.addr, { groupName: 'CG', retryMaxTimes: 3 });
    const sent = SubscriptionGroupConfig.decode(fake.last(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP).body!);
    expect(sent).toMatchObject({ groupName: 'CG', retryMaxTimes: 3, consumeEnable: true, retryQueueNums: 1, consumeBroadcastEnable: true });
    await admin.deleteSubscriptionGroup(fake.addr, 'CG', true);
    expect(fake.last(RequestCode.DELETE_SUBSCRIPTIONGROUP).extFields).toMatchObject({ groupName: 'CG', cleanOffset: 'true' });
  });

  it('reads broker runtime info and config, and updates config as properties text', async () => {
    expect(await admin.brokerRuntimeInfo(fake.addr)).toMatchObject({ brokerVersionDesc: 'V5_3_3', putTps: '12.5 10.1 9.8' });
    const config = await admin.brokerConfig(fake.addr);
    expect(config.get('listenPort')).toBe('10911');
    await admin.updateBrokerConfig(fake.addr, { brokerPermission: '6', flushDiskType: 'ASYNC_FLUSH' });
    expect(fake.last(RequestCode.UPDATE_BROKER_CONFIG).body!.toString()).toBe('brokerPermission=6\nflushDiskType=ASYNC_FLUSH\n');
  });

  it('reads consumer and producer connections', async () => {
    const consumers = await admin.consumerConnections('CG');
    expect(fake.last(RequestCode.GET_CONSUMER_CONNECTION_LIST).extFields).toMatchObject({ consumerGroup: 'CG' });
    expect(consumers.connectionSet[0]).toMatchObject({ clientId: 'cid', language: 'JAVA', version: 479 });
    expect(consumers.messageModel).toBe('CLUSTERING');
    const producers = await admin.producerConnections('PG', 'TopicTest');
    expect(fake.last(RequestCode.GET_PRODUCER_CONNECTION_LIST).extFields).toMatchObject({ producerGroup: 'PG' });
    expect(producers.connectionSet.map((connection) => connection.clientId)).toEqual(['pid']);
  });

  it('resetOffsetByTime sends INVOKE_BROKER_TO_RESET_OFFSET and returns the new offsets', async () => {
    const reset = await admin.resetOffsetByTime('CG', 'TopicTest', 1700000000000);
    expect(fake.last(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET).extFields).toMatchObject({
      topic: 'TopicTest',
      group: 'CG',
      timestamp: '1700000000000',
      isForce: 'true',
    });
    expect(reset.map(([mq, offset]) => [mq.key, offset])).toEqual([['TopicTest@broker-a@0', 5]]);
  });

  it('turns a failed answer into MQError with the server code', async () => {
    const failing = new RemotingServer({ host: '127.0.0.1' });
    failing.registerDefaultProcessor((request) => RemotingCommand.createResponse(request, ResponseCode.NO_PERMISSION, 'nope'));
    const addr = `127.0.0.1:${await failing.start()}`;
    try {
      await expect(admin.brokerRuntimeInfo(addr)).rejects.toMatchObject({ code: ResponseCode.NO_PERMISSION });
    } finally {
      await failing.shutdown();
    }
  });
});

import fc from 'fast-check';
import { MQError } from '@mq/common';
import {
  bean,
  ClusterInfo,
  compareMessageQueues,
  ConsumerConnection,
  ConsumeStats,
  DataVersion,
  HeartbeatData,
  JsonStyle,
  KVTable,
  list,
  LockBatchRequestBody,
  map,
  MessageQueue,
  parseJavaJson,
  prop,
  RegisterBrokerBody,
  ResetOffsetBody,
  TopicList,
  TopicRouteData,
  TopicStatsTable,
  writeJavaJson,
} from '../../src/protocol';

/** Bodies exactly as the spec's verified Java samples (§4.4, §9.1). */
const JAVA = {
  route:
    '{"brokerDatas":[{"brokerAddrs":{0:"192.168.0.10:10911",1:"192.168.0.11:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}],"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}',
  clusterInfo:
    '{"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"192.168.0.10:10911",1:"192.168.0.11:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}},"clusterAddrTable":{"DefaultCluster":["broker-a"]}}',
  heartbeat:
    '{"clientID":"10.0.0.1@12345#123","consumerDataSet":[{"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","groupName":"CG","messageModel":"CLUSTERING","subscriptionDataSet":[{"classFilterMode":false,"codeSet":[2598919,2598920],"expressionType":"TAG","subString":"TagA || TagB","subVersion":1700000000000,"tagsSet":["TagA","TagB"],"topic":"TopicTest"}],"unitMode":false}],"heartbeatFingerprint":0,"producerDataSet":[{"groupName":"PG"}],"withoutSub":false}',
  consumerConnection:
    '{"connectionSet":[{"clientAddr":"10.0.0.1:5555","clientId":"cid","language":"JAVA","version":479}],"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING","subscriptionTable":{"TopicTest":{"classFilterMode":false,"codeSet":[2598919,2598920],"expressionType":"TAG","subString":"TagA || TagB","subVersion":1700000000000,"tagsSet":["TagA","TagB"],"topic":"TopicTest"}}}',
  consumeStats:
    '{"consumeTps":1.5,"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"}:{"brokerOffset":100,"consumerOffset":90,"lastTimestamp":1700000000000,"pullOffset":95}}}',
  topicStats:
    '{"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"}:{"lastUpdateTimestamp":1700000000000,"maxOffset":10,"minOffset":0}},"topicPutTps":0.0}',
  lockBatch:
    '{"clientId":"cid","consumerGroup":"CG","mqSet":[{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"}],"onlyThisBroker":false}',
  resetOffset: '{"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"}:5}}',
  dataVersion: '{"counter":0,"stateVersion":0,"timestamp":1700000000000}',
  topicList: '{"topicList":["TopicTest"]}',
  kvTable: '{"table":{"brokerVersionDesc":"V5_3_3"}}',
  registerBroker:
    '{"filterServerList":[],"topicConfigSerializeWrapper":{"dataVersion":{"counter":3,"stateVersion":0,"timestamp":1700000000000},"mappingDataVersion":{"counter":0,"stateVersion":0,"timestamp":1700000000000},"topicConfigTable":{"TopicTest":{"attributes":{},"order":false,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG","topicName":"TopicTest","topicSysFlag":0,"writeQueueNums":4}},"topicQueueMappingDetailMap":{},"topicQueueMappingInfoMap":{}}}',
};

const QUEUE_0 = { brokerName: 'broker-a', queueId: 0, topic: 'TopicTest' };

describe('tolerant reader', () => {
  it('rejects what standard JSON.parse rejects only where fastjson differs', () => {
    expect(() => JSON.parse(JAVA.route)).toThrow();
    expect(parseJavaJson(JAVA.route)).toMatchObject({ brokerDatas: [{ brokerAddrs: { 0: '192.168.0.10:10911' } }] });
  });

  it('keeps object keys as their source text', () => {
    expect(parseJavaJson('{{"a":1} :2, -3:4, "x":5}')).toEqual({ '{"a":1}': 2, '-3': 4, x: 5 });
  });

  it('reads bytes, escapes and Java doubles', () => {
    const json = parseJavaJson(Buffer.from('{"s":"a\\u0001\\n\\"\\/é","d":1.0E10,"n":null,"t":true}', 'utf8'));
    expect(json).toEqual({ s: 'a\u0001\n"/é', d: 1e10, n: null, t: true });
  });

  it('keeps __proto__ as plain data', () => {
    const json = parseJavaJson('{1:2,"__proto__":{"x":1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(Object.keys(json)).toEqual(['1', '__proto__']);
  });

  it.each(['', '{', '{"a":}', '{1:2', '[1,]', '{"a":1}x', '"abc', '{"a":"\\u12"}', '['.repeat(1000)])(
    'answers malformed %p with an MQError',
    (text) => {
      expect(() => parseJavaJson(text)).toThrow(MQError);
    },
  );

  it('never crashes on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseJavaJson(text);
        } catch (error) {
          expect(error).toBeInstanceOf(MQError);
        }
      }),
    );
  });

  it('survives a fastjson back-reference', () => {
    expect(ConsumeStats.decode('{"consumeTps":0.0,"offsetTable":{"$ref":"$.x"}}').offsetTable).toEqual([]);
  });
});

describe('Java sample bodies', () => {
  it('decodes route data with bare numeric brokerAddrs keys', () => {
    const route = TopicRouteData.decode(JAVA.route);
    expect(route.brokerDatas[0].brokerAddrs).toEqual({ 0: '192.168.0.10:10911', 1: '192.168.0.11:10911' });
    expect(route.queueDatas[0]).toEqual({ brokerName: 'broker-a', perm: 6, readQueueNums: 4, topicSysFlag: 0, writeQueueNums: 4 });
    expect(route.topicQueueMappingByBroker).toBeUndefined();
  });

  it('writes route data exactly as the Java name server, in both styles (§4.3)', () => {
    const route = TopicRouteData.decode(JAVA.route);
    expect(TopicRouteData.toJson(route)).toBe(JAVA.route);
    const standard = TopicRouteData.toJson(route, 'standard');
    expect(standard).toBe(JAVA.route.replace('{0:"192.168.0.10:10911",1:', '{"0":"192.168.0.10:10911","1":'));
    expect(TopicRouteData.decode(standard)).toEqual(route);
    expect(JSON.parse(standard)).toBeTruthy();
  });

  it('sorts numeric keys numerically and escapes like browser-compatible fastjson in standard style', () => {
    const route = { brokerDatas: [{ brokerAddrs: { 10: 'b/é', 2: 'a' }, brokerName: 'x' }] };
    expect(TopicRouteData.toJson(route, 'standard')).toContain('"brokerAddrs":{"2":"a","10":"b\\/\\u00E9"}');
    expect(TopicRouteData.toJson(route)).toContain('"brokerAddrs":{2:"a",10:"b/é"}');
  });

  it.each([
    ['clusterInfo', ClusterInfo],
    ['heartbeat', HeartbeatData],
    ['consumerConnection', ConsumerConnection],
    ['consumeStats', ConsumeStats],
    ['topicStats', TopicStatsTable],
    ['lockBatch', LockBatchRequestBody],
    ['resetOffset', ResetOffsetBody],
    ['dataVersion', DataVersion],
    ['topicList', TopicList],
    ['kvTable', KVTable],
    ['registerBroker', RegisterBrokerBody],
  ] as const)('re-encodes the Java %s sample byte for byte', (name, codec) => {
    const text = JAVA[name];
    expect(codec.toJson(codec.decode(text) as never)).toBe(text);
  });

  it('decodes ConsumeStats keyed by MessageQueue objects', () => {
    expect(ConsumeStats.decode(JAVA.consumeStats)).toEqual({
      consumeTps: 1.5,
      offsetTable: [[QUEUE_0, { brokerOffset: 100, consumerOffset: 90, lastTimestamp: 1700000000000, pullOffset: 95 }]],
    });
  });

  it('reads MessageQueue keys given as strings holding their JSON (what standard style writes)', () => {
    const standard = ResetOffsetBody.toJson({ offsetTable: [[QUEUE_0, 5]] }, 'standard');
    expect(standard).toBe('{"offsetTable":{"{\\"brokerName\\":\\"broker-a\\",\\"queueId\\":0,\\"topic\\":\\"TopicTest\\"}":5}}');
    expect(ResetOffsetBody.decode(standard)).toEqual({ offsetTable: [[QUEUE_0, 5]] });
  });

  it('decodes the heartbeat with enums and Java defaults for 4.9.x fields', () => {
    const legacy = JAVA.heartbeat.replace('"heartbeatFingerprint":0,', '').replace(',"withoutSub":false', '');
    const heartbeat = HeartbeatData.decode(legacy);
    expect(heartbeat.clientID).toBe('10.0.0.1@12345#123');
    expect(heartbeat.consumerDataSet[0].messageModel).toBe('CLUSTERING');
    expect(heartbeat.consumerDataSet[0].subscriptionDataSet[0].codeSet).toEqual([2598919, 2598920]);
    expect(heartbeat).toMatchObject({ heartbeatFingerprint: 0, withoutSub: false });
  });

  it('is as lenient as fastjson: quoted longs, enum ordinals, unknown properties', () => {
    const heartbeat = HeartbeatData.decode(
      '{"clientID":"c","extra":[1],"consumerDataSet":[{"messageModel":1,"consumeType":"NOPE","subscriptionDataSet":[{"subVersion":"9007199254740993"}]}]}',
    );
    expect(heartbeat.consumerDataSet[0].messageModel).toBe('CLUSTERING');
    expect(heartbeat.consumerDataSet[0].consumeType).toBeUndefined();
    expect(heartbeat.consumerDataSet[0].subscriptionDataSet[0].subVersion).toBe(9007199254740992);
  });

  it('names the path of a value of the wrong type', () => {
    expect(() => TopicRouteData.decode('{"queueDatas":[{"perm":"rw"}]}')).toThrow(/\.queueDatas\[0\]\.perm expected int/);
    expect(() => TopicRouteData.decode('{"brokerDatas":[{"brokerAddrs":{"x":"a"}}]}')).toThrow(/brokerAddrs\["x"\]/);
    expect(() => TopicRouteData.decode('[]')).toThrow(MQError);
  });
});

describe('writer output parsed by the reader', () => {
  const queue = fc.record({ brokerName: fc.string(), queueId: fc.integer({ min: 0, max: 1023 }), topic: fc.string() });
  const queues = fc.uniqueArray(queue, { selector: (q) => `${q.topic}\u0000${q.brokerName}\u0000${q.queueId}` });
  const long = fc.maxSafeInteger();

  it('round-trips ConsumeStats in both styles', () => {
    const stats = fc.record({
      consumeTps: fc.double({ noNaN: true, noDefaultInfinity: true }),
      offsetTable: queues.chain((mqs) =>
        fc.tuple(
          ...mqs.map((mq) =>
            fc.record({ brokerOffset: long, consumerOffset: long, lastTimestamp: long, pullOffset: long }).map((w) => [mq, w] as [typeof mq, typeof w]),
          ),
        ),
      ),
    });
    fc.assert(
      fc.property(stats, fc.constantFrom<JsonStyle>('java', 'standard'), (value, style) => {
        const decoded = ConsumeStats.decode(ConsumeStats.encode(value, style));
        const expected = style === 'standard' ? [...value.offsetTable].sort((a, b) => sortKey(a[0]).localeCompare(sortKey(b[0]))) : value.offsetTable;
        expect(decoded.consumeTps).toBe(Object.is(value.consumeTps, -0) ? -0 : value.consumeTps);
        expect(new Set(decoded.offsetTable.map(([mq]) => sortKey(mq)))).toEqual(new Set(expected.map(([mq]) => sortKey(mq))));
        expect(decoded.offsetTable.length).toBe(value.offsetTable.length);
      }),
      { numRuns: 60 },
    );
  });

  it('round-trips route data with numeric keys and any strings', () => {
    const brokerData = fc.record({
      brokerAddrs: fc.dictionary(fc.integer({ min: -5, max: 1_000_000 }).map(String), fc.string()),
      brokerName: fc.string(),
      cluster: fc.string(),
      enableActingMaster: fc.boolean(),
    });
    const route = fc.record({
      orderTopicConf: fc.option(fc.string(), { nil: undefined }),
      brokerDatas: fc.array(brokerData, { maxLength: 4 }),
      queueDatas: fc.array(
        fc.record({ brokerName: fc.string(), perm: fc.integer(), readQueueNums: fc.integer(), topicSysFlag: fc.integer(), writeQueueNums: fc.integer() }),
        { maxLength: 4 },
      ),
      filterServerTable: fc.dictionary(fc.string(), fc.array(fc.string(), { maxLength: 3 })),
    });
    fc.assert(
      fc.property(route, fc.constantFrom<JsonStyle>('java', 'standard'), (value, style) => {
        const decoded = TopicRouteData.decode(TopicRouteData.encode(value, style));
        expect(decoded).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 80 },
    );
  });

  it('writes nested number-keyed and bean-keyed maps through the generic schema', () => {
    const type = map('string', map(MessageQueue.type, list('long')));
    const value = { g: [[QUEUE_0, [1, 2]]] };
    expect(writeJavaJson(type, value)).toBe('{"g":{{"brokerName":"broker-a","queueId":0,"topic":"TopicTest"}:[1,2]}}');
    const custom = bean('X', { b: prop('int', 7), a: prop('string') });
    expect(writeJavaJson(custom, {})).toBe('{"b":7}');
    expect(() => writeJavaJson(custom, { b: 1.5 })).toThrow(MQError);
  });

  it('escapes strings like fastjson', () => {
    expect(TopicList.toJson({ topicList: ['a"b\\c\u0001\u001f\n\t/\u007fé\u2028'] })).toBe(
      '{"topicList":["a\\"b\\\\c\\u0001\\u001F\\n\\t/\\u007Fé\\u2028"]}',
    );
  });
});

describe('MessageQueue order', () => {
  it('sorts by topic, broker name, then queue id', () => {
    const queues = [
      { topic: 'B', brokerName: 'a', queueId: 0 },
      { topic: 'A', brokerName: 'b', queueId: 0 },
      { topic: 'A', brokerName: 'a', queueId: 2 },
      { topic: 'A', brokerName: 'a', queueId: 1 },
    ];
    expect([...queues].sort(compareMessageQueues).map((q) => `${q.topic}${q.brokerName}${q.queueId}`)).toEqual([
      'Aa1',
      'Aa2',
      'Ab0',
      'Ba0',
    ]);
  });
});

function sortKey(mq: { topic?: string; brokerName?: string; queueId: number }): string {
  return `${mq.topic}\u0000${mq.brokerName}\u0000${mq.queueId}`;
}

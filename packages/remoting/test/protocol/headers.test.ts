import fc from 'fast-check';
import { MQError } from '@mq/common';
import * as protocol from '../../src/protocol';
import {
  decodeSendMessageRequestHeader,
  GetMaxOffsetRequestHeader,
  HeaderCodec,
  HeaderField,
  HeaderFields,
  PullMessageRequestHeader,
  PullMessageResponseHeader,
  QueryMessageRequestHeader,
  RegisterBrokerRequestHeader,
  RequestCode,
  ResponseCode,
  ResetOffsetRequestHeader,
  SEND_MESSAGE_V2_KEYS,
  sendMessageExtFieldsFromV2,
  sendMessageExtFieldsToV2,
  SendMessageRequestHeader,
  SendMessageRequestHeaderV2,
  SendMessageResponseHeader,
  UnregisterClientRequestHeader,
} from '../../src/protocol';

const codecs = Object.entries(protocol as Record<string, unknown>).filter(
  (entry): entry is [string, HeaderCodec<HeaderFields>] =>
    typeof entry[1] === 'object' && entry[1] !== null && 'fields' in entry[1] && 'decode' in entry[1],
);

function arbitraryValue(field: HeaderField): fc.Arbitrary<unknown> {
  switch (field.type) {
    case 'string':
      return fc.string();
    case 'boolean':
      return fc.boolean();
    case 'int':
      return fc.integer();
    case 'long':
      return fc.oneof(fc.maxSafeInteger(), fc.constant(protocol.JAVA_LONG_MAX), fc.constant(protocol.JAVA_LONG_MIN));
  }
}

function arbitraryHeader(fields: HeaderFields): fc.Arbitrary<Record<string, unknown>> {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    record[name] = arbitraryValue(field);
    if (field.required) requiredKeys.push(name);
  }
  return fc.record(record, { requiredKeys });
}

describe('header codecs', () => {
  it('exports a codec for every command of the catalogue', () => {
    expect(codecs.length).toBeGreaterThanOrEqual(50);
  });

  it.each(codecs)('%s round-trips through extFields', (_name, codec) => {
    fc.assert(
      fc.property(arbitraryHeader(codec.fields), (header) => {
        const ext = codec.encode(header as never);
        for (const value of Object.values(ext)) expect(typeof value).toBe('string');
        const expected = { ...header };
        for (const [name, field] of Object.entries(codec.fields)) {
          if (expected[name] === undefined && field.default !== undefined) expected[name] = field.default;
        }
        expect(codec.decode(ext)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it.each(codecs.filter(([, codec]) => Object.values(codec.fields).some((field) => field.required)))(
    '%s refuses a missing required field with SYSTEM_ERROR naming it',
    (_name, codec) => {
      const [property, field] = Object.entries(codec.fields).find(([, f]) => f.required)!;
      const key = field.key ?? property;
      const error = captureError(() => codec.decode({}));
      expect(error).toBeInstanceOf(MQError);
      expect((error as MQError).code).toBe(ResponseCode.SYSTEM_ERROR);
      expect((error as MQError).remark).toContain(`<${key}>`);
      expect(() => codec.encode({} as never)).toThrow(MQError);
    },
  );

  it('rejects numbers Java cannot parse', () => {
    const ext = { topic: 'T', queueId: '1.5' };
    expect(() => GetMaxOffsetRequestHeader.decode(ext)).toThrow(/<queueId>.*not a valid int/);
    expect(() => GetMaxOffsetRequestHeader.decode({ topic: 'T', queueId: '2147483648' })).toThrow(MQError);
    expect(() => GetMaxOffsetRequestHeader.encode({ topic: 'T', queueId: 0.5 })).toThrow(/must be a Java int/);
  });

  it('treats null values (binary header empty strings) as absent', () => {
    expect(UnregisterClientRequestHeader.decode({ clientID: 'c', producerGroup: null })).toEqual({ clientID: 'c' });
  });

  it('applies Java primitive defaults and always writes primitives', () => {
    expect(GetMaxOffsetRequestHeader.decode({ topic: 'T', queueId: '3' })).toEqual({ topic: 'T', queueId: 3, committed: true });
    expect(ResetOffsetRequestHeader.encode({ topic: 'T', group: 'G', timestamp: -1 })).toEqual({
      topic: 'T',
      group: 'G',
      timestamp: '-1',
      isForce: 'false',
      queueId: '-1',
    });
    const register = RegisterBrokerRequestHeader.encode({
      brokerName: 'broker-a',
      brokerAddr: '10.0.0.1:10911',
      clusterName: 'DefaultCluster',
      haServerAddr: '10.0.0.1:10912',
      brokerId: 0,
      zoneName: 'z1',
    });
    expect(register).toMatchObject({ compressed: 'false', bodyCrc32: '0', brokerId: '0', __ZONE_NAME: 'z1' });
  });

  it('parses booleans like Java (anything but "true" is false)', () => {
    const header = QueryMessageRequestHeader.decode({
      topic: 'T',
      key: 'k',
      maxNum: '32',
      beginTimestamp: '0',
      endTimestamp: '9223372036854775807',
      _UNIQUE_KEY_QUERY: 'TRUE',
    });
    expect(header.uniqueKeyQuery).toBe(true);
    expect(QueryMessageRequestHeader.encode(header).endTimestamp).toBe('9223372036854775807');
  });
});

describe('SEND_MESSAGE_V2 header', () => {
  const javaV2Ext = {
    a: 'ProducerGroupA',
    b: 'TopicTest',
    c: 'TBW102',
    d: '4',
    e: '0',
    f: '0',
    g: '1700000000000',
    h: '0',
    i: 'KEYS\u0001order-1001\u0002UNIQ_KEY\u00017F00000112A418B4AAC2765E12340000\u0002WAIT\u0001true\u0002TAGS\u0001TagA\u0002',
    j: '0',
    k: 'false',
    m: 'false',
    n: 'broker-a',
  };

  it('decodes the 5.x Java client sample (§6.2)', () => {
    expect(decodeSendMessageRequestHeader(RequestCode.SEND_MESSAGE_V2, javaV2Ext)).toEqual({
      producerGroup: 'ProducerGroupA',
      topic: 'TopicTest',
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: 1700000000000,
      flag: 0,
      properties: javaV2Ext.i,
      reconsumeTimes: 0,
      unitMode: false,
      batch: false,
      bname: 'broker-a',
    });
  });

  it('re-encodes the sample byte for byte', () => {
    const header = SendMessageRequestHeaderV2.decode(javaV2Ext);
    expect(SendMessageRequestHeaderV2.encode(header)).toEqual(javaV2Ext);
  });

  it('maps the letters exactly as §6.2', () => {
    expect(SEND_MESSAGE_V2_KEYS).toEqual({
      producerGroup: 'a',
      topic: 'b',
      defaultTopic: 'c',
      defaultTopicQueueNums: 'd',
      queueId: 'e',
      sysFlag: 'f',
      bornTimestamp: 'g',
      flag: 'h',
      properties: 'i',
      reconsumeTimes: 'j',
      unitMode: 'k',
      maxReconsumeTimes: 'l',
      batch: 'm',
      bname: 'n',
    });
  });

  it('converts V1 ext to V2 and back, keeping other keys', () => {
    fc.assert(
      fc.property(arbitraryHeader(SendMessageRequestHeader.fields), (header) => {
        const v1 = SendMessageRequestHeader.encode(header as never);
        const v2 = sendMessageExtFieldsToV2(v1);
        expect(v2).toEqual(SendMessageRequestHeaderV2.encode(header as never));
        expect(sendMessageExtFieldsFromV2(v2)).toEqual(v1);
      }),
      { numRuns: 50 },
    );
  });

  it('picks the wire form from the request code', () => {
    const v1 = sendMessageExtFieldsFromV2(javaV2Ext);
    expect(decodeSendMessageRequestHeader(RequestCode.SEND_MESSAGE, v1)).toEqual(
      decodeSendMessageRequestHeader(RequestCode.SEND_BATCH_MESSAGE, javaV2Ext),
    );
    expect(() => decodeSendMessageRequestHeader(RequestCode.SEND_MESSAGE, javaV2Ext)).toThrow(/<producerGroup>/);
  });
});

describe('Java samples', () => {
  it('decodes the 5.x send response (§6.4)', () => {
    const ext = {
      queueId: '0',
      transactionId: '7F00000112A418B4AAC2765E12340000',
      msgId: 'C0A8000A00002A9F0000000000000000',
      TRACE_ON: 'true',
      MSG_REGION: 'DefaultRegion',
      queueOffset: '0',
    };
    const header = SendMessageResponseHeader.decode(ext);
    expect(header).toEqual({
      msgId: 'C0A8000A00002A9F0000000000000000',
      queueId: 0,
      queueOffset: 0,
      transactionId: '7F00000112A418B4AAC2765E12340000',
      msgRegion: 'DefaultRegion',
      traceOn: 'true',
    });
    expect(SendMessageResponseHeader.encode(header)).toEqual(ext);
  });

  it('decodes the 5.x push-consumer pull request and response (§7.1, §7.3)', () => {
    const request = PullMessageRequestHeader.decode({
      queueId: '0',
      maxMsgBytes: '262144',
      maxMsgNums: '32',
      sysFlag: '2',
      suspendTimeoutMillis: '15000',
      commitOffset: '0',
      bname: 'broker-a',
      topic: 'TopicTest',
      queueOffset: '0',
      expressionType: 'TAG',
      subVersion: '1700000000000',
      consumerGroup: 'CG',
    });
    expect(request).toMatchObject({ consumerGroup: 'CG', sysFlag: 2, subVersion: 1700000000000, maxMsgBytes: 262144 });
    const response = PullMessageResponseHeader.decode({
      suggestWhichBrokerId: '0',
      groupSysFlag: '0',
      nextBeginOffset: '1',
      maxOffset: '1',
      minOffset: '0',
      topicSysFlag: '0',
    });
    expect(response).toEqual({
      suggestWhichBrokerId: 0,
      nextBeginOffset: 1,
      minOffset: 0,
      maxOffset: 1,
      topicSysFlag: 0,
      groupSysFlag: 0,
    });
  });
});

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

import { inflateSync } from 'node:zlib';
import { MQError } from '@mq/common';
import {
  decodeCompressedRegisterBrokerBody,
  encodeCompressedRegisterBrokerBody,
  RegisterBrokerBody,
  registerBrokerBodyCrc32,
} from '../../src/protocol';

const body = {
  filterServerList: ['10.0.0.9:1234'],
  topicConfigSerializeWrapper: {
    dataVersion: { counter: 3, stateVersion: 0, timestamp: 1700000000000 },
    topicConfigTable: {
      TopicTest: { topicName: 'TopicTest', readQueueNums: 4, writeQueueNums: 4, perm: 6, attributes: { '+queue.type': 'Normal' } },
      TBW102: { topicName: 'TBW102', readQueueNums: 8, writeQueueNums: 8, perm: 7, topicFilterType: 'MULTI_TAG' as const },
    },
    topicQueueMappingInfoMap: {
      TopicTest: { bname: 'broker-a', currIdMap: { 0: 0 }, epoch: 1, scope: 'S', topic: 'TopicTest', totalQueues: 4 },
    },
  },
};

describe('compressed REGISTER_BROKER body (§9.1)', () => {
  it('is a best-compression zlib stream of length-prefixed items', () => {
    const compressed = encodeCompressedRegisterBrokerBody(body, 479);
    expect([...compressed.subarray(0, 2)]).toEqual([0x78, 0xda]);
    const plain = inflateSync(compressed);
    const versionLength = plain.readInt32BE(0);
    expect(plain.subarray(4, 4 + versionLength).toString()).toBe('{"counter":3,"stateVersion":0,"timestamp":1700000000000}');
    expect(plain.readInt32BE(4 + versionLength)).toBe(2);
    const firstTopicLength = plain.readInt32BE(8 + versionLength);
    expect(plain.subarray(12 + versionLength, 12 + versionLength + firstTopicLength).toString()).toBe(
      'TopicTest 4 4 6 SINGLE_TAG {"+queue.type":"Normal"}',
    );
  });

  it('round-trips what the text form carries', () => {
    const decoded = decodeCompressedRegisterBrokerBody(encodeCompressedRegisterBrokerBody(body, 479));
    expect(decoded.filterServerList).toEqual(['10.0.0.9:1234']);
    const wrapper = decoded.topicConfigSerializeWrapper!;
    expect(wrapper.dataVersion).toEqual(body.topicConfigSerializeWrapper.dataVersion);
    expect(wrapper.topicConfigTable.TBW102).toEqual({
      attributes: {},
      order: false,
      perm: 7,
      readQueueNums: 8,
      topicFilterType: 'MULTI_TAG',
      topicName: 'TBW102',
      topicSysFlag: 0,
      writeQueueNums: 8,
    });
    expect(wrapper.topicConfigTable.TopicTest.attributes).toEqual({ '+queue.type': 'Normal' });
    expect(wrapper.topicQueueMappingInfoMap?.TopicTest.currIdMap).toEqual({ 0: 0 });
  });

  it('leaves the mapping section out for brokers older than 413', () => {
    const decoded = decodeCompressedRegisterBrokerBody(encodeCompressedRegisterBrokerBody(body, 409));
    expect(decoded.topicConfigSerializeWrapper?.topicQueueMappingInfoMap).toEqual({});
  });

  it('refuses corrupt input with an MQError', () => {
    expect(() => decodeCompressedRegisterBrokerBody(Buffer.from('not zlib'))).toThrow(MQError);
    const truncated = encodeCompressedRegisterBrokerBody(body, 479);
    const plain = inflateSync(truncated).subarray(0, 30);
    const { deflateSync } = jest.requireActual<typeof import('node:zlib')>('node:zlib');
    expect(() => decodeCompressedRegisterBrokerBody(deflateSync(plain))).toThrow(/corrupt/);
  });

  it('computes bodyCrc32 as CRC-32 masked to 31 bits', () => {
    const json = RegisterBrokerBody.encode(body);
    expect(registerBrokerBodyCrc32(Buffer.from('123456789'))).toBe(0xcbf43926 & 0x7fffffff);
    expect(registerBrokerBodyCrc32(json)).toBeGreaterThanOrEqual(0);
  });
});

import { Message, MessageQueue, MessageSysFlag, decodeBatchBody } from '@mq/common';
import { SendMessageRequestHeaderV2 } from '@mq/remoting';
import type { TopicRouteData } from '@mq/remoting';
import { LatencyFaultTolerance, TopicPublishInfo, batchEntrySize, notAvailableDuration, selectMessageQueueByHash, splitBatch, validateMessage } from '../../src';
import { resolveProducerSettings } from '../../src/producer/producer-options';
import { batchPayload, buildSendRequest, singlePayload } from '../../src/producer/send-request';

function route(brokers: Array<[string, number, number?]>, extra: Partial<TopicRouteData> = {}): TopicRouteData {
  return {
    queueDatas: brokers.map(([brokerName, writeQueueNums, perm = 6]) => ({ brokerName, perm, readQueueNums: writeQueueNums, writeQueueNums, topicSysFlag: 0 })),
    brokerDatas: brokers.map(([brokerName]) => ({ brokerName, cluster: 'C', brokerAddrs: { 0: `${brokerName}:10911` }, enableActingMaster: false })),
    filterServerTable: {},
    ...extra,
  } as TopicRouteData;
}

describe('TopicPublishInfo', () => {
  it('lists writeable queues sorted by broker name, or as orderTopicConf says', () => {
    const info = new TopicPublishInfo('T', route([['b', 2], ['a', 1], ['c', 3, 4]]));
    expect(info.queues.map((mq) => `${mq.brokerName}:${mq.queueId}`)).toEqual(['a:0', 'b:0', 'b:1']);
    const ordered = new TopicPublishInfo('T', route([['a', 1]], { orderTopicConf: 'x:2;y:1' }));
    expect(ordered.queues.map((mq) => `${mq.brokerName}:${mq.queueId}`)).toEqual(['x:0', 'x:1', 'y:0']);
  });

  it('rotates from a random start and avoids the last broker on a retry', () => {
    const info = new TopicPublishInfo('T', route([['a', 2], ['b', 2]]), () => 0);
    expect([1, 2, 3, 4].map(() => info.selectOneQueue().key)).toEqual(['T@a@1', 'T@b@0', 'T@b@1', 'T@a@0']);
    expect(info.selectOneQueue('a').brokerName).toBe('b');
    expect(info.selectOneQueue('b').brokerName).toBe('a');
  });

  it('with fault tolerance skips brokers that are not available', () => {
    let now = 1000;
    const faults = new LatencyFaultTolerance(() => now);
    faults.updateFaultItem('a', 0, true);
    const info = new TopicPublishInfo('T', route([['a', 2], ['b', 2]]), () => 0);
    for (let i = 0; i < 4; i++) expect(info.selectWithFaultTolerance(faults).brokerName).toBe('b');
    now += 10_000;
    expect(faults.isAvailable('a')).toBe(true);
  });
});

describe('latency fault tolerance table (5.x)', () => {
  it.each([
    [0, 0], [99, 0], [550, 2000], [1799, 2000], [1800, 5000], [3000, 6000], [5000, 10000], [15000, 30000], [10000, 10000],
  ])('latency %i ms → unavailable for %i ms', (latency, duration) => {
    expect(notAvailableDuration(latency)).toBe(duration);
  });
});

describe('selectMessageQueueByHash', () => {
  it('uses abs(Java hashCode % size)', () => {
    const queues = [0, 1, 2, 3].map((id) => new MessageQueue('T', 'b', id));
    expect(selectMessageQueueByHash(queues, new Message('T'), 'abc').queueId).toBe(2);
    expect(selectMessageQueueByHash(queues, new Message('T'), -7).queueId).toBe(3);
  });
});

describe('splitBatch', () => {
  it('keeps order and puts as many messages in a batch as fit', () => {
    const messages = Array.from({ length: 7 }, (_, i) => new Message('T', Buffer.alloc(100, i)));
    const size = batchEntrySize(messages[0]!);
    const batches = splitBatch(messages, size * 3);
    expect(batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(batches.flat()).toEqual(messages);
    const encoded = batchPayload('T', batches[0]!).body;
    expect(encoded.length).toBe(size * 3);
    expect(decodeBatchBody(encoded, 'T').map((message) => message.body[0])).toEqual([0, 1, 2]);
  });

  it('refuses a message that alone exceeds the limit', () => {
    expect(() => splitBatch([new Message('T', Buffer.alloc(100))], 50)).toThrow('more than the maximum 50');
  });
});

describe('send request', () => {
  const settings = resolveProducerSettings({ group: 'PG' });

  it('compresses bodies of at least 4096 bytes with the ZLIB flags (0x301)', () => {
    expect(singlePayload(new Message('T', Buffer.alloc(4095)), settings).sysFlag).toBe(0);
    const payload = singlePayload(new Message('T', Buffer.alloc(4096)), settings);
    expect(payload.sysFlag).toBe(MessageSysFlag.COMPRESSED_FLAG | MessageSysFlag.COMPRESSION_ZLIB_TYPE);
    expect(payload.body.length).toBeLessThan(4096);
  });

  it('moves RECONSUME_TIME and MAX_RECONSUME_TIMES into the header for retry topics', () => {
    const message = new Message('%RETRY%G', Buffer.from('x'), { properties: { RECONSUME_TIME: '3', MAX_RECONSUME_TIMES: '5' } });
    const request = buildSendRequest(singlePayload(message, settings), new MessageQueue('%RETRY%G', 'b', 0), settings);
    const header = SendMessageRequestHeaderV2.decode(request.extFields);
    expect(header).toMatchObject({ reconsumeTimes: 3, maxReconsumeTimes: 5, producerGroup: 'PG', defaultTopic: 'TBW102', defaultTopicQueueNums: 4 });
    expect(header.properties).not.toContain('RECONSUME_TIME');
    expect(message.getProperty('RECONSUME_TIME')).toBe('3');
  });
});

describe('validateMessage', () => {
  it('checks topic, body and properties before sending', () => {
    expect(() => validateMessage(new Message('', Buffer.from('x')), 10)).toThrow('blank');
    expect(() => validateMessage(new Message('T', Buffer.alloc(11)), 10)).toThrow('MAX: 10');
    const huge = new Message('T', Buffer.from('x'));
    huge.putUserProperty('p', 'v'.repeat(40_000));
    expect(() => validateMessage(huge, 10)).toThrow('properties');
    expect(() => validateMessage(new Message('T', Buffer.from('x')), 10)).not.toThrow();
  });
});

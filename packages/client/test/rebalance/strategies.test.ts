import fc from 'fast-check';
import { MessageQueue } from '@mq/common';
import {
  AllocateMachineRoomNearby,
  AllocateMessageQueueAveragely,
  AllocateMessageQueueAveragelyByCircle,
  AllocateMessageQueueByConfig,
  AllocateMessageQueueByMachineRoom,
  AllocateMessageQueueConsistentHash,
  md5RingHash,
  type AllocateMessageQueueStrategy,
} from '../../src/rebalance';

/** Queues `0..count-1` of each broker, in Java's sorted order when brokers are sorted. */
function queues(brokers: string[], count: number, topic = 'TopicTest'): MessageQueue[] {
  return brokers.flatMap((broker) => Array.from({ length: count }, (_, id) => new MessageQueue(topic, broker, id)));
}

const short = (mqs: MessageQueue[]) => mqs.map((mq) => `${mq.brokerName}:${mq.queueId}`);

/** Every consumer's share, by cid. */
function split(strategy: AllocateMessageQueueStrategy, mqAll: MessageQueue[], cidAll: string[]): Record<string, string[]> {
  return Object.fromEntries(cidAll.map((cid) => [cid, short(strategy.allocate('G', cid, mqAll, cidAll))]));
}

// Expected tables were worked out by hand from the Java sources (rocketmq 5.3 client,
// consumer/rebalance/*) on the same inputs.
describe('AllocateMessageQueueAveragely', () => {
  const strategy = new AllocateMessageQueueAveragely();

  it('gives the first n % c consumers one extra queue, contiguously (8 queues, 3 consumers)', () => {
    expect(split(strategy, queues(['broker-a', 'broker-b'], 4), ['c0', 'c1', 'c2'])).toEqual({
      c0: ['broker-a:0', 'broker-a:1', 'broker-a:2'],
      c1: ['broker-a:3', 'broker-b:0', 'broker-b:1'],
      c2: ['broker-b:2', 'broker-b:3'],
    });
  });

  it('splits 5 queues among 3 consumers as 2, 2, 1', () => {
    expect(split(strategy, queues(['b'], 5), ['c0', 'c1', 'c2'])).toEqual({ c0: ['b:0', 'b:1'], c1: ['b:2', 'b:3'], c2: ['b:4'] });
  });

  it('leaves consumers beyond the queue count empty', () => {
    expect(split(strategy, queues(['b'], 2), ['c0', 'c1', 'c2'])).toEqual({ c0: ['b:0'], c1: ['b:1'], c2: [] });
  });

  it('allocates nothing to a cid outside the group and throws on empty inputs', () => {
    expect(strategy.allocate('G', 'stranger', queues(['b'], 4), ['c0'])).toEqual([]);
    expect(() => strategy.allocate('G', 'c0', [], ['c0'])).toThrow('mqAll is null or mqAll empty');
    expect(() => strategy.allocate('G', 'c0', queues(['b'], 1), [])).toThrow('cidAll is null or cidAll empty');
    expect(() => strategy.allocate('G', '', queues(['b'], 1), ['c0'])).toThrow('currentCID is empty');
  });
});

describe('AllocateMessageQueueAveragelyByCircle', () => {
  it('deals queues round-robin (8 queues, 3 consumers)', () => {
    expect(split(new AllocateMessageQueueAveragelyByCircle(), queues(['b'], 8), ['c0', 'c1', 'c2'])).toEqual({
      c0: ['b:0', 'b:3', 'b:6'],
      c1: ['b:1', 'b:4', 'b:7'],
      c2: ['b:2', 'b:5'],
    });
  });
});

describe('AllocateMessageQueueByConfig', () => {
  it('returns the configured queues whatever the inputs', () => {
    const fixed = [new MessageQueue('T', 'b', 3)];
    expect(new AllocateMessageQueueByConfig(fixed).allocate()).toEqual(fixed);
  });
});

describe('AllocateMessageQueueByMachineRoom', () => {
  it('splits only the queues of <idc>@<broker> brokers in the consumer idcs', () => {
    const mqAll = [...queues(['b3'], 2), ...queues(['hz@b1'], 4), ...queues(['sh@b2'], 4), ...queues(['x@y@z'], 1)];
    expect(split(new AllocateMessageQueueByMachineRoom(['hz', 'sh']), mqAll, ['c0', 'c1', 'c2'])).toEqual({
      c0: ['hz@b1:0', 'hz@b1:1', 'sh@b2:2'],
      c1: ['hz@b1:2', 'hz@b1:3', 'sh@b2:3'],
      c2: ['sh@b2:0', 'sh@b2:1'],
    });
  });

  it('drops trailing empty parts when splitting broker names, like Java', () => {
    const mqAll = queues(['hz@b1@'], 2);
    expect(short(new AllocateMessageQueueByMachineRoom(['hz']).allocate('G', 'c0', mqAll, ['c0']))).toEqual(['hz@b1@:0', 'hz@b1@:1']);
  });
});

describe('AllocateMessageQueueConsistentHash', () => {
  const cids3 = ['192.168.0.1@1', '192.168.0.2@1', '192.168.0.3@1'];
  const mqAll = queues(['broker-a', 'broker-b'], 4);

  it('hashes like Java: first 4 MD5 bytes, big-endian, unsigned', () => {
    expect(md5RingHash('MessageQueue [topic=TopicTest, brokerName=broker-a, queueId=0]')).toBe(1987926524);
    expect(md5RingHash('c1-0')).toBe(3886541579);
  });

  it('routes queues to the first virtual node at or after their hash (10 virtual nodes)', () => {
    expect(split(new AllocateMessageQueueConsistentHash(), mqAll, cids3)).toEqual({
      '192.168.0.1@1': ['broker-a:2'],
      '192.168.0.2@1': ['broker-a:1', 'broker-b:0', 'broker-b:1', 'broker-b:3'],
      '192.168.0.3@1': ['broker-a:0', 'broker-a:3', 'broker-b:2'],
    });
  });

  it('moves only a few queues when a consumer joins', () => {
    expect(split(new AllocateMessageQueueConsistentHash(), mqAll, [...cids3, '192.168.0.4@1'])).toEqual({
      '192.168.0.1@1': ['broker-a:2'],
      '192.168.0.2@1': ['broker-a:1', 'broker-b:0', 'broker-b:1', 'broker-b:3'],
      '192.168.0.3@1': ['broker-a:0'],
      '192.168.0.4@1': ['broker-a:3', 'broker-b:2'],
    });
  });

  it('honours a custom virtual node count', () => {
    expect(split(new AllocateMessageQueueConsistentHash(3), mqAll, ['c1', 'c2'])).toEqual({
      c1: ['broker-a:0', 'broker-a:3', 'broker-b:0', 'broker-b:2'],
      c2: ['broker-a:1', 'broker-a:2', 'broker-b:1', 'broker-b:3'],
    });
  });

  it('refuses a negative virtual node count', () => {
    expect(() => new AllocateMessageQueueConsistentHash(-1)).toThrow('illegal virtualNodeCnt');
  });
});

describe('AllocateMachineRoomNearby', () => {
  const roomOf = (name: string) => name.split('-')[0]!;
  const strategy = new AllocateMachineRoomNearby(new AllocateMessageQueueAveragely(), {
    brokerDeployIn: (mq) => roomOf(mq.brokerName),
    consumerDeployIn: roomOf,
  });

  it('keeps consumers in their room and shares rooms without consumers', () => {
    const mqAll = [...queues(['bj-b3'], 2), ...queues(['hz-b1'], 4), ...queues(['sh-b2'], 4)];
    expect(split(strategy, mqAll, ['hz-c1', 'hz-c2', 'sh-c1'])).toEqual({
      'hz-c1': ['hz-b1:0', 'hz-b1:1', 'bj-b3:0'],
      'hz-c2': ['hz-b1:2', 'hz-b1:3', 'bj-b3:1'],
      'sh-c1': ['sh-b2:0', 'sh-b2:1', 'sh-b2:2', 'sh-b2:3'],
    });
    expect(strategy.name).toBe('MACHINE_ROOM_NEARBY-AVG');
  });
});

describe('partitioning strategies', () => {
  const strategies = [new AllocateMessageQueueAveragely(), new AllocateMessageQueueAveragelyByCircle(), new AllocateMessageQueueConsistentHash()];

  it.each(strategies.map((s) => [s.name, s] as const))('%s assigns every queue to exactly one consumer', (_name, strategy) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), (queueCount, consumerCount) => {
        const mqAll = queues(['b'], queueCount);
        const cidAll = Array.from({ length: consumerCount }, (_, i) => `cid-${String(i).padStart(2, '0')}`);
        const taken = cidAll.flatMap((cid) => strategy.allocate('G', cid, mqAll, cidAll).map((mq) => mq.key));
        expect(taken.sort()).toEqual(mqAll.map((mq) => mq.key).sort());
      }),
      { numRuns: 60 },
    );
  });
});

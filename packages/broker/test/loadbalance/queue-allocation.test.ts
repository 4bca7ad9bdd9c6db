import fc from 'fast-check';
import { MQError, MessageQueue } from '@mq/common';
import { allocatePop, allocatePull, allocateStrategy } from '../../src/loadbalance/queue-allocation';

const AVG = allocateStrategy('AVG')!;
const queues = (count: number, brokerName = 'broker-a') => Array.from({ length: count }, (_, id) => new MessageQueue('T', brokerName, id));
const ids = (allocated: MessageQueue[]) => allocated.map((mq) => mq.queueId);

describe('allocateStrategy', () => {
  it("serves Java's two built-in strategy names only", () => {
    expect(allocateStrategy('AVG')).toBeDefined();
    expect(allocateStrategy('AVG_BY_CIRCLE')).toBeDefined();
    expect(allocateStrategy('CONSISTENT_HASH')).toBeUndefined();
    expect(allocateStrategy(undefined)).toBeUndefined();
  });
});

describe('allocatePull', () => {
  it('gives a member its share and a stranger nothing', () => {
    expect(ids(allocatePull(AVG, 'b', queues(4), ['a', 'b']))).toEqual([2, 3]);
    expect(allocatePull(AVG, 'x', queues(4), ['a', 'b'])).toEqual([]);
  });

  it("refuses what Java's strategies refuse", () => {
    expect(() => allocatePull(AVG, '', queues(4), ['a'])).toThrow(MQError);
    expect(() => allocatePull(AVG, 'a', [], ['a'])).toThrow(MQError);
    expect(() => allocatePull(AVG, 'a', queues(4), [])).toThrow(MQError);
  });
});

describe('allocatePop', () => {
  it('lets every client pop every queue (queueId -1) when sharing is off or covers the whole group', () => {
    const all = [...queues(2, 'broker-a'), ...queues(2, 'broker-b')];
    for (const share of [-1, 0, 2, 5]) {
      const allocated = allocatePop(AVG, 'a', all, ['a', 'b', 'c'], share);
      expect(allocated.map((mq) => mq.key)).toEqual(['T@broker-a@-1', 'T@broker-a@-1', 'T@broker-b@-1', 'T@broker-b@-1']);
    }
  });

  it("adds the shares of the next popShareQueueNum clients, wrapping around the group", () => {
    const cids = ['a', 'b', 'c'];
    expect(ids(allocatePop(AVG, 'a', queues(4), cids, 1))).toEqual([0, 1, 2]);
    expect(ids(allocatePop(AVG, 'b', queues(4), cids, 1))).toEqual([2, 3]);
    expect(ids(allocatePop(AVG, 'c', queues(4), cids, 1))).toEqual([3, 0, 1]);
    expect(allocatePop(AVG, 'x', queues(4), cids, 1)).toEqual([]);
  });

  it('gives one queue each, round-robin, when clients outnumber queues', () => {
    const cids = ['a', 'b', 'c', 'd'];
    expect(cids.map((cid) => ids(allocatePop(AVG, cid, queues(2), cids, 1)))).toEqual([[0], [1], [0], [1]]);
    expect(allocatePop(AVG, 'x', queues(2), cids, 1)).toEqual([]);
  });

  it('covers every queue among the group whatever the sharing', () => {
    const input = fc.record({ queueCount: fc.integer({ min: 1, max: 16 }), clientCount: fc.integer({ min: 1, max: 8 }), share: fc.integer({ min: 1, max: 8 }) });
    fc.assert(
      fc.property(input, ({ queueCount, clientCount, share }) => {
        const cids = Array.from({ length: clientCount }, (_, index) => `c${index}`);
        const covered = new Set(cids.flatMap((cid) => allocatePop(AVG, cid, queues(queueCount), cids, share).map((mq) => mq.queueId)));
        expect(covered.has(-1) || covered.size === queueCount).toBe(true);
      }),
    );
  });
});

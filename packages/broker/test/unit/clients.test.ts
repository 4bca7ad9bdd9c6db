import { ConsumerManager } from '../../src/client/consumer-manager';
import { ProducerManager } from '../../src/client/producer-manager';
import { RebalanceLockManager } from '../../src/client/rebalance-lock-manager';
import { PullRequestHoldService, type HeldPullRequest } from '../../src/longpolling/pull-request-hold-service';

const mode = { consumeType: 'CONSUME_PASSIVELY', messageModel: 'CLUSTERING', consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET' };
const info = (channel: string, clientId: string, at = 0) => ({
  channel,
  clientId,
  language: 'JAVA',
  version: 479,
  remoteAddr: `${channel}:1`,
  lastUpdateTimestamp: at,
});

describe('ConsumerManager', () => {
  it('notifies the group on join, subscription change, leave and close', () => {
    const events: [string, string[]][] = [];
    const manager = new ConsumerManager<string, { topic: string; subVersion: number }>((g, chs) => events.push([g, chs]));
    const subs = [{ topic: 'T', subVersion: 1 }];
    const reg = (channel: string, id: string, s = subs) =>
      manager.registerConsumer({ group: 'G', info: info(channel, id), mode, subscriptions: s, notifyEnabled: true });
    expect(reg('a', 'c1')).toBe(true);
    expect(reg('a', 'c1')).toBe(false);
    expect(reg('b', 'c2')).toBe(true);
    expect(reg('b', 'c2', [...subs, { topic: 'U', subVersion: 1 }])).toBe(true);
    expect(manager.findGroup('G')!.clientIds()).toEqual(['c1', 'c2']);
    manager.unregisterConsumer('G', 'a', true);
    expect(manager.onChannelClosed('b')).toBe(true);
    expect(manager.findGroup('G')).toBeUndefined();
    expect(events).toEqual([
      ['G', ['a']],
      ['G', ['a', 'b']],
      ['G', ['a', 'b']],
      ['G', ['b']],
      ['G', []],
    ]);
  });

  it('does not notify broadcasting groups and expires silent members', () => {
    const events: string[] = [];
    const manager = new ConsumerManager<string, { topic: string; subVersion: number }>((g) => events.push(g));
    manager.registerConsumer({
      group: 'B',
      info: info('a', 'c1', 1000),
      mode: { ...mode, messageModel: 'BROADCASTING' },
      subscriptions: [],
      notifyEnabled: true,
    });
    expect(events).toEqual([]);
    expect(manager.scanNotActiveChannels(1000 + 120_000, 120_000)).toBe(0);
    expect(manager.scanNotActiveChannels(1001 + 120_000, 120_000)).toBe(1);
    expect(manager.findGroup('B')).toBeUndefined();
  });
});

describe('ProducerManager', () => {
  it('tracks, expires and drops producer channels', () => {
    const manager = new ProducerManager<string>();
    manager.registerProducer('P', info('a', 'p1', 0));
    manager.registerProducer('P', info('b', 'p2', 50));
    expect(manager.channelsOf('P').map((c) => c.clientId)).toEqual(['p1', 'p2']);
    expect(manager.scanNotActiveChannels(100, 60)).toBe(1);
    manager.onChannelClosed('b');
    expect(manager.anyChannelOf('P')).toBeUndefined();
  });
});

describe('RebalanceLockManager', () => {
  it('locks per client, renews, refuses others until expiry, unlocks only for the holder', () => {
    let now = 0;
    const manager = new RebalanceLockManager(60_000, () => now);
    const q0 = { topic: 'T', brokerName: 'b', queueId: 0 };
    const q1 = { topic: 'T', brokerName: 'b', queueId: 1 };
    expect(manager.tryLockBatch('G', [q0, q1], 'c1')).toEqual([q0, q1]);
    expect(manager.tryLockBatch('G', [q0, q1], 'c2')).toEqual([]);
    manager.unlockBatch('G', [q1], 'c2');
    expect(manager.tryLockBatch('G', [q1], 'c2')).toEqual([]);
    manager.unlockBatch('G', [q1], 'c1');
    expect(manager.tryLockBatch('G', [q1], 'c2')).toEqual([q1]);
    now = 60_001;
    expect(manager.isLockAllExpired('G')).toBe(true);
    expect(manager.tryLockBatch('G', [q0], 'c2')).toEqual([q0]);
  });
});

describe('PullRequestHoldService', () => {
  function held(queueOffset: number, resumed: number[], tag?: number, hold = 15_000): HeldPullRequest {
    return {
      topic: 'T',
      queueId: 0,
      queueOffset,
      suspendTimestamp: 0,
      holdTimeMs: hold,
      matches: (code) => tag === undefined || code === undefined || code === tag,
      resume: () => resumed.push(queueOffset),
    };
  }

  it('resumes on a matching arrival, keeps non-matching ones until their time is over', () => {
    let now = 0;
    let max = 0;
    const service = new PullRequestHoldService({ checkIntervalMs: 5000, maxOffset: () => max, now: () => now });
    const resumed: number[] = [];
    service.suspend(held(0, resumed, 7));
    service.suspend(held(5, resumed));
    max = 1;
    service.notifyMessageArriving('T', 0, 1, 8);
    expect(resumed).toEqual([]);
    service.notifyMessageArriving('T', 0, 1, 7);
    expect(resumed).toEqual([0]);
    now = 15_000;
    service.notifyMessageArriving('T', 0, 1);
    expect(resumed).toEqual([0, 5]);
    expect(service.size).toBe(0);
  });

  it('answers every held request at shutdown', () => {
    const service = new PullRequestHoldService({ checkIntervalMs: 5000, maxOffset: () => 0 });
    const resumed: number[] = [];
    service.suspend(held(0, resumed));
    service.shutdown();
    expect(resumed).toEqual([0]);
  });
});

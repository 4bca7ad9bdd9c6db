import fc from 'fast-check';
import { GrpcClientRegistry } from '../../src/grpc/client-registry';
import { groupRetryDelayMs } from '../../src/grpc/group-retry-delay';
import { ClientType } from '../../src/grpc/types';

describe('groupRetryDelayMs', () => {
  test('the default CUSTOMIZED policy starts at its third level (10 s) and stays at 2 h', () => {
    expect(groupRetryDelayMs({ type: 'CUSTOMIZED' }, 0)).toBe(10_000);
    expect(groupRetryDelayMs({ type: 'CUSTOMIZED' }, 1)).toBe(30_000);
    expect(groupRetryDelayMs({ type: 'CUSTOMIZED' }, 15)).toBe(7_200_000);
    expect(groupRetryDelayMs({ type: 'CUSTOMIZED' }, 1000)).toBe(7_200_000);
    expect(groupRetryDelayMs(undefined, -3)).toBe(10_000);
  });

  test('a configured next list is indexed at reconsumeTimes + 2; an empty or malformed one falls back to the default', () => {
    const customized = (next: unknown) => ({ type: 'CUSTOMIZED', customizedRetryPolicy: { next } });
    expect(groupRetryDelayMs(customized([100, 200, 300, 400]), 0)).toBe(300);
    expect(groupRetryDelayMs(customized([100, 200, 300, 400]), 9)).toBe(400);
    expect(groupRetryDelayMs(customized([]), 0)).toBe(10_000);
    expect(groupRetryDelayMs(customized(['x']), 0)).toBe(10_000);
  });

  test('EXPONENTIAL: initial × multiplier^reconsumeTimes capped at max, with Java defaults for missing fields', () => {
    expect(groupRetryDelayMs({ type: 'EXPONENTIAL' }, 0)).toBe(5_000);
    expect(groupRetryDelayMs({ type: 'EXPONENTIAL' }, 3)).toBe(40_000);
    expect(groupRetryDelayMs({ type: 'EXPONENTIAL' }, 40)).toBe(7_200_000);
    expect(groupRetryDelayMs({ type: 'EXPONENTIAL', exponentialRetryPolicy: { initial: 700, max: 60_000, multiplier: 3 } }, 2)).toBe(6_300);
  });

  test('exponential delays never exceed max and never shrink as reconsumeTimes grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: -5, max: 100 }), (initial, max, multiplier, times) => {
        const policy = { type: 'EXPONENTIAL', exponentialRetryPolicy: { initial, max, multiplier } };
        const delay = groupRetryDelayMs(policy, times);
        expect(delay).toBeLessThanOrEqual(max);
        expect(groupRetryDelayMs(policy, times + 1)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });
});

describe('GrpcClientRegistry.removeExpired', () => {
  const settings = { client_type: ClientType.PRODUCER };
  const channel = (): void => undefined;

  test('removes exactly the clients silent for longer than the timeout, live stream or not', () => {
    const registry = new GrpcClientRegistry();
    const silent = registry.register('silent', settings, channel);
    const alive = registry.register('alive', settings, channel);
    silent.lastHeartbeat = 1_000;
    alive.lastHeartbeat = 5_000;
    expect(registry.removeExpired(6_000, 1_000).map((c) => c.clientId)).toEqual(['silent']);
    expect(registry.get('silent')).toBeUndefined();
    expect(registry.get('alive')).toBe(alive);
    expect(registry.removeExpired(6_000, 1_000)).toEqual([]);
  });

  test('new Settings count as a heartbeat', () => {
    const registry = new GrpcClientRegistry();
    registry.register('client', settings, channel).lastHeartbeat = 0;
    registry.register('client', settings, channel);
    expect(registry.removeExpired(Date.now(), 60_000)).toEqual([]);
  });
});

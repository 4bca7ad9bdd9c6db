import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SystemTopic } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import { AdvancedHarness, waitFor } from './support';

jest.setTimeout(40_000);

let harness: AdvancedHarness;
afterEach(() => harness.stop());

describe('delay levels', () => {
  it('parks a DELAY message in SCHEDULE_TOPIC_XXXX queue level-1 and delivers it to its real topic once due', async () => {
    harness = await new AdvancedHarness({}, { messageDelayLevel: '1s 2s 3s' }).start();
    const sent = await harness.send('DelayTopic', { DELAY: '2', TAGS: 'TagA', KEYS: 'k1' });
    expect(sent.code).toBe(ResponseCode.SUCCESS);
    const [parked] = await waitFor(async () => {
      const found = await harness.pull(SystemTopic.SCHEDULE, 1);
      return found.length > 0 && found;
    }, 5000, 'the parked record');
    expect(parked?.getProperty('REAL_TOPIC')).toBe('DelayTopic');
    expect(parked?.getProperty('REAL_QID')).toBe('0');
    const [delivered] = await waitFor(async () => {
      const found = await harness.pull('DelayTopic');
      return found.length > 0 && found;
    }, 10_000, 'delivery');
    expect(delivered?.body.toString()).toBe('hello');
    expect(delivered?.tags).toBe('TagA');
    expect(delivered?.getProperty('DELAY')).toBe('2');
    expect(delivered?.getProperty('REAL_TOPIC')).toBe('DelayTopic');
    expect(delivered!.storeTimestamp - parked!.storeTimestamp).toBeGreaterThanOrEqual(2000);
    expect(delivered!.storeTimestamp - delivered!.bornTimestamp).toBeGreaterThanOrEqual(2000);
  });

  it('caps a level above the table at the highest level', async () => {
    harness = await new AdvancedHarness({}, { messageDelayLevel: '1s 2s 3s' }).start();
    expect((await harness.send('CapTopic', { DELAY: '99' })).code).toBe(ResponseCode.SUCCESS);
    const [parked] = await waitFor(async () => {
      const found = await harness.pull(SystemTopic.SCHEDULE, 2);
      return found.length > 0 && found;
    }, 5000, 'the record parked in level 3');
    expect(parked?.getProperty('DELAY')).toBe('3');
    const [delivered] = await waitFor(async () => {
      const found = await harness.pull('CapTopic');
      return found.length > 0 && found;
    }, 10_000, 'delivery');
    expect(delivered!.storeTimestamp - parked!.storeTimestamp).toBeGreaterThanOrEqual(3000);
  });

  it('delivers each pending message exactly once across a restart and persists delayOffset.json', async () => {
    harness = await new AdvancedHarness({}, { messageDelayLevel: '1s 2s 3s' }).start();
    for (let i = 0; i < 3; i++) await harness.send('RestartTopic', { DELAY: '3' }, { body: `m${i}` });
    await harness.restart();
    const delivered = await waitFor(async () => {
      const found = await harness.pull('RestartTopic');
      return found.length >= 3 && found;
    }, 15_000, 'three deliveries');
    const schedule = harness.embedded.broker.scheduleMessageService;
    await waitFor(() => schedule.offsets.get(3) === 3, 5000, 'level 3 fully delivered');
    await harness.restart();
    const file = readFileSync(path.join(harness.dir, 'config', 'delayOffset.json'), 'utf8');
    expect(file).toMatch(/"offsetTable":\{.*3:3/);
    expect(harness.embedded.broker.scheduleMessageService.offsets.get(3)).toBe(3);
    expect(delivered.map((m) => m.body.toString()).sort()).toEqual(['m0', 'm1', 'm2']);
    expect(await harness.pull('RestartTopic')).toHaveLength(3);
  });

  it('with the default table, level 3 arrives no sooner than 10 s after it was stored', async () => {
    harness = await new AdvancedHarness().start();
    await harness.send('DefaultDelayTopic', { DELAY: '3' });
    const [parked] = await waitFor(async () => {
      const found = await harness.pull(SystemTopic.SCHEDULE, 2);
      return found.length > 0 && found;
    }, 5000, 'the parked record');
    const [delivered] = await waitFor(async () => {
      const found = await harness.pull('DefaultDelayTopic');
      return found.length > 0 && found;
    }, 20_000, 'delivery');
    expect(delivered!.storeTimestamp - parked!.storeTimestamp).toBeGreaterThanOrEqual(10_000);
  });
});

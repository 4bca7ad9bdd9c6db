import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TIMER_LOG_UNIT_SIZE, TIMER_UNIT_MAGIC_DEFAULT, TimerLog, type TimerLogUnit } from '../../src/timer/timer-log';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-timer-log-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function unit(i: number): TimerLogUnit {
  return {
    prevPos: i === 0 ? -1 : (i - 1) * TIMER_LOG_UNIT_SIZE,
    magic: TIMER_UNIT_MAGIC_DEFAULT,
    enqueueTimeMs: 1_700_000_000_000 + i,
    delayMs: 1000 + i,
    commitLogOffset: 2 ** 40 + i * 300,
    recordSize: 200 + (i % 50),
    realTopicHash: 7 - i,
  };
}

describe('TimerLog', () => {
  it('reads back units pending, flushed and after a reopen, past the initial buffer size', async () => {
    const count = 3000;
    const log = new TimerLog(dir);
    for (let i = 0; i < count; i++) expect(log.append(unit(i))).toBe(i * TIMER_LOG_UNIT_SIZE);
    expect(await log.read(2999 * TIMER_LOG_UNIT_SIZE)).toEqual(unit(2999));
    expect(await log.flush()).toBe(count * TIMER_LOG_UNIT_SIZE);
    for (const i of [0, 1023, 1024, 2999]) expect(await log.read(i * TIMER_LOG_UNIT_SIZE)).toEqual(unit(i));
    log.close();

    const reopened = new TimerLog(dir);
    expect(reopened.writePosition).toBe(count * TIMER_LOG_UNIT_SIZE);
    expect(await reopened.read(1500 * TIMER_LOG_UNIT_SIZE)).toEqual(unit(1500));
    reopened.close();
  });

  it('keeps units appended while a flush is writing', async () => {
    const log = new TimerLog(dir);
    log.append(unit(0));
    const flushing = log.flush();
    log.append(unit(1));
    expect(await flushing).toBe(TIMER_LOG_UNIT_SIZE);
    expect(log.writePosition).toBe(2 * TIMER_LOG_UNIT_SIZE);
    expect(await log.read(TIMER_LOG_UNIT_SIZE)).toEqual(unit(1));
    expect(await log.flush()).toBe(2 * TIMER_LOG_UNIT_SIZE);
    expect(await log.read(0)).toEqual(unit(0));
    expect(await log.read(TIMER_LOG_UNIT_SIZE)).toEqual(unit(1));
    log.close();
    expect(fs.statSync(path.join(dir, 'timerlog', '00000000000000000000')).size).toBe(2 * TIMER_LOG_UNIT_SIZE);
  });
});

import { decodeStoredRecord, getLogger, SystemGroup, SystemTopic } from '@mq/common';
import { isPutStored, type MessageFilter, type MessageStore } from '@mq/store';
import { DelayOffsetTable } from './delay-offset-table';
import { toDeliveredMessage } from './delivered-message';

const log = getLogger('ScheduleMessageService');

/** First run of each level's task after start (Java: 1000 ms). */
const FIRST_DELIVERY_DELAY_MS = 1000;
/** Pause after a pass, a not-yet-due entry or a failed put (Java: 100 ms). */
const NEXT_PASS_DELAY_MS = 100;
/** Pause after an unexpected error (Java: 10000 ms). */
const ERROR_DELAY_MS = 10_000;
/** Records read per consume-queue scan. */
const SCAN_BATCH = 32;

/** What the schedule service runs on. */
export interface ScheduleMessageServiceOptions {
  store: MessageStore;
  /** Delay of each level in ms (`parseDelayLevels(messageDelayLevel)`); level = index + 1. */
  delayLevels: readonly number[];
  /** `flushDelayOffsetInterval`: period of `delayOffset.json` persistence. */
  flushIntervalMs: number;
}

/**
 * Delivers delay-level messages (store-and-broker §7.1): one task per level walks queue
 * `level - 1` of `SCHEDULE_TOPIC_XXXX` in order, and each entry whose delivery time (its
 * consume-queue tags code) has come is re-put to its real topic and queue. Progress is
 * `delayOffset.json`; a crash between a put and the next persist redelivers (at least once).
 */
export class ScheduleMessageService {
  readonly offsets: DelayOffsetTable;
  private readonly timers = new Map<number | 'flush', NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = true;

  constructor(private readonly options: ScheduleMessageServiceOptions) {
    this.offsets = new DelayOffsetTable(options.store.config.storePathRootDir);
  }

  /** The highest delay level (the table's length, 18 by default). */
  get maxDelayLevel(): number {
    return this.options.delayLevels.length;
  }

  /** Loads `delayOffset.json`, clamps each level into its queue and starts the tasks. */
  start(): void {
    this.offsets.load();
    const { store } = this.options;
    for (let level = 1; level <= this.maxDelayLevel; level++) {
      const min = store.getMinOffsetInQueue(SystemTopic.SCHEDULE, level - 1);
      const max = store.getMaxOffsetInQueue(SystemTopic.SCHEDULE, level - 1);
      const offset = this.offsets.get(level);
      if (offset < min || offset > max) this.offsets.set(level, Math.min(Math.max(offset, min), max));
    }
    this.stopped = false;
    for (let level = 1; level <= this.maxDelayLevel; level++) this.scheduleLevel(level, FIRST_DELIVERY_DELAY_MS);
    this.scheduleFlush();
  }

  /** Stops the tasks, waits for the ones running and writes `delayOffset.json`. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.running);
    await this.offsets.persist();
  }

  private scheduleLevel(level: number, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      const run = this.deliverLevel(level).then(
        (next) => next,
        (err: unknown) => {
          log.error({ level, err }, 'delay-level delivery failed');
          return ERROR_DELAY_MS;
        },
      );
      const tracked = run.then((next) => this.scheduleLevel(level, next));
      this.running.add(tracked);
      void tracked.finally(() => this.running.delete(tracked));
    }, delayMs);
    timer.unref();
    this.timers.set(level, timer);
  }

  private scheduleFlush(): void {
    const timer = setInterval(() => void this.offsets.persist(), this.options.flushIntervalMs);
    timer.unref();
    this.timers.set('flush', timer);
  }

  /** Delivers every due entry of one level; returns when to run again. */
  private async deliverLevel(level: number): Promise<number> {
    const queueId = level - 1;
    const delayMs = this.options.delayLevels[queueId] ?? 0;
    while (!this.stopped) {
      const offset = this.offsets.get(level);
      const due = dueFilter(Date.now(), delayMs);
      const result = await this.options.store.getMessage(SystemGroup.SCHEDULE_CONSUMER, SystemTopic.SCHEDULE, queueId, offset, SCAN_BATCH, undefined, due.filter);
      if (result.messageBufferList.length === 0) {
        if (offset < result.minOffset) this.offsets.set(level, result.minOffset);
        return NEXT_PASS_DELAY_MS;
      }
      for (let i = 0; i < result.messageBufferList.length; i++) {
        if (!(await this.deliver(level, result.messageBufferList[i] as Buffer))) return NEXT_PASS_DELAY_MS;
        this.offsets.set(level, (result.messageQueueOffsets[i] as number) + 1);
      }
      if (due.blocked || result.messageBufferList.length < SCAN_BATCH) return NEXT_PASS_DELAY_MS;
    }
    return NEXT_PASS_DELAY_MS;
  }

  /** Puts one due record to its real topic; false when the put failed and must be retried. */
  private async deliver(level: number, record: Buffer): Promise<boolean> {
    const { message: scheduled } = decodeStoredRecord(record, 0, { decompressBody: false });
    const message = toDeliveredMessage(scheduled);
    if (message.topic === SystemTopic.TRANS_HALF) {
      log.error({ level, msgId: scheduled.msgId }, 'a delayed message may not go to the transaction half topic; skipped');
      return true;
    }
    const put = await this.options.store.putMessage(message);
    if (isPutStored(put.putMessageStatus)) return true;
    log.warn({ level, topic: message.topic, status: put.putMessageStatus }, 'delivery of a delayed message failed; retrying');
    return false;
  }
}

/**
 * Accepts consume-queue entries while their delivery time (tags code) has come, and none
 * after the first that has not: a level's queue is delivered strictly in order. A delivery
 * time further away than the level's delay can only come from a clock change; it is due now.
 */
function dueFilter(now: number, delayMs: number): { filter: MessageFilter; readonly blocked: boolean } {
  const state = {
    blocked: false,
    filter: {
      isMatchedByConsumeQueue(deliverAt: number): boolean {
        if (state.blocked) return false;
        if (deliverAt <= now || deliverAt > now + delayMs) return true;
        state.blocked = true;
        return false;
      },
    },
  };
  return state;
}

import {
  decodeStoredRecord,
  getLogger,
  javaStringHashCode,
  MessageConst,
  SystemTopic,
  type MessageExt,
} from '@mq/common';
import { isPutStored, PutMessageStatus, type MessageStore } from '@mq/store';
import { copyMessageTo } from '../message/inner-message';
import { TimerCheckpoint, type TimerProgress } from './timer-checkpoint';
import { timerDeleteKey } from './recall-handle';
import { TIMER_UNIT_MAGIC_DEFAULT, TIMER_UNIT_MAGIC_DELETE, TimerLog } from './timer-log';
import { TimerWheel, TIMER_SLOTS_TOTAL } from './timer-wheel';

const log = getLogger('TimerMessageStore');

const TICK_MS = 100;
/** Longest stretch of enqueueing before due slots get their turn, so a send flood cannot starve delivery. */
const ENQUEUE_SLICE_MS = 100;
const ENQUEUE_BATCH = 256;
const CHECKPOINT_INTERVAL_MS = 1000;
const TIMER_GROUP = 'TIMER_GROUP';

/**
 * The 5.x timer (store-and-broker §7.2): moves messages from `rmq_sys_wheel_timer` into the
 * timer log and wheel (enqueue), and puts each back on its real topic once its slot is due
 * (dequeue). Progress is checkpointed in `config/timercheck` after the log and wheel are
 * durable, so a restart resumes where it stopped: at-least-once, duplicates only for the
 * slot being delivered at a crash. Roll units (delays beyond the wheel) are not needed: the
 * max delay (3 days) is inside the 14-day index range.
 */
export class TimerMessageStore {
  private readonly log: TimerLog;
  private readonly wheel: TimerWheel;
  private readonly checkpoint: TimerCheckpoint;
  private progress: TimerProgress;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastCheckpointMs = 0;
  private changed = false;
  private stopped = false;

  constructor(
    private readonly store: MessageStore,
    private readonly precisionMs: number,
  ) {
    const root = store.config.storePathRootDir;
    this.checkpoint = new TimerCheckpoint(root);
    this.progress = this.checkpoint.load();
    this.log = new TimerLog(root);
    this.log.truncate(this.progress.lastTimerLogFlushPos);
    this.wheel = new TimerWheel(root, precisionMs);
    const earliest = this.floor(Date.now()) - (TIMER_SLOTS_TOTAL * 1000 - 60_000);
    this.progress.lastReadTimeMs = Math.max(this.progress.lastReadTimeMs || this.floor(Date.now()), this.floor(earliest));
  }

  /** Starts the enqueue/dequeue loop. */
  start(): void {
    this.schedule();
  }

  /** Occupied wheel slots (what the timer holds in memory). */
  get occupiedSlots(): number {
    return this.wheel.occupied;
  }

  /** Stops the loop, checkpoints and closes the files. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.saveProgress();
    this.log.close();
    this.wheel.close();
  }

  private schedule(delayMs = TICK_MS): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then((backlogLeft) => this.schedule(backlogLeft ? 0 : TICK_MS))
        .catch((err: unknown) => {
          log.error({ err }, 'timer tick failed');
          this.schedule();
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One round: a slice of enqueueing, the due slots, a checkpoint when due; true when a backlog is left. */
  private async tick(): Promise<boolean> {
    const backlogLeft = await this.enqueueSlice();
    await this.dequeueDueSlots();
    if (this.changed && Date.now() - this.lastCheckpointMs >= CHECKPOINT_INTERVAL_MS) await this.saveProgress();
    return backlogLeft;
  }

  /** Enqueues until caught up or for {@link ENQUEUE_SLICE_MS}; true when messages are still waiting. */
  private async enqueueSlice(): Promise<boolean> {
    const until = Date.now() + ENQUEUE_SLICE_MS;
    while (!this.stopped) {
      if ((await this.enqueueBatch()) === 0) return false;
      if (Date.now() >= until) return true;
    }
    return false;
  }

  /** Moves up to one batch of `rmq_sys_wheel_timer` messages into the wheel; returns how many. */
  private async enqueueBatch(): Promise<number> {
    const offset = this.progress.lastTimerQueueOffset;
    const result = await this.store.getMessage(TIMER_GROUP, SystemTopic.TIMER, 0, offset, ENQUEUE_BATCH);
    if (result.messageBufferList.length === 0) {
      if (result.nextBeginOffset > offset) this.progress.lastTimerQueueOffset = result.nextBeginOffset;
      return 0;
    }
    const now = Date.now();
    const dueNow: MessageExt[] = [];
    for (const record of result.messageBufferList) {
      const { message } = decodeStoredRecord(record, 0, { readBody: false, decompressBody: false });
      const deliverMs = Number(message.getProperty(MessageConst.PROPERTY_TIMER_OUT_MS));
      if (!Number.isFinite(deliverMs) || deliverMs < this.progress.lastReadTimeMs) {
        dueNow.push(message);
        continue;
      }
      const position = this.log.writePosition;
      const prevPos = this.wheel.add(deliverMs, position);
      this.log.append({
        prevPos,
        magic: isDeleteMarker(message) ? TIMER_UNIT_MAGIC_DEFAULT | TIMER_UNIT_MAGIC_DELETE : TIMER_UNIT_MAGIC_DEFAULT,
        enqueueTimeMs: now,
        delayMs: deliverMs - now,
        commitLogOffset: message.commitLogOffset,
        recordSize: message.storeSize,
        realTopicHash: javaStringHashCode(message.getProperty(MessageConst.PROPERTY_REAL_TOPIC) ?? ''),
      });
    }
    await this.deliver(dueNow.map((m) => m.commitLogOffset), now);
    this.progress.lastTimerQueueOffset = result.nextBeginOffset;
    this.changed = true;
    return result.messageBufferList.length;
  }

  /** Delivers every slot whose time has passed: slot T fires once `floor(now/p)·p > T`. */
  private async dequeueDueSlots(): Promise<void> {
    while (!this.stopped && this.progress.lastReadTimeMs < this.floor(Date.now())) {
      const timeMs = this.progress.lastReadTimeMs;
      const slot = this.wheel.get(timeMs);
      if (slot) {
        await this.log.flush();
        const offsets: number[] = [];
        for (let pos = slot.lastPos; pos >= 0 && offsets.length < slot.num; ) {
          const unit = await this.log.read(pos);
          offsets.push(unit.commitLogOffset);
          pos = unit.prevPos;
        }
        if (!(await this.deliver(offsets.reverse(), Date.now()))) return;
        this.wheel.clear(timeMs);
      }
      this.progress.lastReadTimeMs = timeMs + this.precisionMs;
      this.changed = true;
      if (slot) await this.saveProgress();
    }
  }

  /**
   * Puts the messages at these commit-log offsets on their real topics, except recalled ones and
   * the delete markers that recalled them; false if a retryable put failed.
   */
  private async deliver(offsets: number[], now: number): Promise<boolean> {
    const messages = withoutRecalled(await this.lookUp(offsets));
    for (let i = 0; i < messages.length; i += ENQUEUE_BATCH) {
      const puts = await Promise.all(messages.slice(i, i + ENQUEUE_BATCH).map((m) => this.store.putMessage(realMessage(m, now))));
      const retry = puts.find((put) => !isPutStored(put.putMessageStatus) && put.putMessageStatus !== PutMessageStatus.MESSAGE_ILLEGAL);
      if (retry) {
        log.warn({ status: retry.putMessageStatus }, 'timer delivery failed; retrying the slot');
        return false;
      }
    }
    return true;
  }

  private async lookUp(offsets: number[]): Promise<MessageExt[]> {
    const messages: MessageExt[] = [];
    for (let i = 0; i < offsets.length; i += ENQUEUE_BATCH) {
      const batch = await Promise.all(offsets.slice(i, i + ENQUEUE_BATCH).map((offset) => this.store.lookMessageByOffset(offset)));
      for (const message of batch) if (message) messages.push(message);
    }
    return messages;
  }

  private async saveProgress(): Promise<void> {
    this.progress.lastTimerLogFlushPos = await this.log.flush();
    await this.wheel.flush();
    await this.checkpoint.save(this.progress);
    this.lastCheckpointMs = Date.now();
    this.changed = false;
  }

  private floor(timeMs: number): number {
    return Math.floor(timeMs / this.precisionMs) * this.precisionMs;
  }
}

function isDeleteMarker(message: MessageExt): boolean {
  return message.getProperty(MessageConst.PROPERTY_TIMER_DEL_UNIQKEY) !== undefined;
}

/** A slot's messages minus the delete markers (never delivered) and the messages they recall. */
function withoutRecalled(messages: MessageExt[]): MessageExt[] {
  const recalled = new Set(messages.filter(isDeleteMarker).map((m) => m.getProperty(MessageConst.PROPERTY_TIMER_DEL_UNIQKEY)));
  return messages.filter((m) => {
    if (isDeleteMarker(m)) return false;
    const realTopic = m.getProperty(MessageConst.PROPERTY_REAL_TOPIC) ?? m.topic;
    return recalled.size === 0 || !recalled.has(timerDeleteKey(realTopic, m.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) ?? ''));
  });
}

/** The message as its producer meant it: real topic and queue, with the timer's enqueue/dequeue times. */
function realMessage(stored: MessageExt, now: number): MessageExt {
  const realTopic = stored.getProperty(MessageConst.PROPERTY_REAL_TOPIC) ?? stored.topic;
  const message = copyMessageTo(stored, realTopic, Number(stored.getProperty(MessageConst.PROPERTY_REAL_QUEUE_ID) ?? 0));
  message.removeProperty(MessageConst.PROPERTY_REAL_TOPIC);
  message.removeProperty(MessageConst.PROPERTY_REAL_QUEUE_ID);
  message.putProperty(MessageConst.PROPERTY_TIMER_ENQUEUE_MS, String(stored.storeTimestamp));
  message.putProperty(MessageConst.PROPERTY_TIMER_DEQUEUE_MS, String(now));
  message.putProperty(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, 'false');
  return message;
}

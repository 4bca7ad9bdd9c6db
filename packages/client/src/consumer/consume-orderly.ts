import { getLogger, type MessageExt, type MessageQueue } from '@mq/common';
import { consumeDirectlyWith, type DirectConsumeResult } from './consume-directly';
import type { ConsumeOrderlyContext, ConsumeOrderlyStatus, MessageListenerOrderly } from './consume-listener';
import { InFlight, restoreRetryTopic, type ConsumeHost, type ConsumeService } from './consume-service';
import type { ProcessQueue } from './process-queue';

const log = getLogger('ConsumeOrderly');
/** A local lock counts as expired this long after the last successful lock. */
export const CLIENT_LOCK_MAX_LIVE_MS = 30_000;
const RETRY_WHEN_UNLOCKED_MS = 100;

/**
 * Consumes each queue serially, one batch at a time in offset order, while this client
 * holds the queue's broker lock (clustering). SUSPEND puts the batch back and pauses the
 * queue for `suspendCurrentQueueTimeMillis`.
 */
export class ConsumeOrderlyService implements ConsumeService {
  private readonly inFlight = new InFlight();
  private readonly active = new Set<ProcessQueue>();
  private stopped = false;

  constructor(
    private readonly host: ConsumeHost,
    private readonly listener: MessageListenerOrderly,
    private readonly batchMaxSize: number,
    private readonly suspendTimeMs: number,
    private readonly maxReconsumeTimes: number,
  ) {}

  submit(pq: ProcessQueue, mq: MessageQueue): void {
    if (this.active.has(pq) || this.stopped) return;
    this.active.add(pq);
    void this.inFlight.run(async () => {
      const rescheduled = await this.consumeQueue(pq, mq);
      this.active.delete(pq);
      if (!rescheduled && pq.hasPending) this.submit(pq, mq);
    });
  }

  drain(): Promise<void> {
    return this.inFlight.idle();
  }

  shutdown(): void {
    this.stopped = true;
  }

  consumeDirectly(message: MessageExt, mq: MessageQueue): Promise<DirectConsumeResult> {
    restoreRetryTopic(message, this.host.group);
    const context: ConsumeOrderlyContext = { messageQueue: mq, suspendCurrentQueueTimeMillis: this.suspendTimeMs };
    return consumeDirectlyWith(() => this.listener([message], context), (status) => (status === 'SUCCESS' ? 'CR_SUCCESS' : 'CR_LATER'), true);
  }

  /** True while a listener call of this queue is running (rebalance waits before unlocking). */
  isConsuming(pq: ProcessQueue): boolean {
    return this.active.has(pq);
  }

  /** Consumes until the queue is empty; true when it stopped early and scheduled a later run. */
  private async consumeQueue(pq: ProcessQueue, mq: MessageQueue): Promise<boolean> {
    while (!this.stopped && !pq.dropped && pq.hasPending) {
      if (this.host.messageModel === 'CLUSTERING' && !pq.isLockValid(CLIENT_LOCK_MAX_LIVE_MS)) {
        if (!(await this.host.lockQueue(mq))) {
          this.resubmitLater(pq, mq, RETRY_WHEN_UNLOCKED_MS);
          return true;
        }
      }
      const messages = pq.takeMessages(this.batchMaxSize);
      const context: ConsumeOrderlyContext = { messageQueue: mq, suspendCurrentQueueTimeMillis: this.suspendTimeMs };
      const status = await this.callListener(messages, context, mq);
      if (pq.dropped) return false;
      if (status === 'SUCCESS') {
        const offset = pq.commit();
        if (offset >= 0) this.host.offsetStore.updateOffset(mq, offset, false);
        continue;
      }
      if (!(await this.retryAgain(messages))) {
        const offset = pq.commit();
        if (offset >= 0) this.host.offsetStore.updateOffset(mq, offset, false);
        continue;
      }
      pq.makeMessagesToConsumeAgain(messages);
      this.resubmitLater(pq, mq, context.suspendCurrentQueueTimeMillis);
      return true;
    }
    return false;
  }

  /**
   * Java's `checkReconsumeTimes`: messages past maxReconsumeTimes go to the retry topic (so
   * to the DLQ); true when any message of the batch must be consumed again, in which case
   * the whole batch is.
   */
  private async retryAgain(messages: readonly MessageExt[]): Promise<boolean> {
    let again = false;
    for (const message of messages) {
      if (message.reconsumeTimes >= this.maxReconsumeTimes && (await this.host.sendToRetryTopic(message))) continue;
      again = true;
      message.reconsumeTimes++;
    }
    return again;
  }

  private async callListener(messages: MessageExt[], context: ConsumeOrderlyContext, mq: MessageQueue): Promise<ConsumeOrderlyStatus> {
    for (const message of messages) restoreRetryTopic(message, this.host.group);
    try {
      return (await this.listener(messages, context)) ?? 'SUSPEND_CURRENT_QUEUE_A_MOMENT';
    } catch (error) {
      log.warn({ group: this.host.group, mq: mq.key, err: (error as Error).message }, 'orderly listener threw, suspending the queue');
      return 'SUSPEND_CURRENT_QUEUE_A_MOMENT';
    }
  }

  private resubmitLater(pq: ProcessQueue, mq: MessageQueue, delayMs: number): void {
    setTimeout(() => this.submit(pq, mq), delayMs).unref();
  }
}

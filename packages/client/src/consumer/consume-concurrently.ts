import { MessageConst, getLogger, type MessageExt, type MessageQueue } from '@mq/common';
import { consumeDirectlyWith, type DirectConsumeResult } from './consume-directly';
import type { ConsumeConcurrentlyContext, ConsumeConcurrentlyStatus, MessageListenerConcurrently } from './consume-listener';
import { InFlight, restoreRetryTopic, type ConsumeHost, type ConsumeService } from './consume-service';
import type { ProcessQueue } from './process-queue';

const log = getLogger('ConsumeConcurrently');
/** Delay before consuming locally again when a send-back failed. */
const LOCAL_RETRY_DELAY_MS = 5000;

/**
 * Consumes in chunks of `batchMaxSize`, at most `maxConcurrency` listener calls at once.
 * Failed messages go back to the broker (CONSUMER_SEND_MSG_BACK) in clustering mode; the
 * offset advances to the smallest message still cached.
 */
export class ConsumeConcurrentlyService implements ConsumeService {
  private readonly inFlight = new InFlight();
  private readonly waiting: Array<() => void> = [];
  private stopped = false;
  private running = 0;

  constructor(
    private readonly host: ConsumeHost,
    private readonly listener: MessageListenerConcurrently,
    private readonly batchMaxSize: number,
    private readonly maxConcurrency: number,
  ) {}

  submit(pq: ProcessQueue, mq: MessageQueue, messages: readonly MessageExt[]): void {
    for (let i = 0; i < messages.length; i += this.batchMaxSize) {
      const chunk = messages.slice(i, i + this.batchMaxSize);
      void this.inFlight.run(() => this.consumeWhenSlotFree(pq, mq, chunk));
    }
  }

  drain(): Promise<void> {
    return this.inFlight.idle();
  }

  shutdown(): void {
    this.stopped = true;
    for (const wake of this.waiting.splice(0)) wake();
  }

  consumeDirectly(message: MessageExt, mq: MessageQueue): Promise<DirectConsumeResult> {
    restoreRetryTopic(message, this.host.group);
    const context: ConsumeConcurrentlyContext = { messageQueue: mq, delayLevelWhenNextConsume: 0, ackIndex: Number.MAX_SAFE_INTEGER };
    return consumeDirectlyWith(() => this.listener([message], context), (status) => (status === 'CONSUME_SUCCESS' ? 'CR_SUCCESS' : 'CR_LATER'), false);
  }

  private async consumeWhenSlotFree(pq: ProcessQueue, mq: MessageQueue, messages: MessageExt[]): Promise<void> {
    while (this.running >= this.maxConcurrency && !this.stopped) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.stopped || pq.dropped) return;
    this.running++;
    try {
      await this.consume(pq, mq, messages);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async consume(pq: ProcessQueue, mq: MessageQueue, messages: MessageExt[]): Promise<void> {
    const context: ConsumeConcurrentlyContext = { messageQueue: mq, delayLevelWhenNextConsume: 0, ackIndex: Number.MAX_SAFE_INTEGER };
    const now = String(Date.now());
    for (const message of messages) {
      restoreRetryTopic(message, this.host.group);
      message.putProperty(MessageConst.PROPERTY_CONSUME_START_TIMESTAMP, now);
    }
    let status: ConsumeConcurrentlyStatus;
    try {
      status = (await this.listener(messages, context)) ?? 'RECONSUME_LATER';
    } catch (error) {
      log.warn({ group: this.host.group, mq: mq.key, err: (error as Error).message }, 'listener threw, will retry the messages');
      status = 'RECONSUME_LATER';
    }
    if (pq.dropped) return;
    await this.processResult(status, context, pq, mq, messages);
  }

  private async processResult(status: ConsumeConcurrentlyStatus, context: ConsumeConcurrentlyContext, pq: ProcessQueue, mq: MessageQueue, messages: MessageExt[]): Promise<void> {
    const ackIndex = status === 'CONSUME_SUCCESS' ? Math.min(context.ackIndex, messages.length - 1) : -1;
    const failed = messages.slice(ackIndex + 1);
    const retryLocally: MessageExt[] = [];
    if (this.host.messageModel === 'BROADCASTING') {
      if (failed.length > 0) log.warn({ group: this.host.group, count: failed.length }, 'broadcasting consumption failed; messages are dropped');
    } else {
      for (const message of failed) {
        if (!(await this.host.sendMessageBack(message, context.delayLevelWhenNextConsume, mq))) {
          message.reconsumeTimes++;
          retryLocally.push(message);
        }
      }
    }
    const done = messages.filter((message) => !retryLocally.includes(message));
    const offset = pq.removeMessages(done);
    if (offset >= 0 && !pq.dropped) this.host.offsetStore.updateOffset(mq, offset, true);
    if (retryLocally.length > 0) this.retryLater(pq, mq, retryLocally);
  }

  private retryLater(pq: ProcessQueue, mq: MessageQueue, messages: MessageExt[]): void {
    setTimeout(() => {
      if (!this.stopped && !pq.dropped) this.submit(pq, mq, messages);
    }, LOCAL_RETRY_DELAY_MS).unref();
  }
}

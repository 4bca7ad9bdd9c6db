import type { MessageExt, MessageQueue } from '@mq/common';
import type { MessageModel } from '@mq/remoting';
import type { DirectConsumeResult } from './consume-directly';
import type { OffsetStore } from './offset-store';
import type { ProcessQueue } from './process-queue';

/** What consume services need from their push consumer. */
export interface ConsumeHost {
  readonly group: string;
  readonly messageModel: MessageModel;
  readonly offsetStore: OffsetStore;
  /** Sends a failed message back for a later retry; false when that failed. */
  sendMessageBack(message: MessageExt, delayLevel: number, mq: MessageQueue): Promise<boolean>;
  /** Orderly: sends a message that used up its retries to the retry topic (the broker diverts it to the DLQ); true when sent. */
  sendToRetryTopic(message: MessageExt): Promise<boolean>;
  /** Orderly: (re)locks a queue at its broker; true when held. */
  lockQueue(mq: MessageQueue): Promise<boolean>;
}

/** Runs the listener over pulled messages and commits offsets (Java's `ConsumeMessageService`). */
export interface ConsumeService {
  /** New messages were cached in `pq`. */
  submit(pq: ProcessQueue, mq: MessageQueue, messages: readonly MessageExt[]): void;
  /** Resolves when no listener call is running. */
  drain(): Promise<void>;
  /** Stops scheduling further work. */
  shutdown(): void;
  /** CONSUME_MESSAGE_DIRECTLY: one listener call outside the normal flow; offsets untouched. */
  consumeDirectly(message: MessageExt, mq: MessageQueue): Promise<DirectConsumeResult>;
}

/** Counts running tasks and lets callers wait for zero. */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  get size(): number {
    return this.count;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await task();
    } finally {
      this.count--;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** Restores the original topic of a message pulled from the group's retry topic (§8.1). */
export function restoreRetryTopic(message: MessageExt, group: string): void {
  const original = message.getProperty('RETRY_TOPIC');
  if (original !== undefined && message.topic === `%RETRY%${group}`) message.topic = original;
}

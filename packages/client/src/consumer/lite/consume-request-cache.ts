import type { MessageExt } from '@mq/common';
import type { LiteQueue } from './lite-queue';

/** A batch pulled from one queue, waiting for `poll` (Java's `ConsumeRequest`). */
export interface ConsumeRequest {
  readonly queue: LiteQueue;
  /** The queue's seek generation when pulled; a later seek makes the batch stale. */
  readonly generation: number;
  readonly messages: MessageExt[];
}

/** The pulled batches `poll` takes from, in arrival order (Java's `consumeRequestCache`). */
export class ConsumeRequestCache {
  private readonly requests: ConsumeRequest[] = [];
  private readonly waiters = new Set<() => void>();
  private closed = false;

  put(request: ConsumeRequest): void {
    this.requests.push(request);
    this.wakeAll();
  }

  /** The oldest batch, waiting up to `timeoutMs`; undefined on timeout or after `close()`. */
  async take(timeoutMs: number): Promise<ConsumeRequest | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const request = this.requests.shift();
      if (request || this.closed) return request;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return undefined;
      await this.nextPut(remaining);
    }
  }

  /** Drops the cached batches of a queue (seek, removal). */
  removeQueue(queue: LiteQueue): void {
    for (let i = this.requests.length - 1; i >= 0; i--) if (this.requests[i]!.queue === queue) this.requests.splice(i, 1);
  }

  /** Wakes every waiting `take` with nothing; later takes return at once. */
  close(): void {
    this.closed = true;
    this.requests.length = 0;
    this.wakeAll();
  }

  private nextPut(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

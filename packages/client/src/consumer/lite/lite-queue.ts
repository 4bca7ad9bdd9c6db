import type { MessageQueue } from '@mq/common';
import { ProcessQueue } from '../process-queue';

/** Offset value meaning "not known yet". */
export const UNSET_OFFSET = -1;

/**
 * One queue assigned to a lite pull consumer (Java's `AssignedMessageQueue` entry): its
 * cached messages, where the next pull starts, what `poll` has handed out, pause and seek
 * state, and a way to interrupt the queue's pull loop.
 */
export class LiteQueue {
  pq = new ProcessQueue();
  paused = false;
  /** Next offset to pull, once known. */
  pullOffset = UNSET_OFFSET;
  /** Offset after the last message `poll` returned: what a commit stores. */
  consumeOffset = UNSET_OFFSET;
  /** Bumped by every seek; batches pulled before it are discarded. */
  generation = 0;
  private abort = new AbortController();
  private wakeIdle: (() => void) | undefined;

  constructor(readonly mq: MessageQueue) {}

  /** Aborts the in-flight pull when the queue is sought, paused or dropped. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get dropped(): boolean {
    return this.pq.dropped;
  }

  /** Restart pulling and consuming from `offset`, forgetting the cached messages. */
  seek(offset: number): void {
    this.generation++;
    this.pullOffset = offset;
    this.consumeOffset = offset;
    this.pq = new ProcessQueue();
    this.interrupt();
  }

  drop(): void {
    this.pq.dropped = true;
    this.interrupt();
  }

  /** Waits `ms`, or less when the queue is interrupted (seek, resume, drop). */
  idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        if (self.wakeIdle === done) self.wakeIdle = undefined;
        resolve();
      }
      this.wakeIdle = done;
    });
  }

  /** Cuts short the current pull or idle wait. */
  interrupt(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.wakeIdle?.();
  }
}

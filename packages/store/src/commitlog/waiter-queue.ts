import { PutMessageStatus, type AppendMessageResult, type PutMessageResult } from '../store-status';

interface Waiter {
  readonly appended: AppendMessageResult;
  readonly deadline: number;
  readonly resolve: (result: PutMessageResult) => void;
}

/** Puts waiting for the log to reach the end of their records, in append (= offset) order. */
export class WaiterQueue {
  private waiters: Waiter[] = [];
  private head = 0;

  /** The caller's one promise, answered by `resolveUpTo`, `expire` or `failAll`. */
  add(appended: AppendMessageResult, deadline: number): Promise<PutMessageResult> {
    return new Promise<PutMessageResult>((resolve) => this.waiters.push({ appended, deadline, resolve }));
  }

  /** PUT_OK for every put whose bytes end at or below `offset`. */
  resolveUpTo(offset: number): void {
    const waiters = this.waiters;
    let i = this.head;
    for (; i < waiters.length && waiters[i].appended.wroteOffset + waiters[i].appended.wroteBytes <= offset; i++) answer(waiters[i], PutMessageStatus.PUT_OK);
    this.head = i;
    this.compact();
  }

  /** FLUSH_DISK_TIMEOUT for every put past its deadline (deadlines grow with the offsets). */
  expire(now: number): void {
    while (this.head < this.waiters.length && this.waiters[this.head].deadline <= now) answer(this.waiters[this.head++], PutMessageStatus.FLUSH_DISK_TIMEOUT);
    this.compact();
  }

  failAll(status: PutMessageStatus): void {
    while (this.head < this.waiters.length) answer(this.waiters[this.head++], status);
    this.compact();
  }

  private compact(): void {
    if (this.head === this.waiters.length) {
      this.waiters = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.waiters.length) {
      this.waiters.splice(0, this.head);
      this.head = 0;
    }
  }
}

function answer(waiter: Waiter, status: PutMessageStatus): void {
  waiter.resolve({ putMessageStatus: status, appendMessageResult: waiter.appended });
}

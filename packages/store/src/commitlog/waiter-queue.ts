import { PutMessageStatus } from '../store-status';

interface Waiter {
  readonly end: number;
  readonly deadline: number;
  readonly resolve: (status: PutMessageStatus) => void;
}

/** Callers waiting for the log to reach their end offset, in append (= offset) order. */
export class WaiterQueue {
  private waiters: Waiter[] = [];
  private head = 0;

  /** A promise resolved by `resolveUpTo`, `expire` or `failAll`. */
  add(end: number, deadline: number): Promise<PutMessageStatus> {
    return new Promise<PutMessageStatus>((resolve) => this.waiters.push({ end, deadline, resolve }));
  }

  /** PUT_OK for every waiter whose bytes end at or below `offset`. */
  resolveUpTo(offset: number): void {
    while (this.head < this.waiters.length && this.waiters[this.head].end <= offset) this.waiters[this.head++].resolve(PutMessageStatus.PUT_OK);
    this.compact();
  }

  /** FLUSH_DISK_TIMEOUT for every waiter past its deadline (deadlines grow with the offsets). */
  expire(now: number): void {
    while (this.head < this.waiters.length && this.waiters[this.head].deadline <= now) this.waiters[this.head++].resolve(PutMessageStatus.FLUSH_DISK_TIMEOUT);
    this.compact();
  }

  failAll(status: PutMessageStatus): void {
    while (this.head < this.waiters.length) this.waiters[this.head++].resolve(status);
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

import type { MessageQueue } from '@mq/common';

/** Where `readOffset` looks (Java's `ReadOffsetType`). */
export type ReadOffsetType = 'MEMORY' | 'STORE' | 'MEMORY_FIRST_THEN_STORE';

/** Offset returned when the store has no offset for a queue. */
export const OFFSET_NOT_FOUND = -1;
/** Offset returned when the store could not be asked (rebalance skips the queue for now). */
export const OFFSET_UNREADABLE = -2;

/**
 * A consumer group's next-to-consume offsets: on the broker for clustering, in a local file
 * for broadcasting (Java's `OffsetStore`).
 */
export interface OffsetStore {
  load(): Promise<void>;
  /** Records an offset in memory; with `increaseOnly` it never moves backwards. */
  updateOffset(mq: MessageQueue, offset: number, increaseOnly: boolean): void;
  /** The offset, {@link OFFSET_NOT_FOUND} or {@link OFFSET_UNREADABLE}. */
  readOffset(mq: MessageQueue, type: ReadOffsetType): Promise<number>;
  /** Persists the in-memory offsets of these queues. */
  persistAll(mqs: readonly MessageQueue[]): Promise<void>;
  persist(mq: MessageQueue): Promise<void>;
  removeOffset(mq: MessageQueue): void;
  /** The in-memory offsets (for running info and reports). */
  snapshot(): ReadonlyArray<[MessageQueue, number]>;
}

/** The in-memory table both stores share. */
export class OffsetTable {
  private readonly offsets = new Map<string, { mq: MessageQueue; offset: number }>();

  update(mq: MessageQueue, offset: number, increaseOnly: boolean): void {
    const entry = this.offsets.get(mq.key);
    if (!entry) this.offsets.set(mq.key, { mq, offset });
    else if (!increaseOnly || offset > entry.offset) entry.offset = offset;
  }

  get(mq: MessageQueue): number | undefined {
    return this.offsets.get(mq.key)?.offset;
  }

  remove(mq: MessageQueue): void {
    this.offsets.delete(mq.key);
  }

  entries(): Array<[MessageQueue, number]> {
    return [...this.offsets.values()].map(({ mq, offset }) => [mq, offset]);
  }
}

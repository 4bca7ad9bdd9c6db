import type { MessageExt } from '@mq/common';

/**
 * The messages pulled from one queue and not yet consumed, ordered by queue offset (Java's
 * `ProcessQueue`). Drives flow control (count, bytes, offset span) and the commit offset:
 * the smallest offset still cached, or one past the highest offset ever added.
 */
export class ProcessQueue {
  private readonly messages = new Map<number, MessageExt>();
  private sortedOffsets: number[] = [];
  /** Offsets taken out for orderly consumption and not yet committed. */
  private readonly consuming = new Map<number, MessageExt>();
  private cachedBytes = 0;
  private highestOffset = -1;
  dropped = false;
  locked = false;
  lastLockTimestamp = 0;
  lastPullTimestamp = Date.now();
  lastConsumeTimestamp = Date.now();

  get messageCount(): number {
    return this.messages.size;
  }

  get messageBytes(): number {
    return this.cachedBytes;
  }

  /** `lastCachedOffset - firstCachedOffset`; 0 when empty. */
  get offsetSpan(): number {
    return this.sortedOffsets.length === 0 ? 0 : this.sortedOffsets[this.sortedOffsets.length - 1]! - this.sortedOffsets[0]!;
  }

  get highestOffsetAdded(): number {
    return this.highestOffset;
  }

  /** Caches pulled messages (duplicates ignored); returns those that were new. */
  putMessages(messages: readonly MessageExt[]): MessageExt[] {
    const added: MessageExt[] = [];
    for (const message of messages) {
      if (this.messages.has(message.queueOffset)) continue;
      this.messages.set(message.queueOffset, message);
      this.insertOffset(message.queueOffset);
      this.cachedBytes += message.body.length;
      this.highestOffset = Math.max(this.highestOffset, message.queueOffset);
      added.push(message);
    }
    return added;
  }

  /**
   * Removes consumed messages and returns the offset to commit, or -1 when nothing was
   * cached (nothing to commit).
   */
  removeMessages(messages: readonly MessageExt[]): number {
    if (this.messages.size === 0) return -1;
    for (const message of messages) {
      if (!this.messages.delete(message.queueOffset)) continue;
      this.cachedBytes -= message.body.length;
      this.deleteOffset(message.queueOffset);
    }
    this.lastConsumeTimestamp = Date.now();
    return this.sortedOffsets.length > 0 ? this.sortedOffsets[0]! : this.highestOffset + 1;
  }

  /** Orderly: takes up to `count` messages in offset order, keeping them until commit or rollback. */
  takeMessages(count: number): MessageExt[] {
    const taken: MessageExt[] = [];
    while (taken.length < count && this.sortedOffsets.length > 0) {
      const offset = this.sortedOffsets.shift()!;
      const message = this.messages.get(offset)!;
      this.messages.delete(offset);
      this.consuming.set(offset, message);
      taken.push(message);
    }
    return taken;
  }

  /** Orderly: the taken messages are done; returns the offset to commit (or -1). */
  commit(): number {
    if (this.consuming.size === 0) return -1;
    const next = Math.max(...this.consuming.keys()) + 1;
    for (const message of this.consuming.values()) this.cachedBytes -= message.body.length;
    this.consuming.clear();
    return next;
  }

  /** Orderly: puts taken messages back to be consumed again. */
  makeMessagesToConsumeAgain(messages: readonly MessageExt[]): void {
    for (const message of messages) {
      this.consuming.delete(message.queueOffset);
      this.messages.set(message.queueOffset, message);
      this.insertOffset(message.queueOffset);
    }
  }

  /** True when messages wait to be consumed. */
  get hasPending(): boolean {
    return this.sortedOffsets.length > 0;
  }

  /** The lowest cached message (consume-timeout sweep). */
  firstMessage(): MessageExt | undefined {
    return this.sortedOffsets.length > 0 ? this.messages.get(this.sortedOffsets[0]!) : undefined;
  }

  /** Whether the broker lock is held and younger than `maxLiveMs`. */
  isLockValid(maxLiveMs: number, now = Date.now()): boolean {
    return this.locked && now - this.lastLockTimestamp <= maxLiveMs;
  }

  private insertOffset(offset: number): void {
    const offsets = this.sortedOffsets;
    if (offsets.length === 0 || offsets[offsets.length - 1]! < offset) {
      offsets.push(offset);
      return;
    }
    offsets.splice(lowerBound(offsets, offset), 0, offset);
  }

  private deleteOffset(offset: number): void {
    const index = lowerBound(this.sortedOffsets, offset);
    if (this.sortedOffsets[index] === offset) this.sortedOffsets.splice(index, 1);
  }
}

function lowerBound(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

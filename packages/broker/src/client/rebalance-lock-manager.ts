import { getLogger } from '@mq/common';

const log = getLogger('RebalanceLockManager');

/** Broker-side lock lifetime (`rocketmq.broker.rebalance.lockMaxLiveTime`). */
export const REBALANCE_LOCK_MAX_LIVE_TIME_MS = 60_000;

/** The queue identity orderly consumers lock: topic, broker name and queue id. */
export interface LockableQueue {
  topic: string;
  brokerName: string;
  queueId: number;
}

interface LockEntry {
  clientId: string;
  lastUpdateTimestamp: number;
}

/**
 * Per-group queue locks of orderly consumers (LOCK_BATCH_MQ / UNLOCK_BATCH_MQ). A lock is
 * held by one client id and lapses after 60 s without renewal.
 */
export class RebalanceLockManager {
  private readonly table = new Map<string, Map<string, LockEntry>>();

  constructor(
    private readonly maxLiveTimeMs = REBALANCE_LOCK_MAX_LIVE_TIME_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Locks (or renews) each queue for `clientId`; returns the queues it now holds. */
  tryLockBatch<Q extends LockableQueue>(group: string, queues: readonly Q[], clientId: string): Q[] {
    const locks = this.locksOf(group);
    return queues.filter((queue) => this.tryLock(locks, group, queue, clientId));
  }

  /** Releases the queues `clientId` holds; locks held by others are left alone. */
  unlockBatch(group: string, queues: readonly LockableQueue[], clientId: string): void {
    const locks = this.table.get(group);
    if (!locks) return;
    for (const queue of queues) {
      const key = queueKey(queue);
      const entry = locks.get(key);
      if (entry?.clientId === clientId) locks.delete(key);
      else if (entry) log.warn({ group, queue, holder: entry.clientId, clientId }, 'unlock refused: held by another client');
    }
  }

  /** True when no queue of the group has a live lock. */
  isLockAllExpired(group: string): boolean {
    const locks = this.table.get(group);
    return !locks || [...locks.values()].every((entry) => this.isExpired(entry));
  }

  private tryLock(locks: Map<string, LockEntry>, group: string, queue: LockableQueue, clientId: string): boolean {
    const key = queueKey(queue);
    const entry = locks.get(key);
    if (!entry || entry.clientId === clientId || this.isExpired(entry)) {
      locks.set(key, { clientId, lastUpdateTimestamp: this.now() });
      return true;
    }
    log.debug({ group, queue, holder: entry.clientId, clientId }, 'queue locked by another client');
    return false;
  }

  private isExpired(entry: LockEntry): boolean {
    return this.now() - entry.lastUpdateTimestamp > this.maxLiveTimeMs;
  }

  private locksOf(group: string): Map<string, LockEntry> {
    let locks = this.table.get(group);
    if (!locks) {
      locks = new Map();
      this.table.set(group, locks);
    }
    return locks;
  }
}

function queueKey(queue: LockableQueue): string {
  return `${queue.topic}\u0001${queue.brokerName}\u0001${queue.queueId}`;
}

import { getLogger } from '@mq/common';
import { InvalidReceiptHandleError, type PoppedMessage, type PopService } from '../pop/pop-service';
import type { SubscriptionGroupConfig } from '../subscription/subscription-group-config';
import { groupRetryDelayMs } from './group-retry-delay';

const log = getLogger('ReceiptHandleRenewer');

/** Invisible times of successive renewals (spec §4.9): 1 min, 3 min, 5 min, 10 min, 30 min, then 1 h. */
const RENEW_DELAYS_MS = [60_000, 180_000, 300_000, 600_000, 1_800_000, 3_600_000];
/** Failed renewals of one handle (other than a stale handle) before it is given up (`maxRenewRetryTimes`). */
const MAX_RENEW_FAILURES = 3;

/** The proxy settings of auto-renewal (RocketMQ `ProxyConfig` names). */
export interface RenewSettings {
  /** Renew a handle this long before it expires (`renewAheadTimeMillis`). */
  readonly renewAheadTimeMillis: number;
  /** Stop renewing a message held this long and nack it with its group's retry back-off (`renewMaxTimeMillis`). */
  readonly renewMaxTimeMillis: number;
  /** Period of the renewal scan (`renewSchedulePeriodMillis`). */
  readonly renewSchedulePeriodMillis: number;
  /** Invisible time of handles released when their client goes away (`invisibleTimeMillisWhenClear`). */
  readonly invisibleTimeMillisWhenClear: number;
}

/** A message received with `auto_renew`, kept invisible until its client acks it or goes away. */
interface RenewedHandle {
  readonly group: string;
  readonly topic: string;
  /** The newest handle: what the broker accepts now. */
  latest: string;
  /** Epoch ms at which `latest` expires. */
  expiry: number;
  readonly receivedAt: number;
  /** Times the message was consumed before this delivery: picks the back-off of its nack. */
  readonly reconsumeTimes: number;
  renewals: number;
  failures: number;
}

/**
 * Auto-renewal of push consumers' receipt handles (spec §4.9): every delivered handle of an
 * `auto_renew` receive is tracked per client; shortly before it expires its invisible time is
 * extended. Clients keep presenting the handle they received, so ack, change-invisible and DLQ
 * forwarding swap in the newest one ({@link take}). When the client goes away its messages are
 * made visible again soon.
 */
export class ReceiptHandleRenewer {
  /** clientId → `group message-id original-handle` → tracked handle. */
  private readonly clients = new Map<string, Map<string, RenewedHandle>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pop: PopService,
    private readonly settings: RenewSettings,
    private readonly findGroup: (group: string) => SubscriptionGroupConfig | undefined,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.renewDue(), this.settings.renewSchedulePeriodMillis);
    this.timer.unref();
  }

  shutdown(): void {
    clearInterval(this.timer);
  }

  /** Starts renewing a message popped for `clientId` whose handle expires after `invisibleTimeMs`. */
  track(clientId: string, group: string, topic: string, popped: PoppedMessage, invisibleTimeMs: number): void {
    let handles = this.clients.get(clientId);
    if (!handles) this.clients.set(clientId, (handles = new Map()));
    const now = Date.now();
    handles.set(key(group, popped.message.msgId, popped.receiptHandle), {
      group,
      topic,
      latest: popped.receiptHandle,
      expiry: now + invisibleTimeMs,
      receivedAt: now,
      reconsumeTimes: popped.deliveryAttempt - 1,
      renewals: 0,
      failures: 0,
    });
  }

  /**
   * The newest handle of the one the client presents, and stops renewing it (the client is
   * about to ack, change or forward it). Untracked handles are answered unchanged.
   */
  take(clientId: string, group: string, messageId: string, handle: string): string {
    const handles = this.clients.get(clientId);
    const id = key(group, messageId, handle);
    const tracked = handles?.get(id);
    if (!handles || !tracked) return handle;
    handles.delete(id);
    if (handles.size === 0) this.clients.delete(clientId);
    return tracked.latest;
  }

  /** The client went away: its messages become visible after `invisibleTimeMillisWhenClear`. */
  releaseClient(clientId: string): void {
    const handles = this.clients.get(clientId);
    if (!handles) return;
    this.clients.delete(clientId);
    for (const handle of handles.values()) this.makeVisibleAfter(handle, this.settings.invisibleTimeMillisWhenClear);
  }

  private renewDue(): void {
    const now = Date.now();
    for (const [clientId, handles] of this.clients) {
      for (const [id, handle] of handles) {
        if (handle.expiry - now > this.settings.renewAheadTimeMillis) continue;
        if (!this.renewOrRelease(handle, now)) handles.delete(id);
      }
      if (handles.size === 0) this.clients.delete(clientId);
    }
  }

  /** Renews a handle near its expiry; false when it is no longer tracked (nacked, acked or failing). */
  private renewOrRelease(handle: RenewedHandle, now: number): boolean {
    if (now - handle.receivedAt >= this.settings.renewMaxTimeMillis) {
      this.nack(handle);
      return false;
    }
    const invisibleTimeMs = RENEW_DELAYS_MS[Math.min(handle.renewals, RENEW_DELAYS_MS.length - 1)];
    try {
      handle.latest = this.pop.changeInvisibleTime(handle.group, handle.topic, handle.latest, invisibleTimeMs);
      handle.expiry = now + invisibleTimeMs;
      handle.renewals += 1;
      handle.failures = 0;
      return true;
    } catch (error) {
      if (error instanceof InvalidReceiptHandleError) return false;
      handle.failures += 1;
      log.warn({ group: handle.group, topic: handle.topic, failures: handle.failures, err: error }, 'renewing a receipt handle failed');
      return handle.failures < MAX_RENEW_FAILURES;
    }
  }

  /**
   * Held past `renewMaxTimeMillis`: redelivered after the group's retry back-off for this attempt.
   * A group deleted meanwhile leaves the message to expire with its current handle (as the reference).
   */
  private nack(handle: RenewedHandle): void {
    const group = this.findGroup(handle.group);
    if (group) this.makeVisibleAfter(handle, groupRetryDelayMs(group.groupRetryPolicy, handle.reconsumeTimes));
  }

  private makeVisibleAfter(handle: RenewedHandle, delayMs: number): void {
    try {
      this.pop.changeInvisibleTime(handle.group, handle.topic, handle.latest, delayMs);
    } catch {
      // acked or expired meanwhile: nothing to release
    }
  }
}

function key(group: string, messageId: string, handle: string): string {
  return `${group} ${messageId} ${handle}`;
}

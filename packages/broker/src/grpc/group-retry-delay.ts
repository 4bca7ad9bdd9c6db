import type { SubscriptionGroupConfig } from '../subscription/subscription-group-config';

/** `CustomizedRetryPolicy.next` default: 1s 5s 10s 30s 1m 2m … 10m 20m 30m 1h 2h. */
const DEFAULT_CUSTOMIZED_NEXT_MS: readonly number[] = [
  1, 5, 10, 30, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600, 1200, 1800, 3600, 7200,
].map((seconds) => seconds * 1000);
/** `ExponentialRetryPolicy` defaults. */
const DEFAULT_EXPONENTIAL = { initial: 5_000, max: 7_200_000, multiplier: 2 };
/** Java caps the exponent at 32 reconsumes. */
const MAX_EXPONENT = 32;
/** Customized delays skip the two first levels, as the old delay-level table did (index = reconsumeTimes + 2). */
const CUSTOMIZED_LEVEL_OFFSET = 2;

type GroupRetryPolicy = SubscriptionGroupConfig['groupRetryPolicy'];

/**
 * The redelivery delay a group's retry policy gives a message consumed `reconsumeTimes` times
 * (Java `GroupRetryPolicy.getRetryPolicy().nextDelayDuration`): `EXPONENTIAL` ⇒
 * `min(max, initial × multiplier^reconsumeTimes)`, otherwise the customized `next` list at
 * `reconsumeTimes + 2`, clamped to its last element. Missing or malformed parts fall back to
 * Java's defaults.
 */
export function groupRetryDelayMs(policy: GroupRetryPolicy | undefined, reconsumeTimes: number): number {
  const times = Math.max(0, reconsumeTimes);
  if (policy?.type === 'EXPONENTIAL') return exponentialDelay(asRecord(policy.exponentialRetryPolicy), times);
  const next = customizedNext(asRecord(policy?.customizedRetryPolicy));
  return next[Math.min(times + CUSTOMIZED_LEVEL_OFFSET, next.length - 1)];
}

function exponentialDelay(policy: Record<string, unknown>, reconsumeTimes: number): number {
  const initial = numberOr(policy.initial, DEFAULT_EXPONENTIAL.initial);
  const max = numberOr(policy.max, DEFAULT_EXPONENTIAL.max);
  const multiplier = numberOr(policy.multiplier, DEFAULT_EXPONENTIAL.multiplier);
  return Math.min(max, initial * Math.trunc(multiplier ** Math.min(reconsumeTimes, MAX_EXPONENT)));
}

function customizedNext(policy: Record<string, unknown>): readonly number[] {
  const next = policy.next;
  if (!Array.isArray(next) || next.length === 0 || !next.every((delay) => Number.isFinite(delay) && delay >= 0)) return DEFAULT_CUSTOMIZED_NEXT_MS;
  return next as number[];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

import type { ProtoDuration, ProtoTimestamp } from './types';

/**
 * Milliseconds of a Duration/Timestamp, `undefined` when absent. Tolerates the fractional
 * `seconds` Node clients produce (spec §7.6).
 */
export function toMillis(value: ProtoDuration | undefined): number | undefined {
  if (!value) return undefined;
  return Math.floor((value.seconds ?? 0) * 1000 + Math.floor((value.nanos ?? 0) / 1e6));
}

/** A normalised Duration (or Timestamp, from epoch ms): whole seconds, nanos in 0..999 999 999. */
export function fromMillis(ms: number): ProtoDuration {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1e6 };
}

/** Timestamp of an epoch-ms time. */
export function timestampOf(epochMs: number): ProtoTimestamp {
  return fromMillis(epochMs);
}

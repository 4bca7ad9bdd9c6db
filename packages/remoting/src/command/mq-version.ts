/**
 * `MQVersion.Version` ordinals, the numbers a peer puts in the `version` field of every command.
 * The Java enum starts at V3_0_0_SNAPSHOT = 0; from 4.0.0 on each release sits at
 * `213 + 20·minor + 2·patch` (4.x) or `413 + 20·minor + 2·patch` (5.x), right after its SNAPSHOT.
 */
export const MQVersion = {
  /** Brokers push RESET_CONSUMER_CLIENT_OFFSET only to clients at or above this. */
  V3_0_7_SNAPSHOT: 28,
  /** Brokers forward GET_CONSUMER_RUNNING_INFO / CONSUME_MESSAGE_DIRECTLY only at or above this. */
  V3_1_8_SNAPSHOT: 62,
  /** Java clients refuse SQL92 subscriptions to brokers answering with less than this. */
  V4_1_0_SNAPSHOT: 232,
  /** Name servers return standard-JSON routes to requests at or above this. */
  V4_9_4: 401,
  V4_9_8: 409,
  V5_0_0: 413,
  /** 5.x servers answer GO_AWAY while shutting down only to requests above this. */
  V5_3_1: 475,
  V5_3_3: 479,
  /** What this implementation announces: the version it emulates (Java's `CURRENT_VERSION`). */
  CURRENT_VERSION: 479,
} as const;

/** The ordinal of a 4.x or 5.x release, e.g. `mqVersionOrdinal(4, 9, 8) === 409`. */
export function mqVersionOrdinal(major: 4 | 5, minor: number, patch: number): number {
  return (major === 4 ? 213 : 413) + 20 * minor + 2 * patch;
}

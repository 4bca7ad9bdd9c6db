/** Bits of `topicSysFlag` (Java's `TopicSysFlag`); legacy unit flags, carried through as they are. */
export const TopicSysFlag = {
  FLAG_UNIT: 0x1,
  FLAG_UNIT_SUB: 0x2,
} as const;

/** Java's `TopicSysFlag.buildSysFlag(unit, hasUnitSub)`. */
export function buildTopicSysFlag(unit: boolean, hasUnitSub: boolean): number {
  return (unit ? TopicSysFlag.FLAG_UNIT : 0) | (hasUnitSub ? TopicSysFlag.FLAG_UNIT_SUB : 0);
}

/** Bits of a subscription group's `groupSysFlag` (Java's `SubscriptionSysFlag`). */
export const SubscriptionSysFlag = {
  FLAG_UNIT: 0x1,
} as const;

import { delayOfLevel, javaStringHashCode, MessageConst, SystemTopic } from '@mq/common';

/** Delivery time used when a delay level has no table entry (spec §1.4). */
const MISSING_LEVEL_DELAY = 1000;

/**
 * The consume-queue tags code of a record (spec §1.4): the Java hash of `TAGS` (0 when
 * absent), or for `SCHEDULE_TOPIC_XXXX` with a delay level the delivery timestamp
 * `storeTimestamp + delay(level)`, the level clamped to the highest one.
 */
export function computeTagsCode(topic: string, properties: ReadonlyMap<string, string>, storeTimestamp: number, delayLevels: readonly number[]): number {
  if (topic === SystemTopic.SCHEDULE) {
    const level = Number.parseInt(properties.get(MessageConst.PROPERTY_DELAY_TIME_LEVEL) ?? '0', 10);
    if (level > 0) return storeTimestamp + (delayLevels.length > 0 ? delayOfLevel(delayLevels, level) : MISSING_LEVEL_DELAY);
  }
  const tags = properties.get(MessageConst.PROPERTY_TAGS);
  return tags ? javaStringHashCode(tags) : 0;
}

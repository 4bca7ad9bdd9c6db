/** Prefix of a consumer group's retry topic. */
export const RETRY_GROUP_TOPIC_PREFIX = '%RETRY%';
/** Prefix of a consumer group's dead-letter topic. */
export const DLQ_GROUP_TOPIC_PREFIX = '%DLQ%';
/** Prefix of light message queue (LMQ) names. */
export const LMQ_PREFIX = '%LMQ%';
/** Separator between group and topic in a POP retry topic, V1 (default) and V2. */
export const POP_RETRY_SEPARATOR_V1 = '_';
export const POP_RETRY_SEPARATOR_V2 = '+';

/** `%RETRY%<group>`. */
export function getRetryTopic(group: string): string {
  return RETRY_GROUP_TOPIC_PREFIX + group;
}

/** `%DLQ%<group>`. */
export function getDLQTopic(group: string): string {
  return DLQ_GROUP_TOPIC_PREFIX + group;
}

export function isRetryTopic(topic: string): boolean {
  return topic.startsWith(RETRY_GROUP_TOPIC_PREFIX);
}

export function isDLQTopic(topic: string): boolean {
  return topic.startsWith(DLQ_GROUP_TOPIC_PREFIX);
}

export function isLmqTopic(topic: string): boolean {
  return topic.startsWith(LMQ_PREFIX);
}

/** The name after `%RETRY%` or `%DLQ%`; other topics come back unchanged. */
export function stripRetryOrDLQPrefix(topic: string): string {
  if (isRetryTopic(topic)) return topic.slice(RETRY_GROUP_TOPIC_PREFIX.length);
  if (isDLQTopic(topic)) return topic.slice(DLQ_GROUP_TOPIC_PREFIX.length);
  return topic;
}

/** POP retry topic: `%RETRY%<group>_<topic>` (V1, default) or `%RETRY%<group>+<topic>` (V2). */
export function buildPopRetryTopic(topic: string, group: string, v2 = false): string {
  return RETRY_GROUP_TOPIC_PREFIX + group + (v2 ? POP_RETRY_SEPARATOR_V2 : POP_RETRY_SEPARATOR_V1) + topic;
}

/** True for a V2 POP retry topic (`%RETRY%` prefix and a `+`). */
export function isPopRetryTopicV2(topic: string): boolean {
  return isRetryTopic(topic) && topic.includes(POP_RETRY_SEPARATOR_V2);
}

/** The original topic of a POP retry topic of `group` (Java's `KeyBuilder.parseNormalTopic(topic, cid)`). */
export function parsePopRetryTopic(retryTopic: string, group: string): string {
  if (!isRetryTopic(retryTopic)) return retryTopic;
  const v2Prefix = RETRY_GROUP_TOPIC_PREFIX + group + POP_RETRY_SEPARATOR_V2;
  if (retryTopic.startsWith(v2Prefix)) return retryTopic.slice(v2Prefix.length);
  return retryTopic.slice((RETRY_GROUP_TOPIC_PREFIX + group + POP_RETRY_SEPARATOR_V1).length);
}

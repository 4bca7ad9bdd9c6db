import { createTopicConfig, isTopicFilterType, TopicFilterType, type TopicConfig } from '@mq/common';

/** Reads a TopicConfig from `topics.json`, tolerating 4.9 files (no `attributes`) and unknown keys. */
export function topicConfigFromJson(topicName: string, json: Partial<TopicConfig>): TopicConfig {
  return createTopicConfig(json.topicName ?? topicName, {
    attributes: { ...(json.attributes ?? {}) },
    order: json.order === true,
    perm: Number(json.perm ?? 6),
    readQueueNums: Number(json.readQueueNums ?? 16),
    topicFilterType:
      typeof json.topicFilterType === 'string' && isTopicFilterType(json.topicFilterType)
        ? json.topicFilterType
        : TopicFilterType.SINGLE_TAG,
    topicSysFlag: Number(json.topicSysFlag ?? 0),
    writeQueueNums: Number(json.writeQueueNums ?? 16),
  });
}

/** A copy with fastjson's (alphabetical) field order, for files and registration bodies. */
export function topicConfigToJson(config: TopicConfig): TopicConfig {
  return {
    attributes: config.attributes,
    order: config.order,
    perm: config.perm,
    readQueueNums: config.readQueueNums,
    topicFilterType: config.topicFilterType,
    topicName: config.topicName,
    topicSysFlag: config.topicSysFlag,
    writeQueueNums: config.writeQueueNums,
  };
}

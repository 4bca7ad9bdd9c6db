import { PermName } from './perm-name';
import { TopicFilterType } from './topic-filter-type';

/** Queues of a topic when nothing else is said (Java's `TopicConfig.defaultReadQueueNums`/`Write`). */
export const DEFAULT_TOPIC_QUEUE_NUMS = 16;

/** 5.x topic attribute keys and their defaults (store spec §11.2). */
export const TopicAttributeDefaults = {
  'message.type': 'NORMAL',
  'queue.type': 'SimpleCQ',
  'cleanup.policy': 'DELETE',
  'reserve.time': '-1',
} as const;

/** Values allowed for the enum topic attributes. */
export const TopicAttributeValues = {
  'message.type': ['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION', 'MIXED', 'UNSPECIFIED'],
  'queue.type': ['SimpleCQ', 'BatchCQ'],
  'cleanup.policy': ['DELETE', 'COMPACTION'],
} as const;

/** A topic's configuration, with Java's `TopicConfig` JSON property names. */
export interface TopicConfig {
  topicName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  topicFilterType: TopicFilterType;
  topicSysFlag: number;
  order: boolean;
  /** 5.x attributes (`message.type`, `queue.type`, ...); absent keys take their defaults. */
  attributes: Record<string, string>;
}

/** A TopicConfig with Java's defaults (16/16 queues, perm 6 RW, SINGLE_TAG) and the given overrides. */
export function createTopicConfig(topicName: string, overrides: Partial<Omit<TopicConfig, 'topicName'>> = {}): TopicConfig {
  return {
    topicName,
    readQueueNums: DEFAULT_TOPIC_QUEUE_NUMS,
    writeQueueNums: DEFAULT_TOPIC_QUEUE_NUMS,
    perm: PermName.PERM_READ | PermName.PERM_WRITE,
    topicFilterType: TopicFilterType.SINGLE_TAG,
    topicSysFlag: 0,
    order: false,
    attributes: {},
    ...overrides,
  };
}

import type { MessageQueue } from '@mq/common';
import type { TopicFilterType } from '@mq/remoting';

/** What `Admin.createTopic` sends (UPDATE_AND_CREATE_TOPIC); defaults are mqadmin `updateTopic`'s. */
export interface CreateTopicOptions {
  topic: string;
  /** Default 8. */
  readQueueNums?: number;
  /** Default 8. */
  writeQueueNums?: number;
  /** Permission bits (2 write, 4 read); default 6. */
  perm?: number;
  /** Default SINGLE_TAG. */
  topicFilterType?: TopicFilterType;
  topicSysFlag?: number;
  /** Ordered topic; default false. */
  order?: boolean;
  /** 5.x attributes, `+k=v,+k2=v2,-k3`; default "". */
  attributes?: string;
}

/** One queue's offsets in a topic's stats (GET_TOPIC_STATS_INFO). */
export interface QueueStats {
  mq: MessageQueue;
  minOffset: number;
  maxOffset: number;
  lastUpdateTimestamp: number;
}

/** One queue's progress for a consumer group (GET_CONSUME_STATS). */
export interface QueueProgress {
  mq: MessageQueue;
  /** The queue's max offset. */
  brokerOffset: number;
  /** The group's committed offset. */
  consumerOffset: number;
  /** 5.x: the group's pull position. */
  pullOffset: number;
  /** Store time of the last consumed message. */
  lastTimestamp: number;
  /** `brokerOffset - consumerOffset`, never negative. */
  lag: number;
}

/** A consumer group's progress over every broker (mqadmin `consumerProgress`). */
export interface ConsumerProgress {
  /** Sorted by queue (topic, broker, queue id). */
  queues: QueueProgress[];
  consumeTps: number;
  /** Sum of the queue lags. */
  totalLag: number;
}

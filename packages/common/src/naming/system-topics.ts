/** Topics the broker owns (Java's `TopicValidator` constants and friends). */
export const SystemTopic = {
  /** Template for auto-created topics; perm 7 when `autoCreateTopicEnable`. */
  AUTO_CREATE_TOPIC_KEY: 'TBW102',
  SCHEDULE: 'SCHEDULE_TOPIC_XXXX',
  BENCHMARK: 'BenchmarkTest',
  TRANS_HALF: 'RMQ_SYS_TRANS_HALF_TOPIC',
  TRACE: 'RMQ_SYS_TRACE_TOPIC',
  TRANS_OP_HALF: 'RMQ_SYS_TRANS_OP_HALF_TOPIC',
  TRANS_CHECK_MAX_TIME: 'TRANS_CHECK_MAX_TIME_TOPIC',
  SELF_TEST: 'SELF_TEST_TOPIC',
  OFFSET_MOVED_EVENT: 'OFFSET_MOVED_EVENT',
  ROCKSDB_OFFSET: 'CHECKPOINT_TOPIC',
  /** 5.x timer wheel topic. */
  TIMER: 'rmq_sys_wheel_timer',
} as const;

/** Any topic starting with this is a system topic. */
export const SYSTEM_TOPIC_PREFIX = 'rmq_sys_';
/** Suffix of a cluster's reply topic (`<cluster>_REPLY_TOPIC`). */
export const REPLY_TOPIC_POSTFIX = 'REPLY_TOPIC';

/** The fixed system topic names (`TopicValidator.SYSTEM_TOPIC_SET` before start-up additions). */
export const SYSTEM_TOPICS: ReadonlySet<string> = new Set([
  SystemTopic.AUTO_CREATE_TOPIC_KEY,
  SystemTopic.SCHEDULE,
  SystemTopic.BENCHMARK,
  SystemTopic.TRANS_HALF,
  SystemTopic.TRACE,
  SystemTopic.TRANS_OP_HALF,
  SystemTopic.TRANS_CHECK_MAX_TIME,
  SystemTopic.SELF_TEST,
  SystemTopic.OFFSET_MOVED_EVENT,
  SystemTopic.ROCKSDB_OFFSET,
]);

/** Topics no client may send to (the broker answers NO_PERMISSION). */
export const NOT_ALLOWED_SEND_TOPICS: ReadonlySet<string> = new Set([
  SystemTopic.SCHEDULE,
  SystemTopic.TRANS_HALF,
  SystemTopic.TRANS_OP_HALF,
  SystemTopic.TRANS_CHECK_MAX_TIME,
  SystemTopic.SELF_TEST,
  SystemTopic.OFFSET_MOVED_EVENT,
]);

/**
 * Java's `TopicValidator.isSystemTopic`: a fixed system name, a `rmq_sys_` name, or one of
 * `registered` (a broker registers its cluster-name and broker-name topics at start).
 */
export function isSystemTopic(topic: string, registered?: ReadonlySet<string>): boolean {
  return SYSTEM_TOPICS.has(topic) || topic.startsWith(SYSTEM_TOPIC_PREFIX) || (registered?.has(topic) ?? false);
}

export function isNotAllowedSendTopic(topic: string): boolean {
  return NOT_ALLOWED_SEND_TOPICS.has(topic);
}

/** Remark of a send to a forbidden topic, as the broker and Java client word it. */
export function forbiddenSendRemark(topic: string): string {
  return `Sending message to topic[${topic}] is forbidden.`;
}

/** `<cluster>_REPLY_TOPIC` (request/reply). */
export function getReplyTopic(clusterName: string): string {
  return `${clusterName}_${REPLY_TOPIC_POSTFIX}`;
}

/** `rmq_sys_REVIVE_LOG_<cluster>` (5.x POP revive topic). */
export function getReviveTopic(clusterName: string): string {
  return `${SYSTEM_TOPIC_PREFIX}REVIVE_LOG_${clusterName}`;
}

/** `rmq_sys_SYNC_BROKER_MEMBER_<brokerName>` (5.x). */
export function getSyncBrokerMemberTopic(brokerName: string): string {
  return `${SYSTEM_TOPIC_PREFIX}SYNC_BROKER_MEMBER_${brokerName}`;
}

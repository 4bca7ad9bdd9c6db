import {
  createTopicConfig,
  getReplyTopic,
  getReviveTopic,
  getSyncBrokerMemberTopic,
  PermName,
  SystemTopic,
  type TopicConfig,
} from '@mq/common';
import type { BrokerConfig } from '../config/broker-config';

const READ_WRITE = PermName.PERM_READ | PermName.PERM_WRITE;
const INHERIT_READ_WRITE = READ_WRITE | PermName.PERM_INHERIT;
const INHERIT_ONLY = PermName.PERM_INHERIT;

/**
 * The topics a broker creates on every start (store-and-broker §11.3). `topics.json` is
 * merged over them: the file wins for the same name.
 */
export function startUpTopics(config: BrokerConfig): TopicConfig[] {
  const queues = (n: number) => ({ readQueueNums: n, writeQueueNums: n });
  const topics: TopicConfig[] = [
    createTopicConfig(SystemTopic.SELF_TEST, queues(1)),
    createTopicConfig(SystemTopic.BENCHMARK, queues(1024)),
    createTopicConfig(config.brokerClusterName, { perm: config.clusterTopicEnable ? INHERIT_READ_WRITE : INHERIT_ONLY }),
    createTopicConfig(config.brokerName, { ...queues(1), perm: config.brokerTopicEnable ? INHERIT_READ_WRITE : INHERIT_ONLY }),
    createTopicConfig(SystemTopic.OFFSET_MOVED_EVENT, queues(1)),
    createTopicConfig(SystemTopic.SCHEDULE, queues(18)),
    createTopicConfig(getReplyTopic(config.brokerClusterName), queues(1)),
    createTopicConfig(getReviveTopic(config.brokerClusterName), queues(config.reviveQueueNum)),
    createTopicConfig(getSyncBrokerMemberTopic(config.brokerName), { ...queues(1), perm: INHERIT_ONLY }),
    createTopicConfig(SystemTopic.TRANS_HALF, queues(1)),
    createTopicConfig(SystemTopic.TRANS_OP_HALF, queues(1)),
  ];
  if (config.autoCreateTopicEnable) {
    topics.push(
      createTopicConfig(SystemTopic.AUTO_CREATE_TOPIC_KEY, { ...queues(config.defaultTopicQueueNums), perm: INHERIT_READ_WRITE }),
    );
  }
  if (config.traceTopicEnable) topics.push(createTopicConfig(config.msgTraceTopicName, { ...queues(1), perm: READ_WRITE }));
  return topics;
}

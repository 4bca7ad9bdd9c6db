import type { MessageQueue } from '@mq/common';
import type { MessageModel } from '@mq/remoting';
import type { MQClientInstance } from '../instance/mq-client-instance';
import type { AllocateMessageQueueStrategy } from '../rebalance/allocate-strategy';

/**
 * One topic's share for this client (Java's `RebalanceImpl.rebalanceByTopic`): every queue
 * when broadcasting; otherwise the strategy's pick from the sorted queues and sorted
 * consumer ids the broker reports. Undefined when the group's consumers are unknown.
 */
export async function allocateQueues(
  instance: MQClientInstance,
  group: string,
  messageModel: MessageModel,
  strategy: AllocateMessageQueueStrategy,
  topicQueues: readonly MessageQueue[],
): Promise<MessageQueue[] | undefined> {
  if (messageModel === 'BROADCASTING' || topicQueues.length === 0) return [...topicQueues];
  const addr = instance.findAnyBrokerAddressOf(topicQueues[0]!.topic);
  if (!addr) return undefined;
  const cidAll = (await instance.api.getConsumerIdList(addr, group)).sort(compareText);
  if (cidAll.length === 0) return undefined;
  const mqAll = [...topicQueues].sort((a, b) => a.compareTo(b));
  return strategy.allocate(group, instance.clientId, mqAll, cidAll);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { CommonErrorCode, MQError, getLogger, type MessageQueue } from '@mq/common';

/**
 * Decides which of a topic's queues one consumer of a group takes (Java's
 * `AllocateMessageQueueStrategy`). Inputs arrive sorted: queues by (topic, brokerName,
 * queueId), client ids lexicographically; every consumer of the group must compute the same
 * split from the same inputs.
 */
export interface AllocateMessageQueueStrategy {
  /** Java's strategy name, e.g. `AVG`, reported in consumer running info. */
  readonly name: string;
  /** The queues of `mqAll` that `currentCid` takes; empty when it is not in `cidAll`. */
  allocate(group: string, currentCid: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[];
}

const log = getLogger('Rebalance');

/**
 * The common precondition of every strategy: throws on empty inputs, and returns false
 * (allocate nothing) when `currentCid` is not among `cidAll`.
 */
export function checkAllocateInputs(group: string, currentCid: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): boolean {
  if (!currentCid) throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, 'currentCID is empty');
  if (mqAll.length === 0) throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, 'mqAll is null or mqAll empty');
  if (cidAll.length === 0) throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, 'cidAll is null or cidAll empty');
  if (!cidAll.includes(currentCid)) {
    log.info({ group, currentCid, cidAll }, 'consumer id not among the group\'s consumers, allocating nothing');
    return false;
  }
  return true;
}

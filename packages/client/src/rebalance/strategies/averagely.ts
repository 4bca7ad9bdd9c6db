import { allocateAveragely, type MessageQueue } from '@mq/common';
import { checkAllocateInputs, type AllocateMessageQueueStrategy } from '../allocate-strategy';

/**
 * The default strategy: contiguous blocks, the first `n % c` consumers taking one extra
 * queue (8 queues, 3 consumers → 3, 3, 2).
 */
export class AllocateMessageQueueAveragely implements AllocateMessageQueueStrategy {
  readonly name = 'AVG';

  allocate(group: string, currentCid: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
    if (!checkAllocateInputs(group, currentCid, mqAll, cidAll)) return [];
    return allocateAveragely(mqAll, cidAll.indexOf(currentCid), cidAll.length);
  }
}

import type { MessageQueue } from '@mq/common';
import { checkAllocateInputs, type AllocateMessageQueueStrategy } from '../allocate-strategy';

/**
 * The default strategy: contiguous blocks, the first `n % c` consumers taking one extra
 * queue (8 queues, 3 consumers → 3, 3, 2).
 */
export class AllocateMessageQueueAveragely implements AllocateMessageQueueStrategy {
  readonly name = 'AVG';

  allocate(group: string, currentCid: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
    if (!checkAllocateInputs(group, currentCid, mqAll, cidAll)) return [];
    const index = cidAll.indexOf(currentCid);
    const queueCount = mqAll.length;
    const mod = queueCount % cidAll.length;
    const takesExtra = mod > 0 && index < mod;
    const averageSize = queueCount <= cidAll.length ? 1 : Math.floor(queueCount / cidAll.length) + (takesExtra ? 1 : 0);
    const start = takesExtra ? index * averageSize : index * averageSize + mod;
    const range = Math.min(averageSize, queueCount - start);
    return range > 0 ? mqAll.slice(start, start + range) : [];
  }
}

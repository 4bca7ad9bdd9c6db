import { allocateAveragelyByCircle, type MessageQueue } from '@mq/common';
import { checkAllocateInputs, type AllocateMessageQueueStrategy } from '../allocate-strategy';

/** Deals queues round-robin: consumer `i` takes queues `i, i + c, i + 2c, …`. */
export class AllocateMessageQueueAveragelyByCircle implements AllocateMessageQueueStrategy {
  readonly name = 'AVG_BY_CIRCLE';

  allocate(group: string, currentCid: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
    if (!checkAllocateInputs(group, currentCid, mqAll, cidAll)) return [];
    return allocateAveragelyByCircle(mqAll, cidAll.indexOf(currentCid), cidAll.length);
  }
}

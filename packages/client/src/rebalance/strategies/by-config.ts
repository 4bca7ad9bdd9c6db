import type { MessageQueue } from '@mq/common';
import type { AllocateMessageQueueStrategy } from '../allocate-strategy';

/** Always the configured queues, whatever the group looks like. */
export class AllocateMessageQueueByConfig implements AllocateMessageQueueStrategy {
  readonly name = 'CONFIG';

  constructor(private readonly messageQueues: readonly MessageQueue[]) {}

  allocate(): MessageQueue[] {
    return [...this.messageQueues];
  }
}

import { NotificationRequestHeader, NotificationResponseHeader, RemotingCommand } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import type { PopPollingLimits } from './pop-polling-limits';
import { checkBrokerReadable, checkPopTarget } from './pop-request-checks';
import type { PopService } from './pop-service';

/**
 * NOTIFICATION (200054): answers `hasMsg=true` as soon as a pop of the queue (or of any queue
 * for -1, retry topic included) would find a message, `hasMsg=false` at `bornTime + pollTime`,
 * and `pollingFull=true` when the long-polling limits refuse to hold it. Nothing is popped.
 */
export class NotificationProcessor {
  constructor(
    private readonly ctx: BrokerContext,
    private readonly pop: PopService,
    private readonly limits: PopPollingLimits,
  ) {}

  async process(request: RemotingCommand): Promise<RemotingCommand> {
    const header = NotificationRequestHeader.decode(request.extFields);
    checkBrokerReadable(this.ctx, 'notification');
    checkPopTarget(this.ctx, header.topic, header.queueId, header.consumerGroup, 'notification');
    const { hasMessages, pollingFull } = await this.pop.awaitMessages(
      {
        group: header.consumerGroup,
        topic: header.topic,
        pollTimeMs: Math.max(0, header.bornTime + header.pollTime - Date.now()),
        pollGate: this.limits.gate(header.topic, header.consumerGroup, header.queueId),
      },
      header.queueId,
    );
    const response = RemotingCommand.createResponse(request);
    response.extFields = NotificationResponseHeader.encode({ hasMsg: hasMessages, pollingFull });
    return response;
  }
}

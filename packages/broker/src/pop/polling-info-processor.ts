import { MQError } from '@mq/common';
import { PollingInfoRequestHeader, PollingInfoResponseHeader, RemotingCommand, ResponseCode } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import type { PopPollingLimits } from './pop-polling-limits';
import { checkBrokerReadable, checkPopTarget } from './pop-request-checks';

/** POLLING_INFO (200055): how many POP / NOTIFICATION requests are held for the queue. */
export class PollingInfoProcessor {
  constructor(
    private readonly ctx: BrokerContext,
    private readonly limits: PopPollingLimits,
  ) {}

  process(request: RemotingCommand): RemotingCommand {
    const header = PollingInfoRequestHeader.decode(request.extFields);
    checkBrokerReadable(this.ctx, 'polling info');
    if (header.queueId < 0) throw new MQError(ResponseCode.INVALID_PARAMETER, `queueId[${header.queueId}] is illegal: name one queue`);
    checkPopTarget(this.ctx, header.topic, header.queueId, header.consumerGroup, 'polling info');
    const response = RemotingCommand.createResponse(request);
    response.extFields = PollingInfoResponseHeader.encode({ pollingNum: this.limits.held(header.topic, header.consumerGroup, header.queueId) });
    return response;
  }
}

import { MQError, parsePopRetryTopic } from '@mq/common';
import { ChangeInvisibleTimeRequestHeader, ChangeInvisibleTimeResponseHeader, RemotingCommand, ResponseCode } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { parseExtraInfo } from './ack-message-processor';
import { checkAckTarget } from './pop-request-checks';
import { InvalidReceiptHandleError, type PopService } from './pop-service';

/**
 * CHANGE_MESSAGE_INVISIBLETIME (200053), store-and-broker §15.4: the message becomes invisible
 * for `invisibleTime` from now. The answer's `popTime` and `invisibleTime` are what the client
 * builds the new `POP_CK` from (`offset popTime invisibleTime reviveQid retryFlag brokerName
 * queueId offset`); the old handle becomes stale. A handle no longer in flight (acked,
 * changed, revived) answers NO_MESSAGE, where Apache would write a fresh checkpoint and
 * deliver the message once more.
 */
export class ChangeInvisibleTimeProcessor {
  constructor(
    private readonly ctx: BrokerContext,
    private readonly pop: PopService,
  ) {}

  process(request: RemotingCommand): RemotingCommand {
    const header = ChangeInvisibleTimeRequestHeader.decode(request.extFields);
    checkAckTarget(this.ctx, header.topic, header.queueId, header.offset, false);
    if (header.invisibleTime < 0) throw new MQError(ResponseCode.INVALID_PARAMETER, `invisibleTime ${header.invisibleTime} is negative`);
    const handle = { ...parseExtraInfo(header.extraInfo), queueId: header.queueId, offset: header.offset };
    try {
      const renewed = this.pop.changeInvisibleTimeOf(header.consumerGroup, parsePopRetryTopic(header.topic, header.consumerGroup), handle, header.invisibleTime, {
        allowExpired: true,
      });
      const response = RemotingCommand.createResponse(request);
      response.extFields = ChangeInvisibleTimeResponseHeader.encode({
        popTime: renewed.retrieveTime,
        invisibleTime: renewed.invisibleTime,
        reviveQid: renewed.reviveQueueId,
      });
      return response;
    } catch (error) {
      if (!(error instanceof InvalidReceiptHandleError)) throw error;
      return RemotingCommand.createResponse(request, ResponseCode.NO_MESSAGE, error.remark);
    }
  }
}

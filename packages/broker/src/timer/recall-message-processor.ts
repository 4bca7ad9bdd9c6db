import { hostFromSocket, MessageConst, MQError, parseHostAddress } from '@mq/common';
import {
  RecallMessageRequestHeader,
  RecallMessageResponseHeader,
  RemotingCommand,
  ResponseCode,
  type RemotingChannel,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { recallTimerMessage } from './timer-recall';

/**
 * RECALL_MESSAGE (370, 5.3.2+): cancels a pending timer message by the `recallHandle` its send
 * answered. Answers `msgId` = the message's unique key; every answer, refusals included, carries
 * `MSG_REGION`, as the reference's.
 */
export class RecallMessageProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  /** Serves one recall. A header without `topic` or `recallHandle` is refused with SYSTEM_ERROR. */
  async process(request: RemotingCommand, channel: RemotingChannel): Promise<RemotingCommand> {
    const header = RecallMessageRequestHeader.decode(request.extFields);
    const response = await this.recall(request, header, channel);
    response.extFields = { ...response.extFields, [MessageConst.PROPERTY_MSG_REGION]: this.ctx.config.regionId };
    return response;
  }

  private async recall(request: RemotingCommand, header: RecallMessageRequestHeader, channel: RemotingChannel): Promise<RemotingCommand> {
    const born = parseHostAddress(channel.remoteAddress);
    try {
      const msgId = await recallTimerMessage(this.ctx, {
        topic: header.topic,
        recallHandle: header.recallHandle,
        producerGroup: header.producerGroup,
        bornHost: hostFromSocket(born.address, born.port),
      });
      const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
      response.extFields = RecallMessageResponseHeader.encode({ msgId });
      return response;
    } catch (error) {
      if (!(error instanceof MQError)) throw error;
      return RemotingCommand.createResponse(request, error.code, error.remark);
    }
  }
}

import {
  GetEarliestMsgStoretimeRequestHeader,
  GetEarliestMsgStoretimeResponseHeader,
  GetMaxOffsetRequestHeader,
  GetMinOffsetRequestHeader,
  OffsetResponseHeader,
  RemotingCommand,
  ResponseCode,
  SearchOffsetRequestHeader,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';

/**
 * GET_MAX_OFFSET (30), GET_MIN_OFFSET (31), SEARCH_OFFSET_BY_TIMESTAMP (29) and
 * GET_EARLIEST_MSG_STORETIME (32): queue bounds and time search (remoting §8.6).
 */
export class QueueOffsetProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  maxOffset(request: RemotingCommand): RemotingCommand {
    const header = GetMaxOffsetRequestHeader.decode(request.extFields);
    return offsetResponse(request, this.ctx.store.getMaxOffsetInQueue(header.topic, header.queueId));
  }

  minOffset(request: RemotingCommand): RemotingCommand {
    const header = GetMinOffsetRequestHeader.decode(request.extFields);
    return offsetResponse(request, this.ctx.store.getMinOffsetInQueue(header.topic, header.queueId));
  }

  async searchOffset(request: RemotingCommand): Promise<RemotingCommand> {
    const header = SearchOffsetRequestHeader.decode(request.extFields);
    return offsetResponse(request, await this.ctx.store.getOffsetInQueueByTime(header.topic, header.queueId, header.timestamp));
  }

  async earliestMessageTime(request: RemotingCommand): Promise<RemotingCommand> {
    const header = GetEarliestMsgStoretimeRequestHeader.decode(request.extFields);
    const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    const timestamp = await this.ctx.store.getEarliestMessageTime(header.topic, header.queueId);
    response.extFields = GetEarliestMsgStoretimeResponseHeader.encode({ timestamp });
    return response;
  }
}

function offsetResponse(request: RemotingCommand, offset: number): RemotingCommand {
  const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
  response.extFields = OffsetResponseHeader.encode({ offset });
  return response;
}

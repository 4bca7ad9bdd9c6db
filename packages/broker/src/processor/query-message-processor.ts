import { MQError } from '@mq/common';
import {
  QueryMessageRequestHeader,
  QueryMessageResponseHeader,
  RemotingCommand,
  ResponseCode,
  ViewMessageRequestHeader,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';

/** QUERY_MESSAGE (12) by key or unique key, and VIEW_MESSAGE_BY_ID (33) (remoting §8.10–§8.11). */
export class QueryMessageProcessor {
  constructor(
    private readonly ctx: BrokerContext,
    /** The store's `defaultQueryMaxNum`, used for unique-key queries. */
    private readonly defaultQueryMaxNum: number,
  ) {}

  async queryMessage(request: RemotingCommand): Promise<RemotingCommand> {
    const header = QueryMessageRequestHeader.decode(request.extFields);
    const maxNum = header.uniqueKeyQuery ? this.defaultQueryMaxNum : header.maxNum;
    const result = await this.ctx.store.queryMessage(header.topic, header.key, maxNum, header.beginTimestamp, header.endTimestamp);
    if (result.messageBufferList.length === 0) {
      throw new MQError(ResponseCode.QUERY_NOT_FOUND, 'can not find message, maybe time range not correct');
    }
    const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    response.extFields = QueryMessageResponseHeader.encode({
      indexLastUpdateTimestamp: result.indexLastUpdateTimestamp,
      indexLastUpdatePhyoffset: result.indexLastUpdatePhyoffset,
    });
    response.body = Buffer.concat(result.messageBufferList, result.bufferTotalSize);
    return response;
  }

  async viewMessageById(request: RemotingCommand): Promise<RemotingCommand> {
    const header = ViewMessageRequestHeader.decode(request.extFields);
    const record = await this.ctx.store.selectOneMessageByOffset(header.offset);
    if (!record) throw new MQError(ResponseCode.SYSTEM_ERROR, `can not find message by the offset, ${header.offset}`);
    const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    response.body = record;
    return response;
  }
}

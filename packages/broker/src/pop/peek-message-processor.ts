import { PeekMessageRequestHeader, PopMessageResponseHeader, RemotingCommand, ResponseCode } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { checkBrokerReadable, checkPopTarget } from './pop-request-checks';
import { POP_MAX_BATCH, type PopService } from './pop-service';

/**
 * PEEK_MESSAGE (200052), store-and-broker §15.4: the records the next pop would read (retry
 * topic included), as stored, without making them invisible and without long polling.
 * SUCCESS with the records, else PULL_NOT_FOUND; the header carries `restNum`.
 */
export class PeekMessageProcessor {
  constructor(
    private readonly ctx: BrokerContext,
    private readonly pop: PopService,
  ) {}

  async process(request: RemotingCommand): Promise<RemotingCommand> {
    const header = PeekMessageRequestHeader.decode(request.extFields);
    checkBrokerReadable(this.ctx, 'peek');
    checkPopTarget(this.ctx, header.topic, header.queueId, header.consumerGroup, 'peek');
    const maxMsgNums = Math.min(Math.max(header.maxMsgNums, 0), POP_MAX_BATCH);
    const { records, restNum } = await this.pop.peek(header.consumerGroup, header.topic, header.queueId, maxMsgNums);
    const found = records.length > 0;
    const response = RemotingCommand.createResponse(request, found ? ResponseCode.SUCCESS : ResponseCode.PULL_NOT_FOUND, found ? 'FOUND' : 'NO_MESSAGE_IN_QUEUE');
    response.extFields = PopMessageResponseHeader.encode({ restNum });
    if (found) response.body = Buffer.concat(records);
    return response;
  }
}

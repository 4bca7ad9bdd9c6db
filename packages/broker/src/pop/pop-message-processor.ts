import { decodeStoredRecord, encodeStoredRecord, MessageConst, MQError } from '@mq/common';
import { PopMessageRequestHeader, PopMessageResponseHeader, RemotingCommand, ResponseCode, type ExtFields } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { encodeExtraInfo, msgOffsetInfo, orderCountInfo, startOffsetInfo } from './extra-info';
import { popMessageFilter } from './pop-filter';
import type { PopPollingLimits } from './pop-polling-limits';
import { checkBrokerReadable, checkPopTarget } from './pop-request-checks';
import { POP_MAX_BATCH, type PopService } from './pop-service';
import type { PopBatch, PoppedMessage } from './pop-types';
import { PopTopicType } from './receipt-handle';

/** A request that arrives this long after `bornTime + pollTime` is answered POLLING_TIMEOUT at once. */
const TIMEOUT_TOO_MUCH_MS = 500;

/**
 * POP_MESSAGE (200050, store-and-broker §15.2) on top of {@link PopService}: the checks and
 * their codes, the filter, long polling until `bornTime + pollTime` (the request is answered
 * asynchronously; other requests on the connection go on), and the response the Java client
 * builds each message's `POP_CK` from. Retry-topic messages are re-encoded with the original
 * topic and their full `POP_CK` (`popResponseReturnActualRetryTopic=false`).
 */
export class PopMessageProcessor {
  constructor(
    private readonly ctx: BrokerContext,
    private readonly pop: PopService,
    private readonly limits: PopPollingLimits,
  ) {}

  async process(request: RemotingCommand): Promise<RemotingCommand> {
    const header = PopMessageRequestHeader.decode(withBornTime(request.extFields));
    const now = Date.now();
    if (now - header.bornTime - header.pollTime > TIMEOUT_TOO_MUCH_MS) {
      return emptyResponse(request, ResponseCode.POLLING_TIMEOUT, `the broker[${this.ctx.config.brokerIP1}] pop message is timeout too much`);
    }
    checkBrokerReadable(this.ctx, 'pop');
    if (header.maxMsgNums > POP_MAX_BATCH) {
      throw new MQError(ResponseCode.INVALID_PARAMETER, `the broker[${this.ctx.config.brokerIP1}] pop message's num is greater than ${POP_MAX_BATCH}`);
    }
    if (!this.ctx.config.timerWheelEnable) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, `the broker[${this.ctx.config.brokerIP1}] pop message is forbidden because timerWheelEnable is false`);
    }
    checkPopTarget(this.ctx, header.topic, header.queueId, header.consumerGroup, 'pop');
    const batch = await this.pop.popBatch({
      group: header.consumerGroup,
      topic: header.topic,
      queueId: header.queueId,
      maxMsgNums: Math.max(header.maxMsgNums, 0),
      invisibleTimeMs: header.invisibleTime,
      pollTimeMs: header.pollTime > 0 ? Math.max(0, header.bornTime + header.pollTime - now) : 0,
      initMode: header.initMode,
      filter: popMessageFilter(header.topic, header.expType, header.exp),
      fifo: header.order,
      attemptId: header.attemptId,
      pollGate: this.limits.gate(header.topic, header.consumerGroup, header.queueId),
    });
    if (batch.messages.length > 0) return this.found(request, header, batch);
    if (batch.pollingFull) return emptyResponse(request, ResponseCode.POLLING_FULL, 'NO_MESSAGE_IN_QUEUE', batch);
    return emptyResponse(request, ResponseCode.POLLING_TIMEOUT, 'NO_MESSAGE_IN_QUEUE', batch);
  }

  private found(request: RemotingCommand, header: PopMessageRequestHeader, batch: PopBatch): RemotingCommand {
    const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS, 'FOUND');
    response.extFields = PopMessageResponseHeader.encode({
      ...responseNumbers(batch),
      startOffsetInfo: startOffsetInfo(batch.queues),
      msgOffsetInfo: msgOffsetInfo(batch.queues),
      orderCountInfo: header.order ? orderCountInfo(batch.queues) : undefined,
    });
    response.body = Buffer.concat(batch.messages.map((popped) => this.recordOf(popped, header.topic, batch)));
    return response;
  }

  /** The stored record, or for a retry-topic message its copy under the original topic with `POP_CK` set. */
  private recordOf(popped: PoppedMessage, topic: string, batch: PopBatch): Buffer {
    if (popped.topicType === PopTopicType.NORMAL) return popped.record;
    const { message } = decodeStoredRecord(popped.record, 0, { decompressBody: false });
    const startOffset = batch.queues.find((q) => q.topicType === popped.topicType && q.queueId === message.queueId)?.startOffset ?? message.queueOffset;
    if (!message.getProperty(MessageConst.PROPERTY_POP_CK)) {
      message.putProperty(
        MessageConst.PROPERTY_POP_CK,
        encodeExtraInfo({
          startOffset,
          retrieveTime: batch.popTime,
          invisibleTime: batch.invisibleTime,
          reviveQueueId: batch.reviveQueueId,
          topicType: popped.topicType,
          brokerName: this.ctx.config.brokerName,
          queueId: message.queueId,
          offset: message.queueOffset,
          commitLogOffset: message.commitLogOffset,
        }),
      );
    }
    message.topic = topic;
    return encodeStoredRecord(message);
  }
}

/** Apache fills a missing or zero `bornTime` with the broker's clock before decoding. */
function withBornTime(extFields: ExtFields | undefined): ExtFields {
  const bornTime = extFields?.bornTime;
  return bornTime && bornTime !== '0' ? (extFields as ExtFields) : { ...extFields, bornTime: String(Date.now()) };
}

function responseNumbers(batch: PopBatch): { popTime: number; invisibleTime: number; reviveQid: number; restNum: number } {
  return { popTime: batch.popTime, invisibleTime: batch.invisibleTime, reviveQid: batch.reviveQueueId, restNum: batch.restNum };
}

/** A response without messages; its header still carries the numbers the Java client decodes. */
function emptyResponse(request: RemotingCommand, code: number, remark: string, batch?: PopBatch): RemotingCommand {
  const response = RemotingCommand.createResponse(request, code, remark);
  response.extFields = PopMessageResponseHeader.encode(batch ? responseNumbers(batch) : {});
  return response;
}

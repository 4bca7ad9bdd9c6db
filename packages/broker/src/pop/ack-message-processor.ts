import { buildPopRetryTopic, getLogger, MQError, parsePopRetryTopic } from '@mq/common';
import {
  AckMessageRequestHeader,
  BatchAckMessageRequestBody,
  decodeAckBitSet,
  RemotingCommand,
  ResponseCode,
  type BatchAck,
} from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { decodeExtraInfo } from './extra-info';
import { checkAckTarget } from './pop-request-checks';
import { InvalidReceiptHandleError, type PopService } from './pop-service';
import { PopTopicType, type ReceiptHandle } from './receipt-handle';

const log = getLogger('AckMessageProcessor');

/**
 * ACK_MESSAGE (200051) and BATCH_ACK_MESSAGE (200151), store-and-broker §15.4. Acks are
 * idempotent, as Apache's ack records are: an ack whose handle is stale (already acked,
 * changed, revived) answers SUCCESS and changes nothing. An ack after the invisible time but
 * before the message is revived still counts, as in Apache until the revive scan reaches it.
 */
export class AckMessageProcessor {
  constructor(
    private readonly ctx: BrokerContext,
    private readonly pop: PopService,
  ) {}

  ack(request: RemotingCommand): RemotingCommand {
    const header = AckMessageRequestHeader.decode(request.extFields);
    checkAckTarget(this.ctx, header.topic, header.queueId, header.offset, true);
    const handle = parseExtraInfo(header.extraInfo);
    this.ackQuietly(header.consumerGroup, parsePopRetryTopic(header.topic, header.consumerGroup), { ...handle, queueId: header.queueId, offset: header.offset });
    return RemotingCommand.createResponse(request);
  }

  /** Each set bit `i` of an entry acks `startOffset + i`; offsets outside the queue are skipped. */
  batchAck(request: RemotingCommand): RemotingCommand {
    const body = request.body?.length ? BatchAckMessageRequestBody.decode(request.body) : undefined;
    if (!body?.acks?.length) return RemotingCommand.createResponse(request, ResponseCode.NO_MESSAGE, 'no ack in the request body');
    for (const entry of body.acks) this.ackEntry(entry, body.brokerName ?? this.ctx.config.brokerName);
    return RemotingCommand.createResponse(request);
  }

  private ackEntry(entry: BatchAck, brokerName: string): void {
    const group = entry.c ?? '';
    const topic = entry.t ?? '';
    const topicType = retryFlag(entry.r);
    const realTopic = topicType === PopTopicType.NORMAL ? topic : buildPopRetryTopic(topic, group, topicType === PopTopicType.RETRY_V2);
    const min = this.ctx.store.getMinOffsetInQueue(realTopic, entry.q);
    const max = this.ctx.store.getMaxOffsetInQueue(realTopic, entry.q);
    for (const bit of decodeAckBitSet(entry.b ?? '')) {
      const offset = entry.so + bit;
      if (offset < min || offset > max) continue;
      this.ackQuietly(group, topic, {
        startOffset: entry.so,
        retrieveTime: entry.pt,
        invisibleTime: entry.it,
        reviveQueueId: entry.rq,
        topicType,
        brokerName,
        queueId: entry.q,
        offset,
        commitLogOffset: -1,
      });
    }
  }

  private ackQuietly(group: string, topic: string, handle: ReceiptHandle): void {
    try {
      this.pop.ackHandle(group, topic, handle, { allowExpired: true });
    } catch (error) {
      if (!(error instanceof InvalidReceiptHandleError)) throw error;
      log.debug({ group, topic, queueId: handle.queueId, offset: handle.offset }, 'ack of a message no longer in flight ignored');
    }
  }
}

/** The handle an `extraInfo` (`POP_CK`) names. @throws MQError SYSTEM_ERROR when malformed (Apache fails parsing it too). */
export function parseExtraInfo(extraInfo: string): ReceiptHandle {
  const handle = decodeExtraInfo(extraInfo);
  if (!handle) throw new MQError(ResponseCode.SYSTEM_ERROR, `extraInfo is malformed (want the message's POP_CK property): ${extraInfo}`);
  return handle;
}

function retryFlag(text: string | undefined): number {
  const flag = Number(text);
  if (flag === PopTopicType.NORMAL || flag === PopTopicType.RETRY_V1 || flag === PopTopicType.RETRY_V2) return flag;
  throw new MQError(ResponseCode.SYSTEM_ERROR, `BatchAck retry flag must be 0, 1 or 2, got ${JSON.stringify(text)}`);
}

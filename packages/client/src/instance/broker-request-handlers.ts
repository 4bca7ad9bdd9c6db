import { MessageConst, MessageQueue, decodeStoredRecord, getLogger, type MessageExt } from '@mq/common';
import {
  CheckTransactionStateRequestHeader,
  ConsumeMessageDirectlyResult,
  ConsumeMessageDirectlyResultRequestHeader,
  ConsumerRunningInfo,
  GetConsumerRunningInfoRequestHeader,
  NotifyConsumerIdsChangedRequestHeader,
  RemotingCommand,
  ReplyMessageRequestHeader,
  RequestCode,
  ResetOffsetBody,
  ResetOffsetRequestHeader,
  ResponseCode,
} from '@mq/remoting';
import type { ConsumerMember, ProducerMember } from './client-members';
import type { PendingReplies } from '../producer/pending-replies';
import { replyFromPush } from '../producer/request-reply';
import type { MQClientAPI } from './mq-client-api';

/** The parts of the client instance the handlers use. */
export interface BrokerRequestTarget {
  readonly api: MQClientAPI;
  readonly producers: ReadonlyMap<string, ProducerMember>;
  readonly consumers: ReadonlyMap<string, ConsumerMember>;
  readonly pendingReplies: PendingReplies;
}

const log = getLogger('ClientRemotingProcessor');

/**
 * Serves the requests brokers send to clients (Java's `ClientRemotingProcessor`):
 * transaction check-backs, consumer-id changes, offset resets, running info and direct
 * consumption.
 */
export function registerBrokerRequestHandlers(instance: BrokerRequestTarget): void {
  const remoting = instance.api.remoting;

  remoting.registerProcessor(RequestCode.CHECK_TRANSACTION_STATE, (request, channel) => {
    const header = CheckTransactionStateRequestHeader.decode(request.extFields);
    const message = decodeBodyMessage(request);
    const group = message?.producerGroup;
    const producer = group === undefined ? undefined : instance.producers.get(group);
    if (!message || !producer?.checkTransactionState) {
      log.warn({ group, broker: channel.remoteAddress }, 'transaction check for a group without a transactional producer here');
      return;
    }
    producer.checkTransactionState(channel.remoteAddress, message, header);
  });

  remoting.registerProcessor(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, (request) => {
    let reply: MessageExt;
    try {
      reply = replyFromPush(ReplyMessageRequestHeader.decode(request.extFields), request.body);
    } catch (error) {
      return RemotingCommand.createResponse(request, ResponseCode.SYSTEM_ERROR, `bad reply message: ${(error as Error).message}`);
    }
    const correlationId = reply.getProperty(MessageConst.PROPERTY_CORRELATION_ID) ?? '';
    if (!instance.pendingReplies.complete(correlationId, reply)) {
      log.warn({ correlationId, topic: reply.topic }, 'reply for no waiting request (timed out or not ours)');
    }
    return RemotingCommand.createResponse(request);
  });

  remoting.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (request) => {
    const { consumerGroup } = NotifyConsumerIdsChangedRequestHeader.decode(request.extFields);
    log.info({ consumerGroup }, 'consumer ids changed, rebalancing');
    for (const consumer of instance.consumers.values()) consumer.rebalanceSoon();
  });

  remoting.registerProcessor(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, async (request) => {
    const header = ResetOffsetRequestHeader.decode(request.extFields);
    const consumer = instance.consumers.get(header.group);
    if (consumer?.resetOffsets && request.body) {
      const offsets = ResetOffsetBody.decode(request.body).offsetTable.map(
        ([mq, offset]) => [new MessageQueue(mq.topic ?? header.topic, mq.brokerName ?? '', mq.queueId), offset] as [MessageQueue, number],
      );
      await consumer.resetOffsets(header.topic, offsets);
    }
    return RemotingCommand.createResponse(request);
  });

  remoting.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, async (request) => {
    const header = GetConsumerRunningInfoRequestHeader.decode(request.extFields);
    const info = await instance.consumers.get(header.consumerGroup)?.runningInfo?.();
    if (!info) {
      return RemotingCommand.createResponse(request, ResponseCode.SYSTEM_ERROR, `The Consumer Group <${header.consumerGroup}> not exist in this consumer`);
    }
    const response = RemotingCommand.createResponse(request);
    response.body = ConsumerRunningInfo.encode(info);
    return response;
  });

  remoting.registerProcessor(RequestCode.CONSUME_MESSAGE_DIRECTLY, async (request) => {
    const header = ConsumeMessageDirectlyResultRequestHeader.decode(request.extFields);
    const consumer = instance.consumers.get(header.consumerGroup);
    const message = decodeBodyMessage(request);
    if (!consumer?.consumeDirectly || !message) {
      return RemotingCommand.createResponse(request, ResponseCode.SYSTEM_ERROR, `The Consumer Group <${header.consumerGroup}> not exist in this consumer`);
    }
    const response = RemotingCommand.createResponse(request);
    response.body = ConsumeMessageDirectlyResult.encode(await consumer.consumeDirectly(message, header.brokerName));
    return response;
  });
}

function decodeBodyMessage(request: RemotingCommand): MessageExt | undefined {
  if (!request.body || request.body.length === 0) return undefined;
  try {
    return decodeStoredRecord(request.body).message;
  } catch (error) {
    log.warn({ code: request.code, err: (error as Error).message }, 'cannot decode the message in a broker request');
    return undefined;
  }
}

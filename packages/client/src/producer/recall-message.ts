import { checkClientTopic, CommonErrorCode, isDLQTopic, isRetryTopic, MQError } from '@mq/common';
import {
  decodeRecallHandle,
  RecallMessageRequestHeader,
  RecallMessageResponseHeader,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  type RecallHandle,
} from '@mq/remoting';

/**
 * The producer's checks before a recall is sent (Java's `DefaultMQProducerImpl.recallMessage`):
 * a valid topic that is neither a retry nor a DLQ topic, and a v1 handle. Answers the decoded
 * handle, whose broker the recall goes to.
 * @throws MQError CLIENT_PARAMETER_CHECK_ERROR otherwise.
 */
export function checkRecallArguments(topic: string, recallHandle: string): RecallHandle {
  checkClientTopic(topic);
  if (isRetryTopic(topic) || isDLQTopic(topic)) {
    throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `topic is not supported: ${topic} is a retry or DLQ topic`);
  }
  const handle = decodeRecallHandle(recallHandle);
  if (!handle) throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, 'recall handle is invalid: use the recallHandle of a SendResult');
  return handle;
}

/** The RECALL_MESSAGE (370) request for a handle's message, addressed to the handle's broker. */
export function buildRecallRequest(producerGroup: string, topic: string, recallHandle: string, handle: RecallHandle): RemotingCommand {
  const header = RecallMessageRequestHeader.encode({ producerGroup, topic, recallHandle, bname: handle.brokerName });
  return RemotingCommand.createRequest(RequestCode.RECALL_MESSAGE, header);
}

/**
 * The recalled message's id from a RECALL_MESSAGE response.
 * @throws MQError with the broker's code when it refused the recall.
 */
export function recalledMessageId(response: RemotingCommand, brokerAddr: string): string {
  if (response.code !== ResponseCode.SUCCESS) {
    throw new MQError(response.code, `broker ${brokerAddr} refused the recall: ${response.remark ?? `code ${response.code}`}`);
  }
  return RecallMessageResponseHeader.decode(response.extFields).msgId;
}

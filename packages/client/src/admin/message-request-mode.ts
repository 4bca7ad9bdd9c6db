import { MQError } from '@mq/common';
import {
  MessageRequestModeSerializeWrapper,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  SetMessageRequestModeRequestBody,
  type MessageRequestMode,
} from '@mq/remoting';
import type { MQClientAPI } from '../instance/mq-client-api';

/** mqadmin `setConsumeMode` gives the broker 5 s. */
const SET_MODE_TIMEOUT_MS = 5_000;

/** What `setMessageRequestMode` asks a broker to set. */
export interface MessageRequestModeChange {
  topic: string;
  consumerGroup: string;
  mode: MessageRequestMode;
  /** POP only: a consumer also pops the queues of this many consumers after it (≤ 0: every queue). */
  popShareQueueNum: number;
}

/**
 * Switches how a group reads a topic's queues that one broker assigns (SET_MESSAGE_REQUEST_MODE).
 * @throws MQError with the broker's code: NO_PERMISSION (retry topic), TOPIC_NOT_EXIST, SUBSCRIPTION_GROUP_NOT_EXIST.
 */
export async function setMessageRequestMode(api: MQClientAPI, brokerAddr: string, change: MessageRequestModeChange): Promise<void> {
  const body = SetMessageRequestModeRequestBody.encode(change);
  await api.call(brokerAddr, RemotingCommand.createRequest(RequestCode.SET_MESSAGE_REQUEST_MODE, {}, body), SET_MODE_TIMEOUT_MS);
}

/** Every topic/group mode set on one broker (GET_ALL_MESSAGE_REQUEST_MODE). */
export async function getAllMessageRequestMode(api: MQClientAPI, brokerAddr: string): Promise<MessageRequestModeSerializeWrapper> {
  const response = await api.call(brokerAddr, RemotingCommand.createRequest(RequestCode.GET_ALL_MESSAGE_REQUEST_MODE));
  if (!response.body) throw new MQError(ResponseCode.SYSTEM_ERROR, `broker ${brokerAddr} sent no message request modes`);
  return MessageRequestModeSerializeWrapper.decode(response.body);
}

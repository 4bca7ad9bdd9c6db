import { MQError, decodeStoredRecords, type MessageExt, type MessageQueue } from '@mq/common';
import { PullMessageRequestHeader, PullMessageResponseHeader, RemotingCommand, RequestCode, ResponseCode, type HeaderInit } from '@mq/remoting';
import type { MQClientInstance } from '../instance/mq-client-instance';
import { matchesSubscription, type Subscription } from './subscription';

/** Outcome of one pull (Java's `PullStatus`). */
export type PullStatus = 'FOUND' | 'NO_NEW_MSG' | 'NO_MATCHED_MSG' | 'OFFSET_ILLEGAL';

/** One pull's answer (Java's `PullResult`), messages already decoded and tag-filtered. */
export interface PullResult {
  status: PullStatus;
  nextBeginOffset: number;
  minOffset: number;
  maxOffset: number;
  messages: MessageExt[];
  suggestWhichBrokerId: number;
}

const STATUS_BY_CODE: ReadonlyMap<number, PullStatus> = new Map([
  [ResponseCode.SUCCESS, 'FOUND'],
  [ResponseCode.PULL_NOT_FOUND, 'NO_NEW_MSG'],
  [ResponseCode.PULL_RETRY_IMMEDIATELY, 'NO_MATCHED_MSG'],
  [ResponseCode.PULL_OFFSET_MOVED, 'OFFSET_ILLEGAL'],
]);

/** Fields of a pull the caller chooses. */
export type PullRequestInit = Omit<HeaderInit<typeof PullMessageRequestHeader.fields>, 'topic' | 'queueId' | 'bname'>;

/**
 * Pulls from a queue's broker and decodes the stored records of a FOUND answer. `rpcTimeoutMs`
 * must exceed `suspendTimeoutMillis` for long polling. Aborting `signal` abandons the call.
 * Lite pull consumers send LITE_PULL_MESSAGE (361) as `requestCode`.
 */
export async function pullMessage(
  instance: MQClientInstance,
  mq: MessageQueue,
  init: PullRequestInit,
  subscription: Subscription | undefined,
  rpcTimeoutMs: number,
  signal?: AbortSignal,
  brokerId = 0,
  requestCode: number = RequestCode.PULL_MESSAGE,
): Promise<PullResult> {
  const addr = await brokerAddressFor(instance, mq, brokerId);
  const header = PullMessageRequestHeader.encode({ ...init, topic: mq.topic, queueId: mq.queueId, bname: mq.brokerName });
  const request = RemotingCommand.createRequest(requestCode, header);
  const response = await instance.api.remoting.invoke(addr, request, rpcTimeoutMs, { signal });
  const status = STATUS_BY_CODE.get(response.code);
  if (!status) throw new MQError(response.code, response.remark ?? `pull from ${addr} failed with code ${response.code}`);
  const fields = PullMessageResponseHeader.decode(response.extFields);
  const decoded = status === 'FOUND' && response.body ? decodeStoredRecords(response.body) : [];
  for (const message of decoded) message.brokerName = mq.brokerName;
  return {
    status,
    nextBeginOffset: fields.nextBeginOffset,
    minOffset: fields.minOffset,
    maxOffset: fields.maxOffset,
    suggestWhichBrokerId: fields.suggestWhichBrokerId,
    messages: subscription ? decoded.filter((message) => matchesSubscription(subscription, message)) : decoded,
  };
}

/** The address to pull `mq` from, refreshing the route once if the broker is unknown. */
export async function brokerAddressFor(instance: MQClientInstance, mq: MessageQueue, brokerId = 0): Promise<string> {
  let addr = instance.findBrokerAddressInSubscribe(mq.brokerName, brokerId);
  if (!addr) {
    await instance.updateTopicRoute(mq.topic);
    addr = instance.findBrokerAddressInSubscribe(mq.brokerName, brokerId);
  }
  if (!addr) throw new MQError(ResponseCode.SYSTEM_ERROR, `The broker[${mq.brokerName}] not exist`);
  return addr;
}

import { getLogger, isWriteable, MessageConst, MessageExt, MQError, type HostAddress } from '@mq/common';
import { decodeRecallHandle, parseJavaLong, ResponseCode, type RecallHandle } from '@mq/remoting';
import { isPutStored } from '@mq/store';
import type { BrokerContext } from '../broker-context';
import type { BrokerConfig } from '../config/broker-config';
import { timerDeleteKey } from './recall-handle';
import { applyTimerTransform } from './timer-message-transform';

/** Tag of the delete markers a recall writes. */
const RECALL_MESSAGE_TAG = '_RECALL_TAG_';
const BROKER_UNAVAILABLE = 'recall failed, broker service not available';

const log = getLogger('TimerRecall');

/** What a recall names (RECALL_MESSAGE header or gRPC RecallMessage) and who asks. */
export interface RecallRequest {
  readonly topic: string;
  readonly recallHandle: string;
  /** Written into the delete marker's `PGROUP` when given. */
  readonly producerGroup?: string;
  readonly bornHost: HostAddress;
}

/**
 * Recalls a pending timer message (RECALL_MESSAGE, broker side): writes a delete marker into the
 * message's timer slot, so the timer drops the message when the slot fires. Answers the recalled
 * message's unique key. Like the reference, a valid handle of an unknown message succeeds too.
 * @throws MQError NO_PERMISSION when `recallMessageEnable` is off; SLAVE_NOT_AVAILABLE on a slave;
 *   SERVICE_NOT_AVAILABLE before `startAcceptSendRequestTimeStamp` or while the broker is not
 *   writeable (unless `allowRecallWhenBrokerNotWriteable`); TOPIC_NOT_EXIST; ILLEGAL_OPERATION for
 *   a malformed handle, another topic or broker, or a slot time that has passed (the message was
 *   delivered) or lies beyond `timerMaxDelaySec`; SYSTEM_ERROR when the marker cannot be stored.
 */
export async function recallTimerMessage(ctx: BrokerContext, request: RecallRequest): Promise<string> {
  checkRecallServed(ctx.config);
  if (!ctx.topicConfigManager.selectTopicConfig(request.topic)) {
    throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `recall failed, the topic[${request.topic}] not exist`);
  }
  const handle = recallableHandle(ctx.config, request);
  const marker = deleteMarker(handle, request, ctx.storeHost);
  try {
    applyTimerTransform(marker, ctx.config);
    const result = await ctx.store.putMessage(marker);
    if (isPutStored(result.putMessageStatus)) return handle.messageId;
    log.warn({ topic: handle.topic, messageId: handle.messageId, status: result.putMessageStatus }, 'recall marker not stored');
  } catch (error) {
    log.warn({ topic: handle.topic, messageId: handle.messageId, err: error }, 'recall marker not stored');
  }
  throw new MQError(ResponseCode.SYSTEM_ERROR, 'recall failed, execute error');
}

/** The broker-wide refusals, in the reference's order. */
function checkRecallServed(config: BrokerConfig): void {
  if (!config.recallMessageEnable) throw new MQError(ResponseCode.NO_PERMISSION, 'recall failed, operation is forbidden');
  if (config.brokerRole === 'SLAVE') throw new MQError(ResponseCode.SLAVE_NOT_AVAILABLE, BROKER_UNAVAILABLE);
  if (Date.now() < config.startAcceptSendRequestTimeStamp) throw new MQError(ResponseCode.SERVICE_NOT_AVAILABLE, BROKER_UNAVAILABLE);
  if (!isWriteable(config.brokerPermission) && !config.allowRecallWhenBrokerNotWriteable) {
    throw new MQError(ResponseCode.SERVICE_NOT_AVAILABLE, BROKER_UNAVAILABLE);
  }
}

/** The decoded handle, if it names a message of this topic on this broker whose slot is still ahead. */
function recallableHandle(config: BrokerConfig, request: RecallRequest): RecallHandle {
  const handle = decodeRecallHandle(request.recallHandle);
  if (!handle) throw new MQError(ResponseCode.ILLEGAL_OPERATION, 'recall handle is invalid');
  if (handle.topic !== request.topic) throw new MQError(ResponseCode.ILLEGAL_OPERATION, 'recall failed, topic not match');
  if (handle.brokerName !== config.brokerName) throw new MQError(ResponseCode.ILLEGAL_OPERATION, BROKER_UNAVAILABLE);
  const timeLeft = (parseJavaLong(handle.timestamp) ?? -1) - Date.now();
  if (timeLeft <= 0 || timeLeft >= config.timerMaxDelaySec * 1000) {
    throw new MQError(ResponseCode.ILLEGAL_OPERATION, 'recall failed, timestamp invalid');
  }
  return handle;
}

/** The timer message that cancels the handle's message in the handle's slot (queue 0 of the real topic). */
function deleteMarker(handle: RecallHandle, request: RecallRequest, storeHost: HostAddress): MessageExt {
  const marker = new MessageExt(handle.topic, Buffer.from('0'));
  marker.bornHost = request.bornHost;
  marker.storeHost = storeHost;
  marker.bornTimestamp = Date.now();
  marker.putProperty(MessageConst.PROPERTY_TAGS, RECALL_MESSAGE_TAG);
  marker.putProperty(MessageConst.PROPERTY_TIMER_DEL_UNIQKEY, timerDeleteKey(handle.topic, handle.messageId));
  marker.putProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, handle.messageId);
  marker.putProperty(MessageConst.PROPERTY_TIMER_DELIVER_MS, handle.timestamp);
  marker.putProperty(MessageConst.PROPERTY_BORN_TIMESTAMP, String(marker.bornTimestamp));
  marker.putProperty(MessageConst.PROPERTY_TRACE_CONTEXT, '');
  if (request.producerGroup !== undefined) marker.putProperty(MessageConst.PROPERTY_PRODUCER_GROUP, request.producerGroup);
  return marker;
}

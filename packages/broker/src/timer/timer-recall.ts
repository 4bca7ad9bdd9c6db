import { MessageConst, MessageExt, MQError, type HostAddress } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import { isPutStored } from '@mq/store';
import type { BrokerContext } from '../broker-context';
import { decodeRecallHandle, timerDeleteKey } from './recall-handle';
import { applyTimerTransform } from './timer-message-transform';

/** Tag of the delete markers a recall writes. */
const RECALL_MESSAGE_TAG = '_RECALL_TAG_';

/**
 * Recalls a pending timer message (RECALL_MESSAGE, broker side): writes a delete marker into the
 * message's timer slot, so the timer drops the message when the slot fires. Answers the recalled
 * message's unique key. Like the reference, a valid handle of an unknown message succeeds too.
 * @throws MQError NO_PERMISSION when `recallMessageEnable` is off; TOPIC_NOT_EXIST;
 *   ILLEGAL_OPERATION for a malformed handle, another topic or broker, or a slot time that has
 *   passed (the message was delivered) or lies beyond `timerMaxDelaySec`; SYSTEM_ERROR when the
 *   marker cannot be stored.
 */
export async function recallTimerMessage(ctx: BrokerContext, topic: string, recallHandle: string, bornHost: HostAddress): Promise<string> {
  if (!ctx.config.recallMessageEnable) throw new MQError(ResponseCode.NO_PERMISSION, 'recall failed, operation is forbidden');
  if (!ctx.topicConfigManager.selectTopicConfig(topic)) throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `recall failed, the topic[${topic}] not exist`);
  const handle = decodeRecallHandle(recallHandle);
  if (!handle) throw new MQError(ResponseCode.ILLEGAL_OPERATION, 'recall handle is invalid');
  if (handle.topic !== topic) throw new MQError(ResponseCode.ILLEGAL_OPERATION, 'recall failed, topic not match');
  if (handle.brokerName !== ctx.config.brokerName) throw new MQError(ResponseCode.ILLEGAL_OPERATION, 'recall failed, broker service not available');
  const timeLeft = Number(handle.timestamp) - Date.now();
  if (!(timeLeft > 0 && timeLeft < ctx.config.timerMaxDelaySec * 1000)) throw new MQError(ResponseCode.ILLEGAL_OPERATION, 'recall failed, timestamp invalid');
  const marker = deleteMarker(handle.topic, handle.messageId, handle.timestamp, bornHost, ctx.storeHost);
  applyTimerTransform(marker, ctx.config);
  const result = await ctx.store.putMessage(marker);
  if (!isPutStored(result.putMessageStatus)) throw new MQError(ResponseCode.SYSTEM_ERROR, 'recall failed, execute error');
  return handle.messageId;
}

/** The timer message that cancels `messageId` of `topic` in the slot of `timestamp`. */
function deleteMarker(topic: string, messageId: string, timestamp: string, bornHost: HostAddress, storeHost: HostAddress): MessageExt {
  const marker = new MessageExt(topic, Buffer.from('0'));
  marker.bornHost = bornHost;
  marker.storeHost = storeHost;
  marker.bornTimestamp = Date.now();
  marker.putProperty(MessageConst.PROPERTY_TAGS, RECALL_MESSAGE_TAG);
  marker.putProperty(MessageConst.PROPERTY_TIMER_DEL_UNIQKEY, timerDeleteKey(topic, messageId));
  marker.putProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, messageId);
  marker.putProperty(MessageConst.PROPERTY_TIMER_DELIVER_MS, timestamp);
  marker.putProperty(MessageConst.PROPERTY_BORN_TIMESTAMP, String(marker.bornTimestamp));
  return marker;
}

import { isRetryTopic, MessageConst, type MessageExt } from '@mq/common';
import { encodeRecallHandle } from '@mq/remoting';

/**
 * The recall handle a send answers for a message the timer transform redirected (not for retry
 * topics, as the reference's `attachRecallHandle`); `undefined` for other messages.
 */
export function recallHandleOf(stored: MessageExt, brokerName: string): string | undefined {
  const slotMs = stored.getProperty(MessageConst.PROPERTY_TIMER_OUT_MS);
  const realTopic = stored.getProperty(MessageConst.PROPERTY_REAL_TOPIC);
  const messageId = stored.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
  if (slotMs === undefined || realTopic === undefined || messageId === undefined || isRetryTopic(realTopic)) return undefined;
  return encodeRecallHandle({ topic: realTopic, brokerName, timestamp: String(Number(slotMs) + 1), messageId });
}

/** The key a delete marker cancels (`TIMER_DEL_UNIQKEY`): `<realTopic>+<uniqueKey>`. */
export function timerDeleteKey(realTopic: string, uniqueKey: string): string {
  return `${realTopic}+${uniqueKey}`;
}

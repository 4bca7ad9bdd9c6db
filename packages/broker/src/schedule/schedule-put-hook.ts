import { getTransactionType, MessageConst, MessageSysFlag, SystemTopic, type MessageExt } from '@mq/common';

/**
 * The put hook of delay levels (store-and-broker §7.1 "Broker transform"): a plain or
 * committed message with `DELAY > 0` is parked in `SCHEDULE_TOPIC_XXXX` queue `level - 1`,
 * its level clamped to the highest one and its destination kept in `REAL_TOPIC`/`REAL_QID`.
 * Returns true when the message was redirected.
 */
export function applyScheduleHook(message: MessageExt, maxDelayLevel: number): boolean {
  const type = getTransactionType(message.sysFlag);
  if (type !== MessageSysFlag.TRANSACTION_NOT_TYPE && type !== MessageSysFlag.TRANSACTION_COMMIT_TYPE) return false;
  if (message.delayTimeLevel <= 0 || maxDelayLevel <= 0) return false;
  const level = Math.min(message.delayTimeLevel, maxDelayLevel);
  message.delayTimeLevel = level;
  message.putProperty(MessageConst.PROPERTY_REAL_TOPIC, message.topic);
  message.putProperty(MessageConst.PROPERTY_REAL_QUEUE_ID, String(message.queueId));
  message.topic = SystemTopic.SCHEDULE;
  message.queueId = level - 1;
  return true;
}

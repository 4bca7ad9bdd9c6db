import { MessageConst, MessageExt } from '@mq/common';

/**
 * A new message that re-puts `source` into `topic`/`queueId`: body, flag, sysFlag, born
 * time, born and store hosts, reconsume times and properties as stored. Offsets, store time
 * and ids are left for the store; each caller adjusts what its flow changes (reconsume
 * count, `WAIT`, removed properties).
 */
export function copyMessageTo(source: MessageExt, topic: string, queueId: number): MessageExt {
  const message = new MessageExt(topic);
  message.queueId = queueId;
  message.body = source.body;
  message.flag = source.flag;
  message.sysFlag = source.sysFlag;
  message.bornTimestamp = source.bornTimestamp;
  message.bornHost = source.bornHost;
  message.storeHost = source.storeHost;
  message.reconsumeTimes = source.reconsumeTimes;
  message.putProperties(source.properties);
  return message;
}

/** `REAL_QID` of a parked (half or scheduled) message; 0 when missing or not a number. */
export function realQueueId(parked: MessageExt): number {
  return Number.parseInt(parked.getProperty(MessageConst.PROPERTY_REAL_QUEUE_ID) ?? '0', 10) || 0;
}

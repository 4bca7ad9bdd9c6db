import { MessageConst, MessageExt } from '@mq/common';

/**
 * The message a due `SCHEDULE_TOPIC_XXXX` record turns into (store-and-broker §7.1 step 4):
 * topic `REAL_TOPIC`, queue `REAL_QID`, everything else as stored. Java drops `DELAY` only
 * from the property map after serialising the string, so the delivered record keeps
 * `DELAY`, `REAL_TOPIC` and `REAL_QID`; it is put past the schedule hook so it is not
 * delayed again.
 */
export function toDeliveredMessage(scheduled: MessageExt): MessageExt {
  const message = new MessageExt(scheduled.getProperty(MessageConst.PROPERTY_REAL_TOPIC) ?? '');
  message.queueId = Number.parseInt(scheduled.getProperty(MessageConst.PROPERTY_REAL_QUEUE_ID) ?? '0', 10) || 0;
  message.body = scheduled.body;
  message.flag = scheduled.flag;
  message.sysFlag = scheduled.sysFlag;
  message.bornTimestamp = scheduled.bornTimestamp;
  message.bornHost = scheduled.bornHost;
  message.storeHost = scheduled.storeHost;
  message.reconsumeTimes = scheduled.reconsumeTimes;
  message.putProperties(scheduled.properties);
  message.putProperty(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, 'false');
  return message;
}

import { MessageConst, type MessageExt } from '@mq/common';
import { copyMessageTo, realQueueId } from '../message/inner-message';

/**
 * The message a due `SCHEDULE_TOPIC_XXXX` record turns into (store-and-broker §7.1 step 4):
 * topic `REAL_TOPIC`, queue `REAL_QID`, everything else as stored. Java drops `DELAY` only
 * from the property map after serialising the string, so the delivered record keeps
 * `DELAY`, `REAL_TOPIC` and `REAL_QID`; it is put past the schedule hook so it is not
 * delayed again.
 */
export function toDeliveredMessage(scheduled: MessageExt): MessageExt {
  const realTopic = scheduled.getProperty(MessageConst.PROPERTY_REAL_TOPIC) ?? '';
  const message = copyMessageTo(scheduled, realTopic, realQueueId(scheduled));
  message.putProperty(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, 'false');
  return message;
}

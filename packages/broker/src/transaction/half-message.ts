import {
  MessageConst,
  MessageSysFlag,
  resetTransactionType,
  SystemTopic,
  type MessageExt,
} from '@mq/common';
import { copyMessageTo, realQueueId } from '../message/inner-message';

/** Queue of the half and op topics (each has one). */
export const TRANSACTION_QUEUE_ID = 0;

/** True when the producer marked the message as a transaction half message (`TRAN_MSG=true`). */
export function isHalfMessageRequest(message: MessageExt): boolean {
  return message.getProperty(MessageConst.PROPERTY_TRANSACTION_PREPARED) === 'true';
}

/**
 * Parks a half message (store-and-broker §9.1 "Broker preparation"): its destination goes
 * into `REAL_TOPIC`/`REAL_QID`, `__transactionId__` = `UNIQ_KEY`, the transaction type is
 * reset to NOT so it gets a consume-queue entry in `RMQ_SYS_TRANS_HALF_TOPIC` queue 0.
 */
export function toHalfMessage(message: MessageExt): void {
  const uniqKey = message.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
  if (uniqKey) message.putProperty(MessageConst.PROPERTY_TRANSACTION_ID, uniqKey);
  message.putProperty(MessageConst.PROPERTY_REAL_TOPIC, message.topic);
  message.putProperty(MessageConst.PROPERTY_REAL_QUEUE_ID, String(message.queueId));
  message.sysFlag = resetTransactionType(message.sysFlag, MessageSysFlag.TRANSACTION_NOT_TYPE);
  message.topic = SystemTopic.TRANS_HALF;
  message.queueId = TRANSACTION_QUEUE_ID;
}

/**
 * The message a commit stores (§9.2 step 3.4): the half message's content in its real topic
 * and queue, transaction type COMMIT, `preparedTransactionOffset` = the half record. Java
 * removes `REAL_TOPIC`, `REAL_QID` and `TRAN_MSG` only from the map after serialising, so
 * the stored record keeps them.
 */
export function toCommittedMessage(half: MessageExt): MessageExt {
  const message = copyInto(half, half.getProperty(MessageConst.PROPERTY_REAL_TOPIC) ?? '', realQueueId(half));
  message.sysFlag = resetTransactionType(half.sysFlag, MessageSysFlag.TRANSACTION_COMMIT_TYPE);
  message.preparedTransactionOffset = half.commitLogOffset;
  return message;
}

/** A copy of a half message in another topic and queue, properties included (`WAIT=false`). */
export function copyInto(half: MessageExt, topic: string, queueId: number): MessageExt {
  const message = copyMessageTo(half, topic, queueId);
  message.putProperty(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, 'false');
  return message;
}

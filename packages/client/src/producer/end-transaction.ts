import { MessageConst, decodeOffsetMessageId, type Message } from '@mq/common';
import { EndTransactionRequestHeader, RemotingCommand, RequestCode, TransactionType } from '@mq/remoting';
import type { LocalTransactionState } from './transaction-listener';
import type { SendResult } from './send-result';

const COMMIT_OR_ROLLBACK: Readonly<Record<LocalTransactionState, number>> = {
  COMMIT_MESSAGE: TransactionType.COMMIT_TYPE,
  ROLLBACK_MESSAGE: TransactionType.ROLLBACK_TYPE,
  UNKNOW: TransactionType.NOT_TYPE,
};

/** The END_TRANSACTION header value of a local transaction state (§8.8). */
export function commitOrRollbackOf(state: LocalTransactionState): number {
  return COMMIT_OR_ROLLBACK[state];
}

/** §6.6: marks a message as a half message of `group` (no delay: Java drops it). */
export function prepareHalfMessage(message: Message, group: string): void {
  message.removeProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
  message.putProperty(MessageConst.PROPERTY_TRANSACTION_PREPARED, 'true');
  message.producerGroup = group;
}

/** The one-way END_TRANSACTION that finishes a half message right after it was sent. */
export function endTransactionAfterSend(group: string, message: Message, sent: SendResult, state: LocalTransactionState, failure?: unknown): RemotingCommand {
  const header: EndTransactionRequestHeader = {
    producerGroup: group,
    tranStateTableOffset: sent.queueOffset,
    commitLogOffset: decodeOffsetMessageId(sent.offsetMsgId).commitLogOffset,
    commitOrRollback: commitOrRollbackOf(state),
    fromTransactionCheck: false,
    msgId: sent.msgId,
    transactionId: sent.transactionId ?? message.uniqKey,
    topic: message.topic,
    bname: sent.messageQueue.brokerName,
  };
  const request = RemotingCommand.createRequest(RequestCode.END_TRANSACTION, EndTransactionRequestHeader.encode(header));
  if (failure !== undefined) request.remark = `executeLocalTransactionBranch exception: ${String(failure)}`;
  return request.markOneway();
}

/** What a CHECK_TRANSACTION_STATE told us about the half message (§8.12). */
export interface TransactionCheck {
  tranStateTableOffset: number;
  commitLogOffset: number;
  transactionId?: string;
  topic?: string;
  bname?: string;
}

/** The one-way END_TRANSACTION answering a broker's check-back. */
export function endTransactionAfterCheck(group: string, uniqKey: string, check: TransactionCheck, state: LocalTransactionState, failure?: unknown): RemotingCommand {
  const header: EndTransactionRequestHeader = {
    producerGroup: group,
    tranStateTableOffset: check.tranStateTableOffset,
    commitLogOffset: check.commitLogOffset,
    commitOrRollback: commitOrRollbackOf(state),
    fromTransactionCheck: true,
    msgId: uniqKey,
    transactionId: check.transactionId,
    topic: check.topic,
    bname: check.bname,
  };
  const request = RemotingCommand.createRequest(RequestCode.END_TRANSACTION, EndTransactionRequestHeader.encode(header));
  if (failure !== undefined) request.remark = `checkLocalTransactionState exception: ${String(failure)}`;
  return request.markOneway();
}

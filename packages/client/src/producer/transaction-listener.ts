import type { Message, MessageExt } from '@mq/common';
import type { SendResult } from './send-result';

/** Outcome of a local transaction (Java's `LocalTransactionState`, spelling included). */
export type LocalTransactionState = 'COMMIT_MESSAGE' | 'ROLLBACK_MESSAGE' | 'UNKNOW';

/**
 * The application side of a transactional producer (Java's `TransactionListener`).
 * Returning UNKNOW (or throwing) leaves the half message pending: the broker asks again
 * through `checkLocalTransaction`.
 */
export interface TransactionListener<A = unknown> {
  /** Runs the local transaction after the half message was stored. */
  executeLocalTransaction(message: Message, arg: A): LocalTransactionState | Promise<LocalTransactionState>;
  /** Answers a broker check-back for a half message whose outcome is still unknown. */
  checkLocalTransaction(message: MessageExt): LocalTransactionState | Promise<LocalTransactionState>;
}

/** What `sendMessageInTransaction` resolves to (Java's `TransactionSendResult`). */
export interface TransactionSendResult extends SendResult {
  /** The state sent with END_TRANSACTION. */
  localTransactionState: LocalTransactionState;
}

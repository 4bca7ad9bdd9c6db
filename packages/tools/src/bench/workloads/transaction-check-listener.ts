import { MessageConst, readInt64BE, writeInt64BE, type Message, type MessageExt } from '@mq/common';
import type { LocalTransactionState, TransactionListener } from '@mq/client';
import { TX_BODY_HEADER_SIZE, type TransactionOutcomeRates } from '../options/transaction-producer-options';

/** Outcomes in the body, as Java's `LocalTransactionState` ordinals. */
const STATES: readonly LocalTransactionState[] = ['COMMIT_MESSAGE', 'ROLLBACK_MESSAGE', 'UNKNOW'];
const ORDINAL: Readonly<Record<LocalTransactionState, number>> = { COMMIT_MESSAGE: 0, ROLLBACK_MESSAGE: 1, UNKNOW: 2 };
/** Check-back outcomes carried per message; brokers must check fewer times than this. */
export const MAX_CHECK_RESULT_IN_MSG = 20;
const SEND_OUTCOME_AT = 16;
const MESSAGE_ID_AT = 8;
/** Java bounds its check log (an LRU map) to this many messages. */
const CHECK_LOG_CAPACITY = 200_000;

function drawOutcome(rollbackRate: number, unknownRate: number): number {
  if (Math.random() < rollbackRate) return ORDINAL.ROLLBACK_MESSAGE;
  if (Math.random() < unknownRate) return ORDINAL.UNKNOW;
  return ORDINAL.COMMIT_MESSAGE;
}

/**
 * Writes Java's transactional benchmark header into `body`: batch id, message id (start time in the
 * high word, sequence in the low word), the local transaction outcome and 20 check-back outcomes,
 * drawn with the configured rates. The rest of the body stays as given.
 */
export function writeTransactionHeader(body: Buffer, batchId: number, startTimeMs: number, sequence: number, rates: TransactionOutcomeRates): void {
  writeInt64BE(body, batchId, 0);
  body.writeUInt32BE(startTimeMs % 2 ** 32, MESSAGE_ID_AT);
  body.writeUInt32BE(sequence % 2 ** 32, MESSAGE_ID_AT + 4);
  body[SEND_OUTCOME_AT] = drawOutcome(rates.sendRollbackRate, rates.sendUnknownRate);
  for (let i = 0; i < MAX_CHECK_RESULT_IN_MSG; i++) body[SEND_OUTCOME_AT + 1 + i] = drawOutcome(rates.checkRollbackRate, rates.checkUnknownRate);
}

function stateAt(body: Buffer, index: number): LocalTransactionState {
  return STATES[body[index]!] ?? 'UNKNOW';
}

/** Counters of the broker's check-backs. */
export interface CheckCounts {
  checks: number;
  unexpectedChecks: number;
  duplicatedChecks: number;
}

/**
 * Java's benchmark `TransactionListenerImpl`: the local transaction answers the outcome written
 * in the body; a check-back answers the outcome for its attempt, counting check-backs that should
 * not have happened (the message was not left UNKNOW) and repeated ones.
 */
export class BenchTransactionListener implements TransactionListener<null> {
  readonly counts: CheckCounts = { checks: 0, unexpectedChecks: 0, duplicatedChecks: 0 };
  private readonly checkLog = new Map<string, number>();

  constructor(private readonly batchId: number) {}

  executeLocalTransaction(message: Message): LocalTransactionState {
    return stateAt(message.body, SEND_OUTCOME_AT);
  }

  checkLocalTransaction(message: MessageExt): LocalTransactionState {
    const body = message.body;
    if (body.length < TX_BODY_HEADER_SIZE || readInt64BE(body, 0) !== this.batchId) return 'ROLLBACK_MESSAGE';
    this.counts.checks++;
    const times = Math.max(1, Number.parseInt(message.getUserProperty(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES) ?? '', 10) || 0);
    if (times > MAX_CHECK_RESULT_IN_MSG) return 'UNKNOW';
    this.logCheck(body.toString('hex', MESSAGE_ID_AT, SEND_OUTCOME_AT), times);
    const sendOutcome = stateAt(body, SEND_OUTCOME_AT);
    if (sendOutcome !== 'UNKNOW') return this.unexpected(sendOutcome);
    for (let attempt = 1; attempt < times; attempt++) {
      const earlier = stateAt(body, SEND_OUTCOME_AT + attempt);
      if (earlier !== 'UNKNOW') return this.unexpected(earlier);
    }
    return stateAt(body, SEND_OUTCOME_AT + times);
  }

  private unexpected(state: LocalTransactionState): LocalTransactionState {
    this.counts.unexpectedChecks++;
    return state;
  }

  /** Remembers which attempts of a message were checked; a repeated attempt is a duplicate. */
  private logCheck(messageId: string, times: number): void {
    const bit = 1 << (times - 1);
    const seen = this.checkLog.get(messageId) ?? 0;
    if ((seen & bit) !== 0) this.counts.duplicatedChecks++;
    this.checkLog.delete(messageId);
    this.checkLog.set(messageId, seen | bit);
    if (this.checkLog.size > CHECK_LOG_CAPACITY) this.checkLog.delete(this.checkLog.keys().next().value!);
  }
}

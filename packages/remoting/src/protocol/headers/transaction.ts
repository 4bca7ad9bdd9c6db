import { defineHeader, HeaderOf, optional, primitive, required } from '../header-codec';
import { RPC_REQUEST_FIELDS, TOPIC_REQUEST_FIELDS } from './rpc-fields';

/** `commitOrRollback` values of END_TRANSACTION (MessageSysFlag transaction types). */
export const TransactionType = {
  /** Unknown outcome: the broker does nothing and waits for a check. */
  NOT_TYPE: 0,
  COMMIT_TYPE: 8,
  ROLLBACK_TYPE: 12,
} as const;

/** END_TRANSACTION (37) request header, one-way (§8.8). `msgId` is the UNIQ_KEY. */
export const EndTransactionRequestHeader = defineHeader('EndTransactionRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  producerGroup: required('string'),
  tranStateTableOffset: required('long'),
  commitLogOffset: required('long'),
  commitOrRollback: required('int'),
  fromTransactionCheck: primitive('boolean', false),
  msgId: required('string'),
  transactionId: optional('string'),
  topic: optional('string'),
});
/** A decoded END_TRANSACTION request header. */
export type EndTransactionRequestHeader = HeaderOf<typeof EndTransactionRequestHeader.fields>;

/** CHECK_TRANSACTION_STATE (39) request header, broker → producer, one-way (§8.12). */
export const CheckTransactionStateRequestHeader = defineHeader('CheckTransactionStateRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  tranStateTableOffset: required('long'),
  commitLogOffset: required('long'),
  msgId: optional('string'),
  transactionId: optional('string'),
  offsetMsgId: optional('string'),
  topic: optional('string'),
});
/** A decoded CHECK_TRANSACTION_STATE request header. */
export type CheckTransactionStateRequestHeader = HeaderOf<typeof CheckTransactionStateRequestHeader.fields>;

import { defineHeader, HeaderOf, optional, primitive, required } from '../header-codec';
import { RPC_REQUEST_FIELDS, TOPIC_REQUEST_FIELDS } from './rpc-fields';

/**
 * QUERY_MESSAGE (12) request header (§8.10). `uniqueKeyQuery` travels as the ext key
 * `_UNIQUE_KEY_QUERY` (Java always sends it); when true, `key` is a UNIQ_KEY.
 */
export const QueryMessageRequestHeader = defineHeader('QueryMessageRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
  key: required('string'),
  maxNum: required('int'),
  beginTimestamp: required('long'),
  endTimestamp: required('long'),
  uniqueKeyQuery: optional('boolean', '_UNIQUE_KEY_QUERY'),
});
/** A decoded QUERY_MESSAGE request header. */
export type QueryMessageRequestHeader = HeaderOf<typeof QueryMessageRequestHeader.fields>;

/** QUERY_MESSAGE response header. */
export const QueryMessageResponseHeader = defineHeader('QueryMessageResponseHeader', {
  indexLastUpdateTimestamp: required('long'),
  indexLastUpdatePhyoffset: required('long'),
});
/** A decoded QUERY_MESSAGE response header. */
export type QueryMessageResponseHeader = HeaderOf<typeof QueryMessageResponseHeader.fields>;

/** VIEW_MESSAGE_BY_ID (33) request header (§8.11): a commit-log offset. */
export const ViewMessageRequestHeader = defineHeader('ViewMessageRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  offset: required('long'),
  topic: optional('string'),
});
/** A decoded VIEW_MESSAGE_BY_ID request header. */
export type ViewMessageRequestHeader = HeaderOf<typeof ViewMessageRequestHeader.fields>;

/**
 * CONSUMER_SEND_MSG_BACK (36) request header (§8.7). `offset` is the failed message's
 * commit-log offset; `delayLevel` < 0 sends it straight to the DLQ.
 */
export const ConsumerSendMsgBackRequestHeader = defineHeader('ConsumerSendMsgBackRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  offset: required('long'),
  group: required('string'),
  delayLevel: required('int'),
  originMsgId: optional('string'),
  originTopic: optional('string'),
  unitMode: primitive('boolean', false),
  maxReconsumeTimes: optional('int'),
});
/** A decoded CONSUMER_SEND_MSG_BACK request header. */
export type ConsumerSendMsgBackRequestHeader = HeaderOf<typeof ConsumerSendMsgBackRequestHeader.fields>;

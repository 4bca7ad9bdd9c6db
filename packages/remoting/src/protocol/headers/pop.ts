import { defineHeader, HeaderOf, optional, primitive, required } from '../header-codec';
import { TOPIC_REQUEST_FIELDS } from './rpc-fields';

/**
 * The POP family (5.x, codes 200050–200055 and 200151; store-and-broker §15). These codes do
 * not fit the ROCKETMQ binary header's 16-bit code, so they travel with JSON headers only.
 */

/**
 * POP_MESSAGE (200050) request. `queueId` -1 pops every queue; `initMode` 0 = MIN, 1 = MAX;
 * `pollTime` 0 answers at once; the broker holds the request until `bornTime + pollTime`.
 */
export const PopMessageRequestHeader = defineHeader('PopMessageRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  consumerGroup: required('string'),
  topic: required('string'),
  queueId: required('int'),
  maxMsgNums: required('int'),
  invisibleTime: required('long'),
  pollTime: required('long'),
  bornTime: required('long'),
  initMode: required('int'),
  expType: optional('string'),
  exp: optional('string'),
  order: primitive('boolean', false),
  attemptId: optional('string'),
});
/** A decoded POP_MESSAGE request header. */
export type PopMessageRequestHeader = HeaderOf<typeof PopMessageRequestHeader.fields>;

/**
 * POP_MESSAGE response (SUCCESS, POLLING_FULL, POLLING_TIMEOUT). The four numbers are Java
 * primitives the client decodes for every one of these codes, so they are always sent.
 * `startOffsetInfo`/`msgOffsetInfo`/`orderCountInfo` are the §15.3 strings the client builds
 * each message's `POP_CK` from.
 */
export const PopMessageResponseHeader = defineHeader('PopMessageResponseHeader', {
  popTime: primitive('long', 0),
  invisibleTime: primitive('long', 0),
  reviveQid: primitive('int', 0),
  restNum: primitive('long', 0),
  startOffsetInfo: optional('string'),
  msgOffsetInfo: optional('string'),
  orderCountInfo: optional('string'),
});
/** A decoded POP_MESSAGE response header. */
export type PopMessageResponseHeader = HeaderOf<typeof PopMessageResponseHeader.fields>;

/**
 * ACK_MESSAGE (200051) request. `topic` is the topic the message was popped from (the POP
 * retry topic for retried messages); `extraInfo` is the message's `POP_CK` property.
 */
export const AckMessageRequestHeader = defineHeader('AckMessageRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  consumerGroup: required('string'),
  topic: required('string'),
  queueId: required('int'),
  extraInfo: required('string'),
  offset: required('long'),
});
/** A decoded ACK_MESSAGE request header. */
export type AckMessageRequestHeader = HeaderOf<typeof AckMessageRequestHeader.fields>;

/** CHANGE_MESSAGE_INVISIBLETIME (200053) request: an ACK_MESSAGE header plus the new invisible time. */
export const ChangeInvisibleTimeRequestHeader = defineHeader('ChangeInvisibleTimeRequestHeader', {
  ...AckMessageRequestHeader.fields,
  invisibleTime: required('long'),
});
/** A decoded CHANGE_MESSAGE_INVISIBLETIME request header. */
export type ChangeInvisibleTimeRequestHeader = HeaderOf<typeof ChangeInvisibleTimeRequestHeader.fields>;

/** CHANGE_MESSAGE_INVISIBLETIME response: what the client builds the message's new `POP_CK` from. */
export const ChangeInvisibleTimeResponseHeader = defineHeader('ChangeInvisibleTimeResponseHeader', {
  popTime: primitive('long', 0),
  invisibleTime: primitive('long', 0),
  reviveQid: primitive('int', 0),
});
/** A decoded CHANGE_MESSAGE_INVISIBLETIME response header. */
export type ChangeInvisibleTimeResponseHeader = HeaderOf<typeof ChangeInvisibleTimeResponseHeader.fields>;

/** PEEK_MESSAGE (200052) request: read like a pop, without making anything invisible. */
export const PeekMessageRequestHeader = defineHeader('PeekMessageRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
  queueId: required('int'),
  maxMsgNums: required('int'),
  consumerGroup: required('string'),
});
/** A decoded PEEK_MESSAGE request header. */
export type PeekMessageRequestHeader = HeaderOf<typeof PeekMessageRequestHeader.fields>;

/** NOTIFICATION (200054) request: long-polls until a pop would find a message. */
export const NotificationRequestHeader = defineHeader('NotificationRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  consumerGroup: required('string'),
  topic: required('string'),
  queueId: required('int'),
  pollTime: required('long'),
  bornTime: required('long'),
  order: primitive('boolean', false),
  attemptId: optional('string'),
});
/** A decoded NOTIFICATION request header. */
export type NotificationRequestHeader = HeaderOf<typeof NotificationRequestHeader.fields>;

/** NOTIFICATION response. */
export const NotificationResponseHeader = defineHeader('NotificationResponseHeader', {
  hasMsg: primitive('boolean', false),
  pollingFull: primitive('boolean', false),
});
/** A decoded NOTIFICATION response header. */
export type NotificationResponseHeader = HeaderOf<typeof NotificationResponseHeader.fields>;

/** POLLING_INFO (200055) request: how many POP requests are held for a queue. */
export const PollingInfoRequestHeader = defineHeader('PollingInfoRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  consumerGroup: required('string'),
  topic: required('string'),
  queueId: required('int'),
});
/** A decoded POLLING_INFO request header. */
export type PollingInfoRequestHeader = HeaderOf<typeof PollingInfoRequestHeader.fields>;

/** POLLING_INFO response. */
export const PollingInfoResponseHeader = defineHeader('PollingInfoResponseHeader', {
  pollingNum: primitive('int', 0),
});
/** A decoded POLLING_INFO response header. */
export type PollingInfoResponseHeader = HeaderOf<typeof PollingInfoResponseHeader.fields>;

import { defineHeader, HeaderOf, optional, primitive, required } from '../header-codec';
import { RPC_REQUEST_FIELDS, TOPIC_REQUEST_FIELDS } from './rpc-fields';

/**
 * HEART_BEAT (34) response ext fields of a 5.x broker (§8.1). Not a Java header class: the
 * broker puts these keys into `extFields` directly.
 */
export const HeartbeatResponseHeader = defineHeader('HeartbeatResponseHeader', {
  isSupportHeartbeatV2: optional('boolean', 'IS_SUPPORT_HEART_BEAT_V2'),
  isSubChange: optional('boolean', 'IS_SUB_CHANGE'),
});
/** Decoded HEART_BEAT response ext fields. */
export type HeartbeatResponseHeader = HeaderOf<typeof HeartbeatResponseHeader.fields>;

/** UNREGISTER_CLIENT (35) request header (§8.2); note the capital "ID" in `clientID`. */
export const UnregisterClientRequestHeader = defineHeader('UnregisterClientRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  clientID: required('string'),
  producerGroup: optional('string'),
  consumerGroup: optional('string'),
});
/** A decoded UNREGISTER_CLIENT request header. */
export type UnregisterClientRequestHeader = HeaderOf<typeof UnregisterClientRequestHeader.fields>;

/** GET_CONSUMER_LIST_BY_GROUP (38) request header (§8.3). */
export const GetConsumerListByGroupRequestHeader = defineHeader('GetConsumerListByGroupRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  consumerGroup: required('string'),
});
/** A decoded GET_CONSUMER_LIST_BY_GROUP request header. */
export type GetConsumerListByGroupRequestHeader = HeaderOf<typeof GetConsumerListByGroupRequestHeader.fields>;

/** NOTIFY_CONSUMER_IDS_CHANGED (40) request header, broker → consumer, one-way (§8.13). */
export const NotifyConsumerIdsChangedRequestHeader = defineHeader('NotifyConsumerIdsChangedRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  consumerGroup: required('string'),
});
/** A decoded NOTIFY_CONSUMER_IDS_CHANGED request header. */
export type NotifyConsumerIdsChangedRequestHeader = HeaderOf<typeof NotifyConsumerIdsChangedRequestHeader.fields>;

/**
 * INVOKE_BROKER_TO_RESET_OFFSET (222) and RESET_CONSUMER_CLIENT_OFFSET (220) request header
 * (§8.15, §9.11). `timestamp` −1 = to the max offset; `queueId` −1 = all queues; `offset`
 * absent or −1 = search by timestamp. The ext key of `isForce` is spelled `isForce`.
 */
export const ResetOffsetRequestHeader = defineHeader('ResetOffsetRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
  group: required('string'),
  timestamp: required('long'),
  isForce: primitive('boolean', false),
  queueId: primitive('int', -1),
  offset: optional('long'),
});
/** A decoded reset-offset request header. */
export type ResetOffsetRequestHeader = HeaderOf<typeof ResetOffsetRequestHeader.fields>;

/** GET_CONSUMER_STATUS_FROM_CLIENT (221) / INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223) request header. */
export const GetConsumerStatusRequestHeader = defineHeader('GetConsumerStatusRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
  group: required('string'),
  clientAddr: optional('string'),
});
/** A decoded consumer-status request header. */
export type GetConsumerStatusRequestHeader = HeaderOf<typeof GetConsumerStatusRequestHeader.fields>;

/** GET_CONSUMER_RUNNING_INFO (307) request header, admin → broker → client (§8.14). */
export const GetConsumerRunningInfoRequestHeader = defineHeader('GetConsumerRunningInfoRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  consumerGroup: required('string'),
  clientId: required('string'),
  jstackEnable: primitive('boolean', false),
});
/** A decoded GET_CONSUMER_RUNNING_INFO request header. */
export type GetConsumerRunningInfoRequestHeader = HeaderOf<typeof GetConsumerRunningInfoRequestHeader.fields>;

/**
 * CONSUME_MESSAGE_DIRECTLY (309) request header (`ConsumeMessageDirectlyResultRequestHeader`,
 * §8.17). `msgId` is an offsetMsgId; the broker adds `brokerName` and the sys flags when
 * forwarding to the client.
 */
export const ConsumeMessageDirectlyResultRequestHeader = defineHeader('ConsumeMessageDirectlyResultRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  consumerGroup: required('string'),
  clientId: optional('string'),
  msgId: optional('string'),
  brokerName: optional('string'),
  topic: optional('string'),
  topicSysFlag: optional('int'),
  groupSysFlag: optional('int'),
});
/** A decoded CONSUME_MESSAGE_DIRECTLY request header. */
export type ConsumeMessageDirectlyResultRequestHeader = HeaderOf<
  typeof ConsumeMessageDirectlyResultRequestHeader.fields
>;

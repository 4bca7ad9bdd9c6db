import { defineHeader, HeaderOf, optional, primitive, required } from '../header-codec';
import { RPC_REQUEST_FIELDS, TOPIC_REQUEST_FIELDS } from './rpc-fields';

/**
 * UPDATE_AND_CREATE_TOPIC (17) request header (§10.1). `topicFilterType` is `SINGLE_TAG` or
 * `MULTI_TAG`; `attributes` (5.x) is `+k=v,+k2=v2,-k3` (mqadmin sends `""` when empty).
 */
export const CreateTopicRequestHeader = defineHeader('CreateTopicRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
  defaultTopic: required('string'),
  readQueueNums: required('int'),
  writeQueueNums: required('int'),
  perm: required('int'),
  topicFilterType: required('string'),
  topicSysFlag: optional('int'),
  order: primitive('boolean', false),
  attributes: optional('string'),
  force: primitive('boolean', false),
});
/** A decoded UPDATE_AND_CREATE_TOPIC request header. */
export type CreateTopicRequestHeader = HeaderOf<typeof CreateTopicRequestHeader.fields>;

/** DELETE_TOPIC_IN_BROKER (215) request header. */
export const DeleteTopicRequestHeader = defineHeader('DeleteTopicRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
});
/** A decoded DELETE_TOPIC_IN_BROKER request header. */
export type DeleteTopicRequestHeader = HeaderOf<typeof DeleteTopicRequestHeader.fields>;

/** GET_TOPIC_STATS_INFO (202) request header. */
export const GetTopicStatsInfoRequestHeader = defineHeader('GetTopicStatsInfoRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
});
/** A decoded GET_TOPIC_STATS_INFO request header. */
export type GetTopicStatsInfoRequestHeader = HeaderOf<typeof GetTopicStatsInfoRequestHeader.fields>;

/** GET_TOPIC_CONFIG (351, 5.x) request header; mqadmin sends `lo=true`. */
export const GetTopicConfigRequestHeader = defineHeader('GetTopicConfigRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
});
/** A decoded GET_TOPIC_CONFIG request header. */
export type GetTopicConfigRequestHeader = HeaderOf<typeof GetTopicConfigRequestHeader.fields>;

/** QUERY_TOPIC_CONSUME_BY_WHO (300) request header. */
export const QueryTopicConsumeByWhoRequestHeader = defineHeader('QueryTopicConsumeByWhoRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
});
/** A decoded QUERY_TOPIC_CONSUME_BY_WHO request header. */
export type QueryTopicConsumeByWhoRequestHeader = HeaderOf<typeof QueryTopicConsumeByWhoRequestHeader.fields>;

/** QUERY_TOPICS_BY_CONSUMER (343, 5.x) request header. */
export const QueryTopicsByConsumerRequestHeader = defineHeader('QueryTopicsByConsumerRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  group: required('string'),
});
/** A decoded QUERY_TOPICS_BY_CONSUMER request header. */
export type QueryTopicsByConsumerRequestHeader = HeaderOf<typeof QueryTopicsByConsumerRequestHeader.fields>;

/** GET_CONSUME_STATS (208) request header; `topicList` (5.x) is `;`-joined. */
export const GetConsumeStatsRequestHeader = defineHeader('GetConsumeStatsRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  consumerGroup: required('string'),
  topic: optional('string'),
  topicList: optional('string'),
});
/** A decoded GET_CONSUME_STATS request header. */
export type GetConsumeStatsRequestHeader = HeaderOf<typeof GetConsumeStatsRequestHeader.fields>;

/** GET_CONSUMER_CONNECTION_LIST (203) request header. */
export const GetConsumerConnectionListRequestHeader = defineHeader('GetConsumerConnectionListRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  consumerGroup: required('string'),
});
/** A decoded GET_CONSUMER_CONNECTION_LIST request header. */
export type GetConsumerConnectionListRequestHeader = HeaderOf<typeof GetConsumerConnectionListRequestHeader.fields>;

/** GET_PRODUCER_CONNECTION_LIST (204) request header. */
export const GetProducerConnectionListRequestHeader = defineHeader('GetProducerConnectionListRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  producerGroup: required('string'),
});
/** A decoded GET_PRODUCER_CONNECTION_LIST request header. */
export type GetProducerConnectionListRequestHeader = HeaderOf<typeof GetProducerConnectionListRequestHeader.fields>;

/** DELETE_SUBSCRIPTIONGROUP (207) request header; `cleanOffset` also drops the group's offsets. */
export const DeleteSubscriptionGroupRequestHeader = defineHeader('DeleteSubscriptionGroupRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  groupName: required('string'),
  cleanOffset: primitive('boolean', false),
});
/** A decoded DELETE_SUBSCRIPTIONGROUP request header. */
export type DeleteSubscriptionGroupRequestHeader = HeaderOf<typeof DeleteSubscriptionGroupRequestHeader.fields>;

/** GET_ALL_TOPIC_CONFIG (21) request header: optional 5.x paging. */
export const GetAllTopicConfigRequestHeader = defineHeader('GetAllTopicConfigRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  topicSeq: optional('int'),
  maxTopicNum: optional('int'),
  dataVersion: optional('string'),
});
/** A decoded GET_ALL_TOPIC_CONFIG request header. */
export type GetAllTopicConfigRequestHeader = HeaderOf<typeof GetAllTopicConfigRequestHeader.fields>;

/** GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201) request header: optional 5.x paging. */
export const GetAllSubscriptionGroupRequestHeader = defineHeader('GetAllSubscriptionGroupRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  groupSeq: optional('int'),
  maxGroupNum: optional('int'),
  dataVersion: optional('string'),
});
/** A decoded GET_ALL_SUBSCRIPTIONGROUP_CONFIG request header. */
export type GetAllSubscriptionGroupRequestHeader = HeaderOf<typeof GetAllSubscriptionGroupRequestHeader.fields>;

/** GET_BROKER_CONFIG (26) response header: `version` is the DataVersion JSON of the config. */
export const GetBrokerConfigResponseHeader = defineHeader('GetBrokerConfigResponseHeader', {
  version: required('string'),
});
/** A decoded GET_BROKER_CONFIG response header. */
export type GetBrokerConfigResponseHeader = HeaderOf<typeof GetBrokerConfigResponseHeader.fields>;

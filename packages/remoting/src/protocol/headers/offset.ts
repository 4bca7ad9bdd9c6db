import { defineHeader, HeaderOf, optional, primitive, required } from '../header-codec';
import { TOPIC_REQUEST_FIELDS } from './rpc-fields';

/** QUERY_CONSUMER_OFFSET (14) request header (§8.4). */
export const QueryConsumerOffsetRequestHeader = defineHeader('QueryConsumerOffsetRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  consumerGroup: required('string'),
  topic: required('string'),
  queueId: required('int'),
  setZeroIfNotFound: optional('boolean'),
});
/** A decoded QUERY_CONSUMER_OFFSET request header. */
export type QueryConsumerOffsetRequestHeader = HeaderOf<typeof QueryConsumerOffsetRequestHeader.fields>;

/** UPDATE_CONSUMER_OFFSET (15) request header (§8.5): the offset of the next message to consume. */
export const UpdateConsumerOffsetRequestHeader = defineHeader('UpdateConsumerOffsetRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  consumerGroup: required('string'),
  topic: required('string'),
  queueId: required('int'),
  commitOffset: required('long'),
});
/** A decoded UPDATE_CONSUMER_OFFSET request header. */
export type UpdateConsumerOffsetRequestHeader = HeaderOf<typeof UpdateConsumerOffsetRequestHeader.fields>;

/** GET_MAX_OFFSET (30) request header (§8.6); `committed` is a 5.x primitive, default true. */
export const GetMaxOffsetRequestHeader = defineHeader('GetMaxOffsetRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
  queueId: required('int'),
  committed: primitive('boolean', true),
});
/** A decoded GET_MAX_OFFSET request header. */
export type GetMaxOffsetRequestHeader = HeaderOf<typeof GetMaxOffsetRequestHeader.fields>;

/** GET_MIN_OFFSET (31) request header (§8.6). */
export const GetMinOffsetRequestHeader = defineHeader('GetMinOffsetRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
  queueId: required('int'),
});
/** A decoded GET_MIN_OFFSET request header. */
export type GetMinOffsetRequestHeader = HeaderOf<typeof GetMinOffsetRequestHeader.fields>;

/** SEARCH_OFFSET_BY_TIMESTAMP (29) request header (§8.6); `boundaryType` is `LOWER` (default) or `UPPER`. */
export const SearchOffsetRequestHeader = defineHeader('SearchOffsetRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
  queueId: required('int'),
  timestamp: required('long'),
  boundaryType: optional('string'),
});
/** A decoded SEARCH_OFFSET_BY_TIMESTAMP request header. */
export type SearchOffsetRequestHeader = HeaderOf<typeof SearchOffsetRequestHeader.fields>;

/** GET_EARLIEST_MSG_STORETIME (32) request header (§8.6). */
export const GetEarliestMsgStoretimeRequestHeader = defineHeader('GetEarliestMsgStoretimeRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
  queueId: required('int'),
});
/** A decoded GET_EARLIEST_MSG_STORETIME request header. */
export type GetEarliestMsgStoretimeRequestHeader = HeaderOf<typeof GetEarliestMsgStoretimeRequestHeader.fields>;

/**
 * Response header with one `offset` (QUERY_CONSUMER_OFFSET, GET_MAX_OFFSET, GET_MIN_OFFSET,
 * SEARCH_OFFSET_BY_TIMESTAMP all answer with it; the Java client requires it).
 */
export const OffsetResponseHeader = defineHeader('OffsetResponseHeader', {
  offset: required('long'),
});
/** A decoded `offset` response header. */
export type OffsetResponseHeader = HeaderOf<typeof OffsetResponseHeader.fields>;

/** GET_EARLIEST_MSG_STORETIME response header: the store time of the earliest message. */
export const GetEarliestMsgStoretimeResponseHeader = defineHeader('GetEarliestMsgStoretimeResponseHeader', {
  timestamp: required('long'),
});
/** A decoded GET_EARLIEST_MSG_STORETIME response header. */
export type GetEarliestMsgStoretimeResponseHeader = HeaderOf<typeof GetEarliestMsgStoretimeResponseHeader.fields>;

/** Java-named aliases of {@link OffsetResponseHeader}. */
export const QueryConsumerOffsetResponseHeader = OffsetResponseHeader;
export const GetMaxOffsetResponseHeader = OffsetResponseHeader;
export const GetMinOffsetResponseHeader = OffsetResponseHeader;
export const SearchOffsetResponseHeader = OffsetResponseHeader;

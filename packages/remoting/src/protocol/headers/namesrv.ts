import { defineHeader, HeaderOf, optional, primitive, required } from '../header-codec';
import { RPC_REQUEST_FIELDS, TOPIC_REQUEST_FIELDS } from './rpc-fields';

/**
 * REGISTER_BROKER (103) request header (§9.1). `bodyCrc32` is `crc32(body)` (31-bit masked);
 * the name server checks it only when ≠ 0. `enableActingMaster` absent means a pre-5.0 broker.
 * `zoneName` travels as `__ZONE_NAME`.
 */
export const RegisterBrokerRequestHeader = defineHeader('RegisterBrokerRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  brokerName: required('string'),
  brokerAddr: required('string'),
  clusterName: required('string'),
  haServerAddr: required('string'),
  brokerId: required('long'),
  heartbeatTimeoutMillis: optional('long'),
  enableActingMaster: optional('boolean'),
  compressed: primitive('boolean', false),
  bodyCrc32: primitive('int', 0),
  zoneName: optional('string', '__ZONE_NAME'),
});
/** A decoded REGISTER_BROKER request header. */
export type RegisterBrokerRequestHeader = HeaderOf<typeof RegisterBrokerRequestHeader.fields>;

/** REGISTER_BROKER response header: for slaves, the master's HA and broker addresses. */
export const RegisterBrokerResponseHeader = defineHeader('RegisterBrokerResponseHeader', {
  haServerAddr: optional('string'),
  masterAddr: optional('string'),
});
/** A decoded REGISTER_BROKER response header. */
export type RegisterBrokerResponseHeader = HeaderOf<typeof RegisterBrokerResponseHeader.fields>;

/** UNREGISTER_BROKER (104) request header (§9.3). */
export const UnregisterBrokerRequestHeader = defineHeader('UnregisterBrokerRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  brokerName: required('string'),
  brokerAddr: required('string'),
  clusterName: required('string'),
  brokerId: required('long'),
});
/** A decoded UNREGISTER_BROKER request header. */
export type UnregisterBrokerRequestHeader = HeaderOf<typeof UnregisterBrokerRequestHeader.fields>;

/** QUERY_DATA_VERSION (322) request header (§9.4); the body is the broker's DataVersion. */
export const QueryDataVersionRequestHeader = defineHeader('QueryDataVersionRequestHeader', {
  ...UnregisterBrokerRequestHeader.fields,
});
/** A decoded QUERY_DATA_VERSION request header. */
export type QueryDataVersionRequestHeader = HeaderOf<typeof QueryDataVersionRequestHeader.fields>;

/** QUERY_DATA_VERSION response header: whether the broker's DataVersion differs from the name server's. */
export const QueryDataVersionResponseHeader = defineHeader('QueryDataVersionResponseHeader', {
  changed: required('boolean'),
});
/** A decoded QUERY_DATA_VERSION response header. */
export type QueryDataVersionResponseHeader = HeaderOf<typeof QueryDataVersionResponseHeader.fields>;

/** BROKER_HEARTBEAT (904) request header, 5.x keep-alive (§9.2). */
export const BrokerHeartbeatRequestHeader = defineHeader('BrokerHeartbeatRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  clusterName: required('string'),
  brokerAddr: required('string'),
  brokerName: required('string'),
  brokerId: optional('long'),
  epoch: optional('int'),
  maxOffset: optional('long'),
  confirmOffset: optional('long'),
  heartbeatTimeoutMills: optional('long'),
  electionPriority: optional('int'),
});
/** A decoded BROKER_HEARTBEAT request header. */
export type BrokerHeartbeatRequestHeader = HeaderOf<typeof BrokerHeartbeatRequestHeader.fields>;

/**
 * GET_ROUTEINFO_BY_TOPIC (105) request header (§9.5). With `acceptStandardJsonOnly` (or a
 * request version ≥ 401) the name server answers in standard JSON (§4.3).
 */
export const GetRouteInfoRequestHeader = defineHeader('GetRouteInfoRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
  acceptStandardJsonOnly: optional('boolean'),
});
/** A decoded GET_ROUTEINFO_BY_TOPIC request header. */
export type GetRouteInfoRequestHeader = HeaderOf<typeof GetRouteInfoRequestHeader.fields>;

/** PUT_KV_CONFIG (100) request header (§9.9). */
export const PutKVConfigRequestHeader = defineHeader('PutKVConfigRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  namespace: required('string'),
  key: required('string'),
  value: required('string'),
});
/** A decoded PUT_KV_CONFIG request header. */
export type PutKVConfigRequestHeader = HeaderOf<typeof PutKVConfigRequestHeader.fields>;

/** GET_KV_CONFIG (101) request header. */
export const GetKVConfigRequestHeader = defineHeader('GetKVConfigRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  namespace: required('string'),
  key: required('string'),
});
/** A decoded GET_KV_CONFIG request header. */
export type GetKVConfigRequestHeader = HeaderOf<typeof GetKVConfigRequestHeader.fields>;

/** GET_KV_CONFIG response header. */
export const GetKVConfigResponseHeader = defineHeader('GetKVConfigResponseHeader', {
  value: optional('string'),
});
/** A decoded GET_KV_CONFIG response header. */
export type GetKVConfigResponseHeader = HeaderOf<typeof GetKVConfigResponseHeader.fields>;

/** DELETE_KV_CONFIG (102) request header. */
export const DeleteKVConfigRequestHeader = defineHeader('DeleteKVConfigRequestHeader', {
  ...GetKVConfigRequestHeader.fields,
});
/** A decoded DELETE_KV_CONFIG request header. */
export type DeleteKVConfigRequestHeader = HeaderOf<typeof DeleteKVConfigRequestHeader.fields>;

/** GET_KVLIST_BY_NAMESPACE (219) request header. */
export const GetKVListByNamespaceRequestHeader = defineHeader('GetKVListByNamespaceRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  namespace: required('string'),
});
/** A decoded GET_KVLIST_BY_NAMESPACE request header. */
export type GetKVListByNamespaceRequestHeader = HeaderOf<typeof GetKVListByNamespaceRequestHeader.fields>;

/** DELETE_TOPIC_IN_NAMESRV (216) request header (§9.10); `clusterName` restricts to that cluster. */
export const DeleteTopicFromNamesrvRequestHeader = defineHeader('DeleteTopicFromNamesrvRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  topic: required('string'),
  clusterName: optional('string'),
});
/** A decoded DELETE_TOPIC_IN_NAMESRV request header. */
export type DeleteTopicFromNamesrvRequestHeader = HeaderOf<typeof DeleteTopicFromNamesrvRequestHeader.fields>;

/** REGISTER_TOPIC_IN_NAMESRV (217) request header (5.x); the body is a TopicRouteData. */
export const RegisterTopicRequestHeader = defineHeader('RegisterTopicRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  topic: required('string'),
});
/** A decoded REGISTER_TOPIC_IN_NAMESRV request header. */
export type RegisterTopicRequestHeader = HeaderOf<typeof RegisterTopicRequestHeader.fields>;

/** GET_TOPICS_BY_CLUSTER (224) request header (§9.8). */
export const GetTopicsByClusterRequestHeader = defineHeader('GetTopicsByClusterRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  cluster: required('string'),
});
/** A decoded GET_TOPICS_BY_CLUSTER request header. */
export type GetTopicsByClusterRequestHeader = HeaderOf<typeof GetTopicsByClusterRequestHeader.fields>;

/** WIPE_WRITE_PERM_OF_BROKER (205) request header (§9.10). */
export const WipeWritePermOfBrokerRequestHeader = defineHeader('WipeWritePermOfBrokerRequestHeader', {
  ...RPC_REQUEST_FIELDS,
  brokerName: required('string'),
});
/** A decoded WIPE_WRITE_PERM_OF_BROKER request header. */
export type WipeWritePermOfBrokerRequestHeader = HeaderOf<typeof WipeWritePermOfBrokerRequestHeader.fields>;

/** WIPE_WRITE_PERM_OF_BROKER response header: how many topics lost the write permission. */
export const WipeWritePermOfBrokerResponseHeader = defineHeader('WipeWritePermOfBrokerResponseHeader', {
  wipeTopicCount: required('int'),
});
/** A decoded WIPE_WRITE_PERM_OF_BROKER response header. */
export type WipeWritePermOfBrokerResponseHeader = HeaderOf<typeof WipeWritePermOfBrokerResponseHeader.fields>;

/** ADD_WRITE_PERM_OF_BROKER (327) request header (§9.10). */
export const AddWritePermOfBrokerRequestHeader = defineHeader('AddWritePermOfBrokerRequestHeader', {
  ...WipeWritePermOfBrokerRequestHeader.fields,
});
/** A decoded ADD_WRITE_PERM_OF_BROKER request header. */
export type AddWritePermOfBrokerRequestHeader = HeaderOf<typeof AddWritePermOfBrokerRequestHeader.fields>;

/** ADD_WRITE_PERM_OF_BROKER response header: how many topics regained the write permission. */
export const AddWritePermOfBrokerResponseHeader = defineHeader('AddWritePermOfBrokerResponseHeader', {
  addTopicCount: required('int'),
});
/** A decoded ADD_WRITE_PERM_OF_BROKER response header. */
export type AddWritePermOfBrokerResponseHeader = HeaderOf<typeof AddWritePermOfBrokerResponseHeader.fields>;

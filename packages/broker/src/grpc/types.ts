/**
 * TypeScript shapes of the `apache.rocketmq.v2` messages the broker reads and writes, matching
 * proto/apache/rocketmq/v2/*.proto field for field (snake_case, as protobufjs decodes them with
 * `keepCase`). Every field is optional because proto3 omits defaults on the wire; int64 fields
 * are JS numbers, enums are their numbers, `bytes` are Buffers.
 */

/** `google.protobuf.Duration` / `google.protobuf.Timestamp`. */
export interface ProtoDuration {
  seconds?: number;
  nanos?: number;
}
/** `google.protobuf.Timestamp`. */
export type ProtoTimestamp = ProtoDuration;

/** `Code` (definition.proto): in-band status codes. */
export const Code = {
  OK: 20000,
  MULTIPLE_RESULTS: 30000,
  BAD_REQUEST: 40000,
  ILLEGAL_TOPIC: 40002,
  ILLEGAL_CONSUMER_GROUP: 40003,
  ILLEGAL_MESSAGE_TAG: 40004,
  ILLEGAL_MESSAGE_KEY: 40005,
  ILLEGAL_MESSAGE_GROUP: 40006,
  ILLEGAL_MESSAGE_PROPERTY_KEY: 40007,
  INVALID_TRANSACTION_ID: 40008,
  ILLEGAL_MESSAGE_ID: 40009,
  ILLEGAL_FILTER_EXPRESSION: 40010,
  ILLEGAL_INVISIBLE_TIME: 40011,
  ILLEGAL_DELIVERY_TIME: 40012,
  INVALID_RECEIPT_HANDLE: 40013,
  MESSAGE_PROPERTY_CONFLICT_WITH_TYPE: 40014,
  UNRECOGNIZED_CLIENT_TYPE: 40015,
  MESSAGE_CORRUPTED: 40016,
  CLIENT_ID_REQUIRED: 40017,
  ILLEGAL_POLLING_TIME: 40018,
  ILLEGAL_OFFSET: 40019,
  FORBIDDEN: 40300,
  MESSAGE_NOT_FOUND: 40401,
  TOPIC_NOT_FOUND: 40402,
  CONSUMER_GROUP_NOT_FOUND: 40403,
  OFFSET_NOT_FOUND: 40404,
  MESSAGE_BODY_TOO_LARGE: 41301,
  MESSAGE_BODY_EMPTY: 41302,
  TOO_MANY_REQUESTS: 42900,
  MESSAGE_PROPERTIES_TOO_LARGE: 43101,
  INTERNAL_SERVER_ERROR: 50001,
  HA_NOT_AVAILABLE: 50002,
  NOT_IMPLEMENTED: 50100,
  MASTER_PERSISTENCE_TIMEOUT: 50401,
  SLAVE_PERSISTENCE_TIMEOUT: 50402,
  UNSUPPORTED: 50500,
} as const;
/** A `Code` value. */
export type CodeValue = (typeof Code)[keyof typeof Code];

/** `Permission`. */
export const Permission = { NONE: 1, READ: 2, WRITE: 3, READ_WRITE: 4 } as const;
/** `MessageType`. */
export const MessageType = { UNSPECIFIED: 0, NORMAL: 1, FIFO: 2, DELAY: 3, TRANSACTION: 4 } as const;
/** `ClientType`. */
export const ClientType = { PRODUCER: 1, PUSH_CONSUMER: 2, SIMPLE_CONSUMER: 3 } as const;
/** `AddressScheme`. */
export const AddressScheme = { IPv4: 1, IPv6: 2, DOMAIN_NAME: 3 } as const;
/** `FilterType`. */
export const FilterType = { TAG: 1, SQL: 2 } as const;
/** `DigestType`. */
export const DigestType = { MD5: 2 } as const;
/** `Encoding`. */
export const Encoding = { IDENTITY: 1, GZIP: 2 } as const;
/** `TransactionResolution`. */
export const TransactionResolution = { COMMIT: 1, ROLLBACK: 2 } as const;
/** `TransactionSource`: who ends a transaction. */
export const TransactionSource = { SOURCE_CLIENT: 1, SOURCE_SERVER_CHECK: 2 } as const;

export interface Status {
  code?: number;
  message?: string;
}
export interface Resource {
  resource_namespace?: string;
  name?: string;
}
export interface Address {
  host?: string;
  port?: number;
}
export interface Endpoints {
  scheme?: number;
  addresses?: Address[];
}
export interface Broker {
  name?: string;
  id?: number;
  endpoints?: Endpoints;
}
export interface MessageQueue {
  topic?: Resource;
  id?: number;
  permission?: number;
  broker?: Broker;
  accept_message_types?: number[];
}
export interface FilterExpression {
  type?: number;
  expression?: string;
}
export interface SubscriptionEntry {
  topic?: Resource;
  expression?: FilterExpression;
}
export interface Digest {
  type?: number;
  checksum?: string;
}
export interface DeadLetterQueue {
  topic?: string;
  message_id?: string;
}
export interface SystemProperties {
  tag?: string;
  keys?: string[];
  message_id?: string;
  body_digest?: Digest;
  body_encoding?: number;
  message_type?: number;
  born_timestamp?: ProtoTimestamp;
  born_host?: string;
  store_timestamp?: ProtoTimestamp;
  store_host?: string;
  delivery_timestamp?: ProtoTimestamp;
  receipt_handle?: string;
  queue_id?: number;
  queue_offset?: number;
  invisible_duration?: ProtoDuration;
  delivery_attempt?: number;
  message_group?: string;
  trace_context?: string;
  orphaned_transaction_recovery_duration?: ProtoDuration;
  dead_letter_queue?: DeadLetterQueue;
}
export interface Message {
  topic?: Resource;
  user_properties?: Record<string, string>;
  system_properties?: SystemProperties;
  body?: Buffer;
}
export interface ExponentialBackoff {
  initial?: ProtoDuration;
  max?: ProtoDuration;
  multiplier?: number;
}
export interface RetryPolicy {
  max_attempts?: number;
  exponential_backoff?: ExponentialBackoff;
  customized_backoff?: { next?: ProtoDuration[] };
}
export interface Publishing {
  topics?: Resource[];
  max_body_size?: number;
  validate_message_type?: boolean;
}
export interface Subscription {
  group?: Resource;
  subscriptions?: SubscriptionEntry[];
  fifo?: boolean;
  receive_batch_size?: number;
  long_polling_timeout?: ProtoDuration;
}
export interface UA {
  language?: number;
  version?: string;
  platform?: string;
  hostname?: string;
}
export interface Settings {
  client_type?: number;
  access_point?: Endpoints;
  backoff_policy?: RetryPolicy;
  request_timeout?: ProtoDuration;
  publishing?: Publishing;
  subscription?: Subscription;
  /** Virtual oneof member name set by protobufjs on decode. */
  pub_sub?: 'publishing' | 'subscription';
  user_agent?: UA;
  metric?: { on?: boolean; endpoints?: Endpoints };
  client_properties?: Record<string, string>;
}
/** `RecoverOrphanedTransactionCommand` (server → producer): asks for a transaction's state. */
export interface RecoverOrphanedTransactionCommand {
  message?: Message;
  transaction_id?: string;
}
export interface TelemetryCommand {
  status?: Status;
  settings?: Settings;
  recover_orphaned_transaction_command?: RecoverOrphanedTransactionCommand;
  /** Virtual oneof member name set by protobufjs on decode. */
  command?: string;
}

export interface QueryRouteRequest {
  topic?: Resource;
  endpoints?: Endpoints;
}
export interface QueryRouteResponse {
  status: Status;
  message_queues?: MessageQueue[];
}
export interface HeartbeatRequest {
  group?: Resource;
  client_type?: number;
}
export interface StatusResponse {
  status: Status;
}
export interface SendMessageRequest {
  messages?: Message[];
}
export interface SendResultEntry {
  status: Status;
  message_id?: string;
  transaction_id?: string;
  offset?: number;
  recall_handle?: string;
}
export interface SendMessageResponse {
  status: Status;
  entries?: SendResultEntry[];
}
export interface QueryAssignmentRequest {
  topic?: Resource;
  group?: Resource;
  endpoints?: Endpoints;
}
export interface QueryAssignmentResponse {
  status: Status;
  assignments?: { message_queue?: MessageQueue }[];
}
export interface ReceiveMessageRequest {
  group?: Resource;
  message_queue?: MessageQueue;
  filter_expression?: FilterExpression;
  batch_size?: number;
  invisible_duration?: ProtoDuration;
  auto_renew?: boolean;
  long_polling_timeout?: ProtoDuration;
  attempt_id?: string;
}
/** One element of the ReceiveMessage stream: exactly one member set. */
export interface ReceiveMessageResponse {
  status?: Status;
  message?: Message;
  delivery_timestamp?: ProtoTimestamp;
}
export interface AckMessageEntry {
  message_id?: string;
  receipt_handle?: string;
}
export interface AckMessageRequest {
  group?: Resource;
  topic?: Resource;
  entries?: AckMessageEntry[];
}
export interface AckMessageResultEntry {
  message_id?: string;
  receipt_handle?: string;
  status: Status;
}
export interface AckMessageResponse {
  status: Status;
  entries?: AckMessageResultEntry[];
}
export interface ChangeInvisibleDurationRequest {
  group?: Resource;
  topic?: Resource;
  receipt_handle?: string;
  invisible_duration?: ProtoDuration;
  message_id?: string;
}
export interface ChangeInvisibleDurationResponse {
  status: Status;
  receipt_handle?: string;
}
export interface ForwardMessageToDeadLetterQueueRequest {
  group?: Resource;
  topic?: Resource;
  receipt_handle?: string;
  message_id?: string;
  delivery_attempt?: number;
  max_delivery_attempts?: number;
}
export interface EndTransactionRequest {
  topic?: Resource;
  message_id?: string;
  transaction_id?: string;
  resolution?: number;
  source?: number;
  trace_context?: string;
}
export interface NotifyClientTerminationRequest {
  group?: Resource;
}
export interface PullMessageRequest {
  group?: Resource;
  message_queue?: MessageQueue;
  offset?: number;
  batch_size?: number;
  filter_expression?: FilterExpression;
  long_polling_timeout?: ProtoDuration;
}
/** One element of the PullMessage stream: exactly one member set. */
export interface PullMessageResponse {
  status?: Status;
  message?: Message;
  next_offset?: number;
}
export interface UpdateOffsetRequest {
  group?: Resource;
  message_queue?: MessageQueue;
  offset?: number;
}
export interface GetOffsetRequest {
  group?: Resource;
  message_queue?: MessageQueue;
}
export interface QueryOffsetRequest {
  message_queue?: MessageQueue;
  query_offset_policy?: number;
  timestamp?: ProtoTimestamp;
}
/** GetOffset and QueryOffset answers. */
export interface OffsetResponse {
  status: Status;
  offset?: number;
}
/** `QueryOffsetPolicy`. */
export const QueryOffsetPolicy = { BEGINNING: 0, END: 1, TIMESTAMP: 2 } as const;
export interface RecallMessageRequest {
  topic?: Resource;
  recall_handle?: string;
}
export interface RecallMessageResponse {
  status: Status;
  message_id?: string;
}

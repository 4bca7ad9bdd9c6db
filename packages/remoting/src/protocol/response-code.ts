import { reverseCodeTable } from './code-table';

/**
 * Every response code of Apache RocketMQ's remoting protocol (`RemotingSysResponseCode` 0–4
 * plus `ResponseCode`), keyed by the exact Java constant name.
 *
 * 209–211 carry two names each (ACL 1.0 failures in 4.9.x, POP results in 5.x); the 5.x name
 * is listed first and is what {@link responseCodeName} returns.
 */
export const ResponseCode = {
  /** 5.x only; client-side synthetic codes, never on the wire. */
  RPC_TIME_OUT: -1006,
  /** 5.x only; client-side synthetic codes, never on the wire. */
  RPC_SEND_TO_CHANNEL_FAILED: -1004,
  /** 5.x only; client-side synthetic codes, never on the wire. */
  RPC_ADDR_IS_NULL: -1002,
  /** 5.x only; client-side synthetic codes, never on the wire. */
  RPC_UNKNOWN: -1000,
  SUCCESS: 0,
  /** generic failure; retryable for producers. */
  SYSTEM_ERROR: 1,
  /** flow control; producer-retryable only in 5.3.0+. */
  SYSTEM_BUSY: 2,
  REQUEST_CODE_NOT_SUPPORTED: 3,
  TRANSACTION_FAILED: 4,
  /** send stored, but the sync flush timed out → SendStatus FLUSH_DISK_TIMEOUT. */
  FLUSH_DISK_TIMEOUT: 10,
  /** send stored, sync-replication slave missing → SendStatus SLAVE_NOT_AVAILABLE. */
  SLAVE_NOT_AVAILABLE: 11,
  /** send stored, slave ack timed out → SendStatus FLUSH_SLAVE_TIMEOUT. */
  FLUSH_SLAVE_TIMEOUT: 12,
  MESSAGE_ILLEGAL: 13,
  SERVICE_NOT_AVAILABLE: 14,
  VERSION_NOT_SUPPORTED: 15,
  NO_PERMISSION: 16,
  /** also the name server answer for an unknown topic. */
  TOPIC_NOT_EXIST: 17,
  TOPIC_EXIST_ALREADY: 18,
  /** pull: no new message (→ PullStatus NO_NEW_MSG). */
  PULL_NOT_FOUND: 19,
  /** pull: messages skipped by the filter / slave redirect (→ NO_MATCHED_MSG). */
  PULL_RETRY_IMMEDIATELY: 20,
  /** pull: offset illegal, or reset (→ OFFSET_ILLEGAL). */
  PULL_OFFSET_MOVED: 21,
  /** offset/KV/message query found nothing. */
  QUERY_NOT_FOUND: 22,
  SUBSCRIPTION_PARSE_FAILED: 23,
  SUBSCRIPTION_NOT_EXIST: 24,
  SUBSCRIPTION_NOT_LATEST: 25,
  SUBSCRIPTION_GROUP_NOT_EXIST: 26,
  FILTER_DATA_NOT_EXIST: 27,
  FILTER_DATA_NOT_LATEST: 28,
  /** 5.3.2+ only (earlier versions answer SYSTEM_ERROR 1 in the same situations). */
  INVALID_PARAMETER: 29,
  TRANSACTION_SHOULD_COMMIT: 200,
  TRANSACTION_SHOULD_ROLLBACK: 201,
  TRANSACTION_STATE_UNKNOW: 202,
  TRANSACTION_STATE_GROUP_WRONG: 203,
  NO_BUYER_ID: 204,
  NOT_IN_CURRENT_UNIT: 205,
  CONSUMER_NOT_ONLINE: 206,
  CONSUME_MSG_TIMEOUT: 207,
  NO_MESSAGE: 208,
  /** 5.x only (POP); in 4.9.x this value means an ACL failure. */
  POLLING_FULL: 209,
  /** 4.9.x and 5.0–5.3.2 (duplicate value in 5.0–5.3.2); removed in 5.3.3. */
  UPDATE_AND_CREATE_ACL_CONFIG_FAILED: 209,
  /** 5.x only (POP); in 4.9.x this value means an ACL failure. */
  POLLING_TIMEOUT: 210,
  /** 4.9.x and 5.0–5.3.2 (duplicate value in 5.0–5.3.2); removed in 5.3.3. */
  DELETE_ACL_CONFIG_FAILED: 210,
  /** 5.x only (POP); in 4.9.x this value means an ACL failure. */
  BROKER_NOT_EXIST: 211,
  /** 4.9.x and 5.0–5.3.2 (duplicate value in 5.0–5.3.2); removed in 5.3.3. */
  UPDATE_GLOBAL_WHITE_ADDRS_CONFIG_FAILED: 211,
  /** 5.x only. */
  BROKER_DISPATCH_NOT_COMPLETE: 212,
  /** 5.x only. */
  BROADCAST_CONSUMPTION: 213,
  FLOW_CONTROL: 215,
  /** 5.x only. */
  NOT_LEADER_FOR_QUEUE: 501,
  /** 5.x only. */
  ILLEGAL_OPERATION: 604,
  /** 5.x only (5.3.0+). */
  GO_AWAY: 1500,
  /** 5.x only. */
  CONTROLLER_FENCED_MASTER_EPOCH: 2000,
  /** 5.x only. */
  CONTROLLER_FENCED_SYNC_STATE_SET_EPOCH: 2001,
  /** 5.x only. */
  CONTROLLER_INVALID_MASTER: 2002,
  /** 5.x only. */
  CONTROLLER_INVALID_REPLICAS: 2003,
  /** 5.x only. */
  CONTROLLER_MASTER_NOT_AVAILABLE: 2004,
  /** 5.x only. */
  CONTROLLER_INVALID_REQUEST: 2005,
  /** 5.x only. */
  CONTROLLER_BROKER_NOT_ALIVE: 2006,
  /** 5.x only. */
  CONTROLLER_NOT_LEADER: 2007,
  /** 5.x only. */
  CONTROLLER_BROKER_METADATA_NOT_EXIST: 2008,
  /** 5.x only. */
  CONTROLLER_INVALID_CLEAN_BROKER_METADATA: 2009,
  /** 5.x only. */
  CONTROLLER_BROKER_NEED_TO_BE_REGISTERED: 2010,
  /** 5.x only. */
  CONTROLLER_MASTER_STILL_EXIST: 2011,
  /** 5.x only. */
  CONTROLLER_ELECT_MASTER_FAILED: 2012,
  /** 5.x only. */
  CONTROLLER_ALTER_SYNC_STATE_SET_FAILED: 2013,
  /** 5.x only. */
  CONTROLLER_BROKER_ID_INVALID: 2014,
  /** 5.x only. */
  CONTROLLER_JRAFT_INTERNAL_ERROR: 2015,
  /** 5.x only. */
  CONTROLLER_BROKER_LIVE_INFO_NOT_EXISTS: 2016,
  /** 5.x only. */
  USER_NOT_EXIST: 3001,
  /** 5.x only. */
  POLICY_NOT_EXIST: 3002,
} as const;

/** The name of a response code constant, e.g. `'TOPIC_NOT_EXIST'`. */
export type ResponseCodeName = keyof typeof ResponseCode;

const RESPONSE_CODE_NAMES = reverseCodeTable(ResponseCode);

/** The Java name of a response code (the 5.x name where two share a value), or `undefined`. */
export function responseCodeName(code: number): ResponseCodeName | undefined {
  return RESPONSE_CODE_NAMES.get(code) as ResponseCodeName | undefined;
}

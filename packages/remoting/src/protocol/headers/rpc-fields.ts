import { optional } from '../header-codec';

/**
 * Fields 5.x request headers inherit from `RpcRequestHeader` (4.9.x has only `bname`).
 * All optional; servers ignore the ones they do not use.
 */
export const RPC_REQUEST_FIELDS = {
  /** Namespace. */
  ns: optional('string'),
  /** Namespace already applied to the resource names. */
  nsd: optional('boolean'),
  /** Target broker name. */
  bname: optional('string'),
  /** One-way hint. */
  oway: optional('boolean'),
} as const;

/** `RpcRequestHeader` fields plus `TopicRequestHeader.lo` (logical-queue hint), for topic-scoped headers. */
export const TOPIC_REQUEST_FIELDS = {
  ...RPC_REQUEST_FIELDS,
  lo: optional('boolean'),
} as const;

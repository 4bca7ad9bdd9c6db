/**
 * The one error type of the project: a RocketMQ response code plus a remark a person can act on.
 *
 * Codes are the numbers of RocketMQ's `ResponseCode` (see `@mq/remoting`'s code table), so an
 * error raised deep in the store can travel to a client as the response it would get from
 * Apache RocketMQ.
 */
export class MQError extends Error {
  /** RocketMQ response code (e.g. 1 = SYSTEM_ERROR, 17 = TOPIC_NOT_EXIST). */
  readonly code: number;

  constructor(code: number, remark: string, options?: { cause?: unknown }) {
    super(remark, options);
    this.name = 'MQError';
    this.code = code;
  }

  /** The remark, as it travels in a response. */
  get remark(): string {
    return this.message;
  }
}

/** Response codes that common code raises itself (the full table lives in `@mq/remoting`). */
export const CommonErrorCode = {
  SYSTEM_ERROR: 1,
  MESSAGE_ILLEGAL: 13,
  NO_PERMISSION: 16,
  TOPIC_NOT_EXIST: 17,
  SUBSCRIPTION_GROUP_NOT_EXIST: 26,
  INVALID_PARAMETER: 29,
  /** Client-side only: a value that cannot be used (bad config, bad argument). */
  CLIENT_PARAMETER_CHECK_ERROR: -3,
} as const;

/** Raises `MQError(code, remark)` unless `condition` holds. */
export function check(condition: unknown, code: number, remark: string): asserts condition {
  if (!condition) throw new MQError(code, remark);
}

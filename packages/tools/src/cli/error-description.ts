import { CommonErrorCode, MQError } from '@mq/common';
import { ClientErrorCode } from '@mq/client';
import { responseCodeName } from '@mq/remoting';

const LOCAL_CODE_NAMES = new Map<number, string>(
  [...Object.entries(ClientErrorCode), ...Object.entries(CommonErrorCode)].map(([name, code]) => [code, name]),
);

/** The name of a RocketMQ response or client error code, e.g. `TOPIC_NOT_EXIST`; `CODE_<n>` when unknown. */
export function errorCodeName(code: number): string {
  return LOCAL_CODE_NAMES.get(code) ?? responseCodeName(code) ?? `CODE_${code}`;
}

/** One line that names why a command failed: `TOPIC_NOT_EXIST (17): <remark>` for MQError, the message otherwise. */
export function describeError(error: unknown): string {
  if (error instanceof MQError) return `${errorCodeName(error.code)} (${error.code}): ${error.remark}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

import { MQError } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import { Code, type Status } from './types';

/** Names of the codes this server emits, used as the status text when nothing better exists. */
const CODE_NAMES = new Map<number, string>(Object.entries(Code).map(([name, value]) => [value, name]));

/** A Status; the message defaults to the code's name (the reference's `"OK"`). */
export function status(code: number, message?: string): Status {
  return { code, message: message ?? CODE_NAMES.get(code) ?? String(code) };
}

/** `{code: OK, message: "OK"}`. */
export const OK_STATUS: Status = status(Code.OK);

/**
 * An error to answer in-band with a gRPC `Code` (≥ 20000); other MQErrors carry remoting codes
 * and are mapped by {@link statusFromError}.
 */
export function grpcError(code: number, message: string): MQError {
  return new MQError(code, message);
}

const REMOTING_TO_GRPC = new Map<number, number>([
  [ResponseCode.SYSTEM_BUSY, Code.TOO_MANY_REQUESTS],
  [ResponseCode.REQUEST_CODE_NOT_SUPPORTED, Code.NOT_IMPLEMENTED],
  [ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, Code.CONSUMER_GROUP_NOT_FOUND],
  [ResponseCode.TOPIC_NOT_EXIST, Code.TOPIC_NOT_FOUND],
  [ResponseCode.NO_PERMISSION, Code.FORBIDDEN],
]);

/** The in-band Status for anything a handler threw (spec §2.3): unknown failures are INTERNAL_SERVER_ERROR. */
export function statusFromError(error: unknown): Status {
  if (error instanceof MQError) {
    if (error.code >= Code.OK) return status(error.code, error.remark);
    return status(REMOTING_TO_GRPC.get(error.code) ?? Code.INTERNAL_SERVER_ERROR, error.remark);
  }
  return status(Code.INTERNAL_SERVER_ERROR, error instanceof Error ? error.message : String(error));
}

/** Top-level status of a batch: the entries' common code, or MULTIPLE_RESULTS. */
export function batchStatus(entries: readonly { status: Status }[]): Status {
  const codes = new Set(entries.map((entry) => entry.status.code));
  if (codes.size > 1) return status(Code.MULTIPLE_RESULTS);
  return entries[0]?.status ?? OK_STATUS;
}

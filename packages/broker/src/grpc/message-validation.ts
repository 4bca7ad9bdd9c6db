import { SYSTEM_PROPERTY_NAMES } from '@mq/common';
import { toMillis } from './durations';
import { grpcError } from './status';
import { Code, type Message } from './types';

/** Limits of a sent message (spec §7.3). */
const MAX_USER_PROPERTIES = 128;
const MAX_PROPERTIES_SIZE = 16 * 1024;
const MAX_MESSAGE_GROUP_BYTES = 64;
const MAX_DELAY_MS = 24 * 3600 * 1000;
const MAX_TRANSACTION_RECOVERY_MS = 3600 * 1000;
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/**
 * Checks one message of a SendMessage in the reference's order (spec §4.6, §7.4); throws the
 * in-band code of the first violation.
 */
export function validateMessage(message: Message, maxBodySize: number, now = Date.now()): void {
  const body = message.body ?? Buffer.alloc(0);
  if (body.length === 0) throw grpcError(Code.MESSAGE_BODY_EMPTY, 'message body cannot be empty');
  if (body.length > maxBodySize) throw grpcError(Code.MESSAGE_BODY_TOO_LARGE, `message body cannot exceed the max ${maxBodySize}`);
  const system = message.system_properties ?? {};
  const user = Object.entries(message.user_properties ?? {});
  if (user.length > MAX_USER_PROPERTIES) throw grpcError(Code.MESSAGE_PROPERTIES_TOO_LARGE, `too many user properties, max is ${MAX_USER_PROPERTIES}`);
  let size = 0;
  for (const [key, value] of user) {
    if (SYSTEM_PROPERTY_NAMES.has(key)) throw grpcError(Code.ILLEGAL_MESSAGE_PROPERTY_KEY, `property key ${key} is reserved`);
    if (CONTROL_CHARS.test(key) || CONTROL_CHARS.test(value)) {
      throw grpcError(Code.ILLEGAL_MESSAGE_PROPERTY_KEY, `property ${key} contains a control character`);
    }
    size += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  const tag = system.tag ?? '';
  if (tag !== '' && (isBlank(tag) || tag.includes('|') || CONTROL_CHARS.test(tag))) {
    throw grpcError(Code.ILLEGAL_MESSAGE_TAG, `tag ${JSON.stringify(tag)} is illegal`);
  }
  size += Buffer.byteLength(tag);
  for (const key of system.keys ?? []) {
    if (key !== '' && (isBlank(key) || CONTROL_CHARS.test(key))) throw grpcError(Code.ILLEGAL_MESSAGE_KEY, `key ${JSON.stringify(key)} is illegal`);
    size += Buffer.byteLength(key);
  }
  if (size > MAX_PROPERTIES_SIZE) throw grpcError(Code.MESSAGE_PROPERTIES_TOO_LARGE, `properties exceed ${MAX_PROPERTIES_SIZE} bytes`);
  if (isBlank(system.message_id ?? '')) throw grpcError(Code.ILLEGAL_MESSAGE_ID, 'message id cannot be blank');
  const recovery = toMillis(system.orphaned_transaction_recovery_duration);
  if (recovery !== undefined && recovery > MAX_TRANSACTION_RECOVERY_MS) {
    throw grpcError(Code.BAD_REQUEST, 'orphaned transaction recovery duration cannot exceed 3600 s');
  }
  const deliverAt = toMillis(system.delivery_timestamp);
  if (deliverAt !== undefined && deliverAt - now > MAX_DELAY_MS) {
    throw grpcError(Code.ILLEGAL_DELIVERY_TIME, 'delivery timestamp cannot be more than one day ahead');
  }
  const group = system.message_group ?? '';
  if (group !== '' && (isBlank(group) || Buffer.byteLength(group) >= MAX_MESSAGE_GROUP_BYTES || CONTROL_CHARS.test(group))) {
    throw grpcError(Code.ILLEGAL_MESSAGE_GROUP, `message group ${JSON.stringify(group)} is illegal`);
  }
}

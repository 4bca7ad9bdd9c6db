import { defineHeader, HeaderOf, optional, required } from '../header-codec';
import { TOPIC_REQUEST_FIELDS } from './rpc-fields';

/**
 * RECALL_MESSAGE (370, 5.3.2+) request header: cancels the pending timer message that
 * `recallHandle` (from the send response) names. `bname` carries the handle's broker name.
 */
export const RecallMessageRequestHeader = defineHeader('RecallMessageRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  producerGroup: optional('string'),
  topic: required('string'),
  recallHandle: required('string'),
});
/** A decoded RECALL_MESSAGE request header. */
export type RecallMessageRequestHeader = HeaderOf<typeof RecallMessageRequestHeader.fields>;

/** RECALL_MESSAGE response header: `msgId` is the recalled message's unique key (`UNIQ_KEY`). */
export const RecallMessageResponseHeader = defineHeader('RecallMessageResponseHeader', {
  msgId: required('string'),
});
/** A decoded RECALL_MESSAGE response header. */
export type RecallMessageResponseHeader = HeaderOf<typeof RecallMessageResponseHeader.fields>;

const RECALL_HANDLE_V1 = 'v1';
/** Java's URL-safe base64 alphabet; padding, when present, completes the last 4-character unit. */
const URL_BASE64 = /^[A-Za-z0-9_-]*={0,2}$/;

/** What a v1 recall handle names: a timer message by real topic and unique key, with its slot time. */
export interface RecallHandle {
  readonly topic: string;
  readonly brokerName: string;
  /** `TIMER_OUT_MS + 1` as text: kept unparsed, the broker parses it when recalling. */
  readonly timestamp: string;
  /** The message's unique key (`UNIQ_KEY`). */
  readonly messageId: string;
}

/**
 * The handle a broker answers for a timer message: URL-safe base64 (with padding) of the UTF-8
 * text `v1 <topic> <brokerName> <timestamp> <messageId>`. Opaque to clients.
 */
export function encodeRecallHandle(handle: RecallHandle): string {
  const text = [RECALL_HANDLE_V1, handle.topic, handle.brokerName, handle.timestamp, handle.messageId].join(' ');
  return Buffer.from(text, 'utf8').toString('base64url').padEnd(Math.ceil(Buffer.byteLength(text) / 3) * 4, '=');
}

/**
 * The fields of a v1 recall handle; `undefined` for anything Java's `RecallMessageHandle.decodeHandle`
 * refuses (empty, not URL-safe base64, not `v1`, fewer than five fields).
 */
export function decodeRecallHandle(text: string): RecallHandle | undefined {
  if (text.length === 0 || !isJavaUrlBase64(text)) return undefined;
  const fields = javaSplit(Buffer.from(text, 'base64url').toString('utf8'), ' ');
  if (fields[0] !== RECALL_HANDLE_V1 || fields.length < 5) return undefined;
  return { topic: fields[1]!, brokerName: fields[2]!, timestamp: fields[3]!, messageId: fields[4]! };
}

/** Java's URL decoder: padded input is whole 4-character units; unpadded input never ends in a lone character. */
function isJavaUrlBase64(text: string): boolean {
  if (!URL_BASE64.test(text)) return false;
  return text.endsWith('=') ? text.length % 4 === 0 : text.length % 4 !== 1;
}

/** `String.split(separator)` as Java does it: trailing empty fields are dropped. */
function javaSplit(text: string, separator: string): string[] {
  const fields = text.split(separator);
  while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
  return fields;
}

import { defineHeader, ExtFieldsInput, HeaderField, HeaderOf, optional, required } from '../header-codec';
import { RequestCode } from '../request-code';
import { TOPIC_REQUEST_FIELDS } from './rpc-fields';

/**
 * SEND_MESSAGE (10) / SEND_REPLY_MESSAGE (324) request header: long keys.
 * `queueId` < 0 lets the broker pick a queue; `batch` = true marks a batch body.
 */
export const SendMessageRequestHeader = defineHeader('SendMessageRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  producerGroup: required('string'),
  topic: required('string'),
  defaultTopic: required('string'),
  defaultTopicQueueNums: required('int'),
  queueId: required('int'),
  sysFlag: required('int'),
  bornTimestamp: required('long'),
  flag: required('int'),
  properties: optional('string'),
  reconsumeTimes: optional('int'),
  unitMode: optional('boolean'),
  maxReconsumeTimes: optional('int'),
  batch: optional('boolean'),
});
/** A send request header (same shape for the V1 and V2 wire forms). */
export type SendMessageRequestHeader = HeaderOf<typeof SendMessageRequestHeader.fields>;

/**
 * SEND_MESSAGE_V2 (310) / SEND_BATCH_MESSAGE (320) / SEND_REPLY_MESSAGE_V2 (325) request
 * header: the same logical header as {@link SendMessageRequestHeader} on the wire as the
 * single letters `a`…`n`. Decodes to and encodes from a `SendMessageRequestHeader`.
 */
export const SendMessageRequestHeaderV2 = defineHeader('SendMessageRequestHeaderV2', {
  ...SendMessageRequestHeader.fields,
  producerGroup: required('string', 'a'),
  topic: required('string', 'b'),
  defaultTopic: required('string', 'c'),
  defaultTopicQueueNums: required('int', 'd'),
  queueId: required('int', 'e'),
  sysFlag: required('int', 'f'),
  bornTimestamp: required('long', 'g'),
  flag: required('int', 'h'),
  properties: optional('string', 'i'),
  reconsumeTimes: optional('int', 'j'),
  unitMode: optional('boolean', 'k'),
  maxReconsumeTimes: optional('int', 'l'),
  batch: optional('boolean', 'm'),
  bname: optional('string', 'n'),
});

/** V1 key → V2 letter, per spec §6.2 (`bname` ↔ `n`). */
export const SEND_MESSAGE_V2_KEYS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SendMessageRequestHeaderV2.fields).flatMap(([v1, field]: [string, HeaderField]) =>
    field.key === undefined ? [] : [[v1, field.key]],
  ),
);
const V1_KEY_BY_V2 = new Map(Object.entries(SEND_MESSAGE_V2_KEYS).map(([v1, v2]) => [v2, v1]));

/** True for the request codes whose send header travels in the V2 (letter) form. */
export function usesSendMessageHeaderV2(requestCode: number): boolean {
  return (
    requestCode === RequestCode.SEND_MESSAGE_V2 ||
    requestCode === RequestCode.SEND_BATCH_MESSAGE ||
    requestCode === RequestCode.SEND_REPLY_MESSAGE_V2
  );
}

/** Decodes a send request header in the form its request code implies (§6.1). */
export function decodeSendMessageRequestHeader(
  requestCode: number,
  extFields: ExtFieldsInput | null | undefined,
): SendMessageRequestHeader {
  return usesSendMessageHeaderV2(requestCode)
    ? SendMessageRequestHeaderV2.decode(extFields)
    : SendMessageRequestHeader.decode(extFields);
}

/** Renames V1 `extFields` keys to their V2 letters; other keys (`lo`, `ns`, …) are kept. */
export function sendMessageExtFieldsToV2(extFields: Readonly<Record<string, string>>): Record<string, string> {
  return renameKeys(extFields, (key) => SEND_MESSAGE_V2_KEYS[key]);
}

/** Renames V2 letter keys back to the V1 names; other keys are kept. */
export function sendMessageExtFieldsFromV2(extFields: Readonly<Record<string, string>>): Record<string, string> {
  return renameKeys(extFields, (key) => V1_KEY_BY_V2.get(key));
}

function renameKeys(
  extFields: Readonly<Record<string, string>>,
  rename: (key: string) => string | undefined,
): Record<string, string> {
  const renamed: Record<string, string> = {};
  for (const [key, value] of Object.entries(extFields)) renamed[rename(key) ?? key] = value;
  return renamed;
}

/**
 * Send response header (§6.4). A broker MUST send `msgId`/`queueId`/`queueOffset` for codes
 * 0/10/11/12. `MSG_REGION`/`TRACE_ON` are the ext keys the Java broker adds to every send
 * response; clients treat a missing region as `DefaultRegion` and trace as on unless `"false"`.
 */
export const SendMessageResponseHeader = defineHeader('SendMessageResponseHeader', {
  msgId: required('string'),
  queueId: required('int'),
  queueOffset: required('long'),
  transactionId: optional('string'),
  batchUniqId: optional('string'),
  recallHandle: optional('string'),
  msgRegion: optional('string', 'MSG_REGION'),
  traceOn: optional('string', 'TRACE_ON'),
});
/** A decoded send response header. */
export type SendMessageResponseHeader = HeaderOf<typeof SendMessageResponseHeader.fields>;

/** PUSH_REPLY_MESSAGE_TO_CLIENT (326) request header (§8.18). */
export const ReplyMessageRequestHeader = defineHeader('ReplyMessageRequestHeader', {
  ...TOPIC_REQUEST_FIELDS,
  producerGroup: required('string'),
  topic: required('string'),
  defaultTopic: required('string'),
  defaultTopicQueueNums: required('int'),
  queueId: required('int'),
  sysFlag: required('int'),
  bornTimestamp: required('long'),
  flag: required('int'),
  properties: optional('string'),
  reconsumeTimes: optional('int'),
  unitMode: optional('boolean'),
  bornHost: required('string'),
  storeHost: required('string'),
  storeTimestamp: required('long'),
});
/** A decoded reply-message header. */
export type ReplyMessageRequestHeader = HeaderOf<typeof ReplyMessageRequestHeader.fields>;

import { isRetryTopic, MessageConst, type MessageExt } from '@mq/common';

const VERSION_1 = 'v1';

/** What a recall handle names: a timer message by real topic and unique key, with its slot time. */
export interface RecallHandle {
  readonly topic: string;
  readonly brokerName: string;
  /** `TIMER_OUT_MS + 1` as text (the reference keeps it unparsed until the recall). */
  readonly timestamp: string;
  /** The message's unique key (`UNIQ_KEY`). */
  readonly messageId: string;
}

/** URL-safe base64 (with padding) of `v1 <topic> <brokerName> <timestamp> <messageId>` (spec grpc-v2 §4.15). */
export function encodeRecallHandle(handle: RecallHandle): string {
  const raw = [VERSION_1, handle.topic, handle.brokerName, handle.timestamp, handle.messageId].join(' ');
  const base64 = Buffer.from(raw, 'utf8').toString('base64url');
  return base64.padEnd(Math.ceil(base64.length / 4) * 4, '=');
}

/** The handle's fields; `undefined` for anything that is not a v1 handle. */
export function decodeRecallHandle(text: string): RecallHandle | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return undefined;
  const fields = Buffer.from(text, 'base64url').toString('utf8').split(' ');
  if (fields[0] !== VERSION_1 || fields.length < 5) return undefined;
  return { topic: fields[1], brokerName: fields[2], timestamp: fields[3], messageId: fields[4] };
}

/**
 * The recall handle a send answers for a message the timer transform redirected (not for retry
 * topics, as the reference's `attachRecallHandle`); `undefined` for other messages.
 */
export function recallHandleOf(stored: MessageExt, brokerName: string): string | undefined {
  const slotMs = stored.getProperty(MessageConst.PROPERTY_TIMER_OUT_MS);
  const realTopic = stored.getProperty(MessageConst.PROPERTY_REAL_TOPIC);
  const messageId = stored.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
  if (slotMs === undefined || realTopic === undefined || messageId === undefined || isRetryTopic(realTopic)) return undefined;
  return encodeRecallHandle({ topic: realTopic, brokerName, timestamp: String(Number(slotMs) + 1), messageId });
}

/** The key a delete marker cancels (`TIMER_DEL_UNIQKEY`): `<realTopic>+<uniqueKey>`. */
export function timerDeleteKey(realTopic: string, uniqueKey: string): string {
  return `${realTopic}+${uniqueKey}`;
}

import { createHash } from 'node:crypto';
import { MessageConst, MessageSysFlag, SYSTEM_PROPERTY_NAMES, type MessageExt } from '@mq/common';
import { timestampOf } from './durations';
import { DigestType, Encoding, MessageType, type Message, type SystemProperties } from './types';

/** System-used properties that are not in the reserved set but must not leak as user properties (spec §4.18). */
const HIDDEN_PROPERTIES: ReadonlySet<string> = new Set([
  MessageConst.PROPERTY_SHARDING_KEY,
  MessageConst.PROPERTY_TRACE_CONTEXT,
  MessageConst.PROPERTY_TRANSACTION_ID,
  MessageConst.PROPERTY_INNER_MULTI_DISPATCH,
]);

/** `MD5` digest, upper-case hex of the exact body bytes (what every client checks). */
export function md5Digest(body: Buffer): string {
  return createHash('md5').update(body).digest('hex').toUpperCase();
}

/** The message type a stored message's properties imply (spec §4.6 topic-type check). */
export function messageTypeOf(properties: ReadonlyMap<string, string>): number {
  if (properties.get(MessageConst.PROPERTY_TRANSACTION_PREPARED) === 'true') return MessageType.TRANSACTION;
  if (
    properties.has(MessageConst.PROPERTY_DELAY_TIME_LEVEL) ||
    properties.has(MessageConst.PROPERTY_TIMER_DELIVER_MS) ||
    properties.has(MessageConst.PROPERTY_TIMER_DELAY_SEC) ||
    properties.has(MessageConst.PROPERTY_TIMER_DELAY_MS)
  ) {
    return MessageType.DELAY;
  }
  if (properties.has(MessageConst.PROPERTY_SHARDING_KEY)) return MessageType.FIFO;
  return MessageType.NORMAL;
}

/** How a delivered message is labelled beyond the stored record. */
export interface DeliveryInfo {
  readonly receiptHandle?: string;
  readonly deliveryAttempt?: number;
}

/** A stored message as a gRPC `Message` (spec §4.18), with MD5 body digest. */
export function toGrpcMessage(stored: MessageExt, delivery: DeliveryInfo = {}): Message {
  const props = stored.properties;
  const system: SystemProperties = {
    keys: stored.keyList,
    message_id: stored.msgId,
    body_digest: { type: DigestType.MD5, checksum: md5Digest(stored.body) },
    body_encoding: (stored.sysFlag & MessageSysFlag.COMPRESSED_FLAG) !== 0 ? Encoding.GZIP : Encoding.IDENTITY,
    message_type: messageTypeOf(props),
    born_timestamp: timestampOf(stored.bornTimestamp),
    born_host: props.get(MessageConst.PROPERTY_BORN_HOST) ?? `${stored.bornHost.address}:${stored.bornHost.port}`,
    store_timestamp: timestampOf(stored.storeTimestamp),
    store_host: `${stored.storeHost.address}:${stored.storeHost.port}`,
    queue_id: stored.queueId,
    queue_offset: stored.queueOffset,
    delivery_attempt: delivery.deliveryAttempt ?? stored.reconsumeTimes + 1,
  };
  const tag = stored.tags;
  if (tag) system.tag = tag;
  if (delivery.receiptHandle !== undefined) system.receipt_handle = delivery.receiptHandle;
  const deliverAt = Number(props.get(MessageConst.PROPERTY_TIMER_DELIVER_MS));
  if (deliverAt > 0) system.delivery_timestamp = timestampOf(deliverAt);
  const group = props.get(MessageConst.PROPERTY_SHARDING_KEY);
  if (group) system.message_group = group;
  const traceContext = props.get(MessageConst.PROPERTY_TRACE_CONTEXT);
  if (traceContext) system.trace_context = traceContext;
  const dlqTopic = props.get(MessageConst.PROPERTY_DLQ_ORIGIN_TOPIC);
  const dlqId = props.get(MessageConst.PROPERTY_DLQ_ORIGIN_MESSAGE_ID);
  if (dlqTopic && dlqId) system.dead_letter_queue = { topic: dlqTopic, message_id: dlqId };
  return {
    topic: { resource_namespace: '', name: stored.topic },
    user_properties: userProperties(props),
    system_properties: system,
    body: stored.body,
  };
}

function userProperties(props: ReadonlyMap<string, string>): Record<string, string> {
  const user: Record<string, string> = {};
  for (const [key, value] of props) {
    if (SYSTEM_PROPERTY_NAMES.has(key) || HIDDEN_PROPERTIES.has(key) || key.startsWith(MessageConst.PROPERTY_TRANSIENT_PREFIX)) continue;
    user[key] = value;
  }
  return user;
}

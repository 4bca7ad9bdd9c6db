import { PutMessageStatus, type PutMessageResult } from './store-status';
import type { MessageExt } from '@mq/common';

const MAX_TOPIC_BYTES = 127;
const MAX_RETRY_TOPIC_BYTES = 255;
const RETRY_GROUP_TOPIC_PREFIX = '%RETRY%';

function illegal(remark: string): PutMessageResult {
  return { putMessageStatus: PutMessageStatus.MESSAGE_ILLEGAL, remark };
}

/**
 * The store-level message checks run before every put (spec §2.1 "status check"): topic
 * length (127 UTF-8 bytes, 255 for `%RETRY%` topics) and body presence; a batch must be
 * non-empty and target one queue. `undefined` when the put may proceed.
 */
export function validatePut(messages: readonly MessageExt[]): PutMessageResult | undefined {
  if (messages.length === 0) return illegal('empty batch');
  const { topic, queueId } = messages[0];
  if (topic.length === 0) return illegal('topic is empty');
  // A UTF-16 unit takes at most 3 UTF-8 bytes: short topics need no byte count.
  if (topic.length * 3 > MAX_TOPIC_BYTES) {
    const topicBytes = Buffer.byteLength(topic, 'utf8');
    const limit = topic.startsWith(RETRY_GROUP_TOPIC_PREFIX) ? MAX_RETRY_TOPIC_BYTES : MAX_TOPIC_BYTES;
    if (topicBytes > limit) return illegal(`topic is ${topicBytes} bytes, more than ${limit}`);
  }
  for (const message of messages) {
    if (!message.body) return illegal('message body is null');
    if (message.topic !== topic || message.queueId !== queueId) return illegal('every message of a batch must go to the same topic and queue');
  }
  return undefined;
}

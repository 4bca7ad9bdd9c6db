import {
  CommonErrorCode,
  MAX_PROPERTIES_LENGTH,
  MQError,
  encodeProperties,
  forbiddenSendRemark,
  isNotAllowedSendTopic,
  validateClientTopic,
  type Message,
} from '@mq/common';

/**
 * The producer's checks before anything is sent (Java's `Validators.checkMessage`): a valid,
 * allowed topic, a non-empty body of at most `maxMessageSize` bytes (before compression) and
 * a properties string that fits its 2-byte length. Raises MQError(MESSAGE_ILLEGAL).
 */
export function validateMessage(message: Message, maxMessageSize: number): void {
  const topicCheck = validateClientTopic(message.topic);
  if (!topicCheck.valid) throw illegal(topicCheck.remark);
  if (isNotAllowedSendTopic(message.topic)) throw illegal(forbiddenSendRemark(message.topic));
  if (!message.body || message.body.length === 0) throw illegal('the message body length is zero');
  if (message.body.length > maxMessageSize) {
    throw illegal(`the message body size over max value, MAX: ${maxMessageSize}, got ${message.body.length}`);
  }
  const propertiesLength = Buffer.byteLength(encodeProperties(message.properties), 'utf8');
  if (propertiesLength > MAX_PROPERTIES_LENGTH) {
    throw illegal(`the message properties are ${propertiesLength} bytes, more than the maximum ${MAX_PROPERTIES_LENGTH}`);
  }
}

function illegal(remark: string): MQError {
  return new MQError(CommonErrorCode.MESSAGE_ILLEGAL, remark);
}

import { CommonErrorCode, MQError } from '../errors';
import { DLQ_GROUP_TOPIC_PREFIX, RETRY_GROUP_TOPIC_PREFIX } from './retry-dlq';

/** Longest normal topic name. */
export const TOPIC_MAX_LENGTH = 127;
/** Longest `%RETRY%`/`%DLQ%` topic name (a group plus a topic for POP retry topics). */
export const RETRY_OR_DLQ_TOPIC_MAX_LENGTH = 255;
/** Longest group name (it must fit into retry and DLQ topic names). */
export const GROUP_MAX_LENGTH = 120;
/** The allowed characters, as RocketMQ quotes them in its remarks. */
export const VALID_NAME_PATTERN = '^[%|a-zA-Z0-9_-]+$';

const VALID_NAME = /^[%|a-zA-Z0-9_-]*$/;

/** Result of a name check: `remark` says what is wrong when `valid` is false. */
export interface NameValidation {
  valid: boolean;
  remark: string;
}

const VALID: NameValidation = { valid: true, remark: '' };

function invalid(remark: string): NameValidation {
  return { valid: false, remark };
}

/** True when the name has a character outside `%`, `|`, letters, digits, `_` and `-`. */
export function hasIllegalNameCharacters(name: string): boolean {
  return !VALID_NAME.test(name);
}

function isBlank(name: string): boolean {
  return name.trim() === '';
}

/**
 * The broker's topic check (Java's `TopicValidator.validateTopic`): not blank, only allowed
 * characters, at most 127 characters, or 255 for `%RETRY%`/`%DLQ%` topics.
 */
export function validateTopic(topic: string): NameValidation {
  if (isBlank(topic)) return invalid('The specified topic is blank.');
  if (hasIllegalNameCharacters(topic)) {
    return invalid(`The specified topic: ${topic}, contains illegal characters, allowing only ${VALID_NAME_PATTERN}`);
  }
  if (topic.startsWith(RETRY_GROUP_TOPIC_PREFIX) || topic.startsWith(DLQ_GROUP_TOPIC_PREFIX)) {
    if (topic.length > RETRY_OR_DLQ_TOPIC_MAX_LENGTH) {
      return invalid(
        `The specified topic is DLQ or Retry topic: ${topic}, and it's longer than topic max length: ${RETRY_OR_DLQ_TOPIC_MAX_LENGTH}`,
      );
    }
  } else if (topic.length > TOPIC_MAX_LENGTH) {
    return invalid(`The specified topic: ${topic}, is longer than topic max length: ${TOPIC_MAX_LENGTH}`);
  }
  return VALID;
}

/** The broker's group check (Java's `TopicValidator.validateGroup`): not blank, allowed characters, ≤ 120. */
export function validateGroup(group: string): NameValidation {
  if (isBlank(group)) return invalid('The specified group is blank.');
  if (hasIllegalNameCharacters(group)) {
    return invalid(`The specified group: ${group}, contains illegal characters, allowing only ${VALID_NAME_PATTERN}`);
  }
  if (group.length > GROUP_MAX_LENGTH) {
    return invalid(`The specified group: ${group}, is longer than group max length: ${GROUP_MAX_LENGTH}`);
  }
  return VALID;
}

function raiseIfInvalid(result: NameValidation, code: number): void {
  if (!result.valid) throw new MQError(code, result.remark);
}

/** Raises MQError(`code`, default INVALID_PARAMETER 29) with the broker's remark unless the topic is valid. */
export function checkTopic(topic: string, code: number = CommonErrorCode.INVALID_PARAMETER): void {
  raiseIfInvalid(validateTopic(topic), code);
}

/** Raises MQError(`code`, default INVALID_PARAMETER 29) with the broker's remark unless the group is valid. */
export function checkGroup(group: string, code: number = CommonErrorCode.INVALID_PARAMETER): void {
  raiseIfInvalid(validateGroup(group), code);
}

/**
 * The client's topic check (Java's `Validators.checkTopic`): blank, then longer than 127
 * (retry topics included), then characters. Raises CLIENT_PARAMETER_CHECK_ERROR.
 */
export function validateClientTopic(topic: string): NameValidation {
  if (isBlank(topic)) return invalid('The specified topic is blank');
  if (topic.length > TOPIC_MAX_LENGTH) return invalid(`The specified topic is longer than topic max length ${TOPIC_MAX_LENGTH}.`);
  if (hasIllegalNameCharacters(topic)) {
    return invalid(`The specified topic[${topic}] contains illegal characters, allowing only ${VALID_NAME_PATTERN}`);
  }
  return VALID;
}

/** The client's group check (Java's `Validators.checkGroup`): blank, then length, then characters. */
export function validateClientGroup(group: string): NameValidation {
  if (isBlank(group)) return invalid('the specified group is blank');
  if (group.length > GROUP_MAX_LENGTH) {
    return invalid(`the specified group[${group}] is longer than group max length: ${GROUP_MAX_LENGTH}.`);
  }
  if (hasIllegalNameCharacters(group)) {
    return invalid(`the specified group[${group}] contains illegal characters, allowing only ${VALID_NAME_PATTERN}`);
  }
  return VALID;
}

/** Raises MQError(CLIENT_PARAMETER_CHECK_ERROR) with the client's remark unless the topic is valid. */
export function checkClientTopic(topic: string): void {
  raiseIfInvalid(validateClientTopic(topic), CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR);
}

/** Raises MQError(CLIENT_PARAMETER_CHECK_ERROR) with the client's remark unless the group is valid. */
export function checkClientGroup(group: string): void {
  raiseIfInvalid(validateClientGroup(group), CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR);
}

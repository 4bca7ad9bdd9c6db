import { isSysConsumerGroup, isSystemTopic, validateGroup, validateTopic, type NameValidation } from '@mq/common';
import { grpcError } from './status';
import { Code, type Resource } from './types';

function check(result: NameValidation, code: number): void {
  if (!result.valid) throw grpcError(code, result.remark);
}

/** The topic name of a request (spec §7.5): ILLEGAL_TOPIC when blank, malformed or a system topic. */
export function requireTopic(resource: Resource | undefined): string {
  const topic = resource?.name ?? '';
  check(validateTopic(topic), Code.ILLEGAL_TOPIC);
  if (isSystemTopic(topic)) throw grpcError(Code.ILLEGAL_TOPIC, `cannot access system topic: ${topic}`);
  return topic;
}

/** The consumer group of a request (spec §7.5): ILLEGAL_CONSUMER_GROUP when blank, malformed or a system group. */
export function requireGroup(resource: Resource | undefined): string {
  const group = resource?.name ?? '';
  check(validateGroup(group), Code.ILLEGAL_CONSUMER_GROUP);
  if (isSysConsumerGroup(group)) throw grpcError(Code.ILLEGAL_CONSUMER_GROUP, `cannot use system consumer group: ${group}`);
  return group;
}

import { CommonErrorCode, MQError } from '@mq/common';

/** A 5.x topic attribute: the values it accepts and whether an existing topic may change it. */
interface TopicAttribute {
  readonly values?: readonly string[];
  readonly changeable: boolean;
  readonly numeric?: boolean;
}

/** The topic attributes of RocketMQ 5.x (store-and-broker §11.2), keyed by name. */
const TOPIC_ATTRIBUTES: Readonly<Record<string, TopicAttribute>> = {
  'message.type': { values: ['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION', 'MIXED', 'UNSPECIFIED'], changeable: true },
  'queue.type': { values: ['SimpleCQ', 'BatchCQ'], changeable: false },
  'cleanup.policy': { values: ['DELETE', 'COMPACTION'], changeable: false },
  'reserve.time': { changeable: true, numeric: true },
};

/**
 * Applies an UPDATE_AND_CREATE_TOPIC `attributes` string (`+k=v,+k2=v2,-k3`) to a topic's
 * current attributes, as Java's `AttributeUtil.alterCurrentAttributes`: `+` sets, `-` removes;
 * every key must be a known attribute with an allowed value, and a new topic may not remove.
 * @throws MQError SYSTEM_ERROR naming the offending entry, as Java's broker answers.
 */
export function alterTopicAttributes(
  current: Readonly<Record<string, string>>,
  alteration: string | undefined,
  creating: boolean,
): Record<string, string> {
  const result: Record<string, string> = { ...current };
  for (const entry of (alteration ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const sign = entry[0];
    const [key = '', value] = entry.slice(1).split('=', 2);
    const attribute = TOPIC_ATTRIBUTES[key];
    if (!attribute) refuse(`unsupported key: ${key}`);
    if (sign === '+') {
      if (value === undefined) refuse(`attribute ${key} needs a value: +${key}=<value>`);
      checkValue(key, attribute, value);
      if (!creating && !attribute.changeable && current[key] !== undefined && current[key] !== value) {
        refuse(`attempt to update an unchangeable attribute. key: ${key}`);
      }
      result[key] = value;
    } else if (sign === '-') {
      if (creating) refuse(`only add attribute is supported while creating topic. key: ${key}`);
      if (!attribute.changeable) refuse(`attempt to update an unchangeable attribute. key: ${key}`);
      delete result[key];
    } else {
      refuse(`kv string format wrong: ${entry}; use +key=value or -key`);
    }
  }
  return result;
}

function checkValue(key: string, attribute: TopicAttribute, value: string): void {
  const valid = attribute.numeric ? /^-?\d+$/.test(value) : attribute.values?.includes(value) === true;
  if (!valid) {
    const allowed = attribute.numeric ? 'an integer' : `one of ${attribute.values?.join(', ')}`;
    refuse(`value ${value} of attribute ${key} is not ${allowed}`);
  }
}

/** Java's attribute checks throw RuntimeException, which the topic processor answers as SYSTEM_ERROR. */
function refuse(remark: string): never {
  throw new MQError(CommonErrorCode.SYSTEM_ERROR, remark);
}

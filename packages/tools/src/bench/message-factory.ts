import { randomInt } from 'node:crypto';
import { Message } from '@mq/common';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A body of `size` random letters and digits (Java's `RandomStringUtils.randomAlphanumeric`), made once per run. */
export function alphanumericBody(size: number): Buffer {
  const body = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) body[i] = ALPHANUMERIC.charCodeAt(randomInt(ALPHANUMERIC.length));
  return body;
}

/**
 * User properties whose names and values add up to just over `size` characters, Java's
 * `prop<i>=hello<n>`, `prop<i+1>=<n>` pairs from a random start value. Empty for size 0.
 */
export function benchProperties(size: number): Map<string, string> {
  const properties = new Map<string, string>();
  if (size <= 0) return properties;
  let value = randomInt(100);
  for (let i = 0, total = 0; total <= size; i += 2, value += 2) {
    const pair: Array<[string, string]> = [[`prop${i}`, `hello${value}`], [`prop${i + 1}`, String(value)]];
    for (const [name, text] of pair) {
      properties.set(name, text);
      total += name.length + text.length;
    }
  }
  return properties;
}

/** What the producer workloads put on each message besides the body. */
export interface MessageDecoration {
  keyEnable: boolean;
  tagCount: number;
  /** From {@link benchProperties}, shared by every message. */
  properties: ReadonlyMap<string, string>;
}

/**
 * A message of the producer benchmarks: the shared body, KEYS = the send second when keys are
 * on, tag `tag<tagIndex % tagCount>` when tags are on, the generated properties.
 */
export function benchMessage(topic: string, body: Buffer, decoration: MessageDecoration, nowMs: number, tagIndex: number): Message {
  const message = new Message(topic, body, { properties: decoration.properties });
  if (decoration.keyEnable) message.keys = String(Math.floor(nowMs / 1000));
  if (decoration.tagCount > 0) message.tags = `tag${tagIndex % decoration.tagCount}`;
  return message;
}

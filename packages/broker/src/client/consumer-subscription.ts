import { javaStringHashCode, MQError } from '@mq/common';
import type { Sql92Filter } from '../filter/sql92-compiler';

/** A consumer's subscription to one topic, as the broker filters by it. */
export interface ConsumerSubscription {
  topic: string;
  /** The expression as sent: `*`, `TagA || TagB`, or SQL92 text. */
  subString: string;
  /** `TAG` or `SQL92`. */
  expressionType: string;
  tagsSet: string[];
  /** Java `String.hashCode` of each tag: what the consume queue stores as tags code. */
  codeSet: number[];
  subVersion: number;
  /** The compiled filter of an SQL92 subscription, once a pull has resolved it. */
  sqlFilter?: Sql92Filter;
}

const SUB_ALL = '*';
const SUBSCRIPTION_PARSE_FAILED = 23;

/**
 * Builds a TAG subscription from its expression the way Java's `FilterAPI` does: blank or
 * `*` means all; otherwise tags split on `||`, trimmed, empty parts dropped.
 */
export function buildSubscription(
  topic: string,
  subString: string | undefined,
  expressionType = 'TAG',
  subVersion = Date.now(),
): ConsumerSubscription {
  const type = expressionType || 'TAG';
  const expression = subString?.trim() ?? '';
  if (type !== 'TAG') {
    if (expression === '') throw new MQError(SUBSCRIPTION_PARSE_FAILED, `empty ${type} expression for topic ${topic}`);
    return { topic, subString: expression, expressionType: type, tagsSet: [], codeSet: [], subVersion };
  }
  if (expression === '' || expression === SUB_ALL) {
    return { topic, subString: SUB_ALL, expressionType: type, tagsSet: [], codeSet: [], subVersion };
  }
  const tagsSet = expression.split('||').map((tag) => tag.trim()).filter((tag) => tag !== '');
  if (tagsSet.length === 0) throw new MQError(SUBSCRIPTION_PARSE_FAILED, `subscription expression has no tag: ${subString}`);
  return { topic, subString: expression, expressionType: type, tagsSet, codeSet: tagsSet.map(javaStringHashCode), subVersion };
}

/** The consume-queue check: `*` matches all, else the tags code must be one of the subscribed hashes. */
export function matchesTagsCode(subscription: ConsumerSubscription, tagsCode: number | undefined): boolean {
  if (tagsCode === undefined || subscription.subString === SUB_ALL || subscription.expressionType !== 'TAG') return true;
  return subscription.codeSet.includes(tagsCode | 0);
}

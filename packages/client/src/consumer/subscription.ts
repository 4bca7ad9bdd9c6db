import { CommonErrorCode, MQError, javaStringHashCode, type MessageExt } from '@mq/common';
import type { BodyInit, SubscriptionData } from '@mq/remoting';

/** How a subscription expression is read: tags (`*`, `A || B`) or an SQL92 property filter. */
export type ExpressionType = 'TAG' | 'SQL92';

/** A topic subscription as consumers keep it (Java's `SubscriptionData`). */
export interface Subscription {
  topic: string;
  subString: string;
  expressionType: ExpressionType;
  tagsSet: string[];
  codeSet: number[];
  subVersion: number;
}

export const SUBSCRIBE_ALL = '*';

/**
 * Builds a subscription like Java's `FilterAPI.buildSubscriptionData`: for TAG, `*` or an
 * empty expression means all tags; otherwise tags are split on `||` and trimmed, with their
 * Java hash codes. SQL92 expressions are passed to the broker as they are.
 */
export function buildSubscription(topic: string, expression = SUBSCRIBE_ALL, expressionType: ExpressionType = 'TAG'): Subscription {
  const subString = expression.trim() === '' ? SUBSCRIBE_ALL : expression;
  const subscription: Subscription = { topic, subString, expressionType, tagsSet: [], codeSet: [], subVersion: Date.now() };
  if (expressionType === 'SQL92' || subString === SUBSCRIBE_ALL) return subscription;
  for (const tag of subString.split('||').map((part) => part.trim()).filter((part) => part !== '')) {
    subscription.tagsSet.push(tag);
    subscription.codeSet.push(javaStringHashCode(tag));
  }
  if (subscription.tagsSet.length === 0) {
    throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `subString split error: "${expression}" names no tag`);
  }
  return subscription;
}

/** The client-side tag filter applied to pulled messages (the broker filters by tag hash only). */
export function matchesSubscription(subscription: Subscription, message: MessageExt): boolean {
  if (subscription.expressionType !== 'TAG' || subscription.tagsSet.length === 0) return true;
  return message.tags !== undefined && subscription.tagsSet.includes(message.tags);
}

/** The subscription as it travels in heartbeats. */
export function subscriptionData(subscription: Subscription): BodyInit<typeof SubscriptionData> {
  return { ...subscription, classFilterMode: false };
}

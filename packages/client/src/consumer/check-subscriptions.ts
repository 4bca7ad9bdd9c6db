import type { MQClientInstance } from '../instance/mq-client-instance';
import { subscriptionData, type Subscription } from './subscription';

/**
 * Asks a broker of each subscribed topic whether it accepts each non-TAG subscription (Java's
 * `checkClientInBroker`), so an SQL92 expression that does not compile, or a broker without
 * `enablePropertyFilter`, fails the consumer's start() with the broker's code
 * (SUBSCRIPTION_PARSE_FAILED, SYSTEM_ERROR) instead of every later pull. Topics without a
 * known broker are skipped, as in Java.
 */
export async function checkSubscriptionsInBroker(instance: MQClientInstance, group: string, subscriptions: Iterable<Subscription>): Promise<void> {
  for (const subscription of subscriptions) {
    if (subscription.expressionType === 'TAG') continue;
    const addr = instance.findAnyBrokerAddressOf(subscription.topic);
    if (addr === undefined) continue;
    await instance.api.checkClientInBroker(addr, { clientId: instance.clientId, group, subscriptionData: subscriptionData(subscription) });
  }
}

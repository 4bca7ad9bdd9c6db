import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, prop } from '../json/body-schema';
import { SubscriptionData } from './heartbeat';

/**
 * CHECK_CLIENT_CONFIG (46) body: a subscription a consumer is about to use, sent by its
 * start() for every non-TAG expression so that a broker that cannot filter by it, or an
 * expression that does not compile, fails the start instead of every later pull.
 */
export const CheckClientRequestBody = bodyCodec(
  bean('CheckClientRequestBody', {
    clientId: prop('string'),
    group: prop('string'),
    subscriptionData: prop(SubscriptionData.type),
  }),
);
/** A decoded CheckClientRequestBody. */
export type CheckClientRequestBody = BodyOf<typeof CheckClientRequestBody>;

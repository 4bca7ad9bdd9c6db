import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, enumOf, list, map, prop } from '../json/body-schema';
import { CONSUME_FROM_WHERE, CONSUME_TYPES, MESSAGE_MODELS, SubscriptionData } from './heartbeat';

/** One client connection: `language` is a LanguageCode name, `version` the client's MQVersion ordinal. */
export const Connection = bodyCodec(
  bean('Connection', {
    clientAddr: prop('string'),
    clientId: prop('string'),
    language: prop('string'),
    version: prop('int', 0),
  }),
);
/** A decoded Connection. */
export type Connection = BodyOf<typeof Connection>;

/** GET_CONSUMER_CONNECTION_LIST body: the group's connections and subscriptions by topic. */
export const ConsumerConnection = bodyCodec(
  bean('ConsumerConnection', {
    connectionSet: prop(list(Connection.type), []),
    consumeFromWhere: prop(enumOf(CONSUME_FROM_WHERE)),
    consumeType: prop(enumOf(CONSUME_TYPES)),
    messageModel: prop(enumOf(MESSAGE_MODELS)),
    subscriptionTable: prop(map('string', SubscriptionData.type), {}),
  }),
);
/** A decoded ConsumerConnection. */
export type ConsumerConnection = BodyOf<typeof ConsumerConnection>;

/** GET_PRODUCER_CONNECTION_LIST body. */
export const ProducerConnection = bodyCodec(
  bean('ProducerConnection', { connectionSet: prop(list(Connection.type), []) }),
);
/** A decoded ProducerConnection. */
export type ProducerConnection = BodyOf<typeof ProducerConnection>;

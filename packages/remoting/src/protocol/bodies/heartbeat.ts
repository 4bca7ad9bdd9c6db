import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, enumOf, list, prop } from '../json/body-schema';

/** ConsumeType constants, in Java ordinal order. */
export const CONSUME_TYPES = ['CONSUME_ACTIVELY', 'CONSUME_PASSIVELY', 'CONSUME_POP'] as const;
/** How a consumer gets messages: pull/lite pull (ACTIVELY), push (PASSIVELY), POP (5.x). */
export type ConsumeType = (typeof CONSUME_TYPES)[number];

/** MessageModel constants, in Java ordinal order. */
export const MESSAGE_MODELS = ['BROADCASTING', 'CLUSTERING'] as const;
/** Broadcasting or clustering consumption. */
export type MessageModel = (typeof MESSAGE_MODELS)[number];

/** ConsumeFromWhere constants, in Java ordinal order. */
export const CONSUME_FROM_WHERE = [
  'CONSUME_FROM_LAST_OFFSET',
  'CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST',
  'CONSUME_FROM_MIN_OFFSET',
  'CONSUME_FROM_MAX_OFFSET',
  'CONSUME_FROM_FIRST_OFFSET',
  'CONSUME_FROM_TIMESTAMP',
] as const;
/** Where a consumer group without a stored offset starts. */
export type ConsumeFromWhere = (typeof CONSUME_FROM_WHERE)[number];

/**
 * A subscription (§4.4). For TAG expressions `codeSet` holds Java `String.hashCode()` of each
 * tag in `tagsSet`; `*` means all tags with both sets empty. `subVersion` is the creation time
 * in ms; the broker rejects pulls newer than the subscription it holds.
 */
export const SubscriptionData = bodyCodec(
  bean('SubscriptionData', {
    classFilterMode: prop('boolean', false),
    codeSet: prop(list('int'), []),
    expressionType: prop('string', 'TAG'),
    subString: prop('string'),
    subVersion: prop('long', 0),
    tagsSet: prop(list('string'), []),
    topic: prop('string'),
  }),
);
/** A decoded SubscriptionData. */
export type SubscriptionData = BodyOf<typeof SubscriptionData>;

/** A producer group in a heartbeat. */
export const ProducerData = bodyCodec(bean('ProducerData', { groupName: prop('string') }));
/** A decoded ProducerData. */
export type ProducerData = BodyOf<typeof ProducerData>;

/** A consumer group in a heartbeat, with its subscriptions. */
export const ConsumerData = bodyCodec(
  bean('ConsumerData', {
    consumeFromWhere: prop(enumOf(CONSUME_FROM_WHERE)),
    consumeType: prop(enumOf(CONSUME_TYPES)),
    groupName: prop('string'),
    messageModel: prop(enumOf(MESSAGE_MODELS)),
    subscriptionDataSet: prop(list(SubscriptionData.type), []),
    unitMode: prop('boolean', false),
  }),
);
/** A decoded ConsumerData. */
export type ConsumerData = BodyOf<typeof ConsumerData>;

/**
 * HEART_BEAT body (§8.1). Note the capital "ID" in `clientID`. `heartbeatFingerprint` ≠ 0 and
 * `withoutSub` are the 5.x heartbeat V2 (4.9.x brokers ignore them).
 */
export const HeartbeatData = bodyCodec(
  bean('HeartbeatData', {
    clientID: prop('string'),
    producerDataSet: prop(list(ProducerData.type), []),
    consumerDataSet: prop(list(ConsumerData.type), []),
    heartbeatFingerprint: prop('int', 0),
    withoutSub: prop('boolean', false),
  }),
);
/** A decoded HeartbeatData. */
export type HeartbeatData = BodyOf<typeof HeartbeatData>;

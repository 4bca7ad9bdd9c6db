import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, enumOf, list, map, prop } from '../json/body-schema';
import { SubscriptionData } from './heartbeat';
import { MessageQueue } from './message-queue';

/** A push consumer's view of one queue (`droped` is spelled as in Java). */
export const ProcessQueueInfo = bodyCodec(
  bean('ProcessQueueInfo', {
    cachedMsgCount: prop('int', 0),
    cachedMsgMaxOffset: prop('long', 0),
    cachedMsgMinOffset: prop('long', 0),
    cachedMsgSizeInMiB: prop('int', 0),
    commitOffset: prop('long', 0),
    droped: prop('boolean', false),
    lastConsumeTimestamp: prop('long', 0),
    lastLockTimestamp: prop('long', 0),
    lastPullTimestamp: prop('long', 0),
    locked: prop('boolean', false),
    transactionMsgCount: prop('int', 0),
    transactionMsgMaxOffset: prop('long', 0),
    transactionMsgMinOffset: prop('long', 0),
    tryUnlockTimes: prop('long', 0),
  }),
);
/** A decoded ProcessQueueInfo. */
export type ProcessQueueInfo = BodyOf<typeof ProcessQueueInfo>;

/** Per-topic consumption rates of a client. */
export const ConsumeStatus = bodyCodec(
  bean('ConsumeStatus', {
    consumeFailedMsgs: prop('long', 0),
    consumeFailedTPS: prop('double', 0),
    consumeOKTPS: prop('double', 0),
    consumeRT: prop('double', 0),
    pullRT: prop('double', 0),
    pullTPS: prop('double', 0),
  }),
);
/** A decoded ConsumeStatus. */
export type ConsumeStatus = BodyOf<typeof ConsumeStatus>;

/**
 * GET_CONSUMER_RUNNING_INFO body from a client (§8.14). Java keeps `mqTable`/`mqPopTable` in
 * TreeMaps: sort their entries with `compareMessageQueues` to match. `mqPopTable` values are kept as raw JSON.
 */
export const ConsumerRunningInfo = bodyCodec(
  bean('ConsumerRunningInfo', {
    properties: prop(map('string', 'string'), {}),
    subscriptionSet: prop(list(SubscriptionData.type), []),
    mqTable: prop(map(MessageQueue.type, ProcessQueueInfo.type), []),
    mqPopTable: prop(map(MessageQueue.type, 'json'), []),
    statusTable: prop(map('string', ConsumeStatus.type), {}),
    userConsumerInfo: prop(map('string', 'string'), {}),
    jstack: prop('string'),
  }),
);
/** A decoded ConsumerRunningInfo. */
export type ConsumerRunningInfo = BodyOf<typeof ConsumerRunningInfo>;

/** CMResult constants, in Java ordinal order. */
export const CONSUME_MESSAGE_DIRECTLY_RESULTS = [
  'CR_SUCCESS',
  'CR_LATER',
  'CR_ROLLBACK',
  'CR_COMMIT',
  'CR_THROW_EXCEPTION',
  'CR_RETURN_NULL',
] as const;
/** Outcome of a CONSUME_MESSAGE_DIRECTLY call. */
export type ConsumeMessageDirectlyResultCode = (typeof CONSUME_MESSAGE_DIRECTLY_RESULTS)[number];

/** CONSUME_MESSAGE_DIRECTLY body from a client (§8.17). */
export const ConsumeMessageDirectlyResult = bodyCodec(
  bean('ConsumeMessageDirectlyResult', {
    autoCommit: prop('boolean', true),
    consumeResult: prop(enumOf(CONSUME_MESSAGE_DIRECTLY_RESULTS)),
    order: prop('boolean', false),
    remark: prop('string'),
    spentTimeMills: prop('long', 0),
  }),
);
/** A decoded ConsumeMessageDirectlyResult. */
export type ConsumeMessageDirectlyResult = BodyOf<typeof ConsumeMessageDirectlyResult>;

/** One queue's consume time span (QUERY_CONSUME_TIME_SPAN); the `*Str` properties are formatted dates. */
export const QueueTimeSpan = bodyCodec(
  bean('QueueTimeSpan', {
    consumeTimeStamp: prop('long', 0),
    consumeTimeStampStr: prop('string'),
    delayTime: prop('long', 0),
    maxTimeStamp: prop('long', 0),
    maxTimeStampStr: prop('string'),
    messageQueue: prop(MessageQueue.type),
    minTimeStamp: prop('long', 0),
    minTimeStampStr: prop('string'),
  }),
);
/** A decoded QueueTimeSpan. */
export type QueueTimeSpan = BodyOf<typeof QueueTimeSpan>;

/** QUERY_CONSUME_TIME_SPAN body. */
export const QueryConsumeTimeSpanBody = bodyCodec(
  bean('QueryConsumeTimeSpanBody', { consumeTimeSpanSet: prop(list(QueueTimeSpan.type), []) }),
);
/** A decoded QueryConsumeTimeSpanBody. */
export type QueryConsumeTimeSpanBody = BodyOf<typeof QueryConsumeTimeSpanBody>;

import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, list, map, prop } from '../json/body-schema';
import { MessageQueue } from './message-queue';

/** LOCK_BATCH_MQ body (orderly consumers); `onlyThisBroker` is 5.x. */
export const LockBatchRequestBody = bodyCodec(
  bean('LockBatchRequestBody', {
    clientId: prop('string'),
    consumerGroup: prop('string'),
    mqSet: prop(list(MessageQueue.type), []),
    onlyThisBroker: prop('boolean', false),
  }),
);
/** A decoded LockBatchRequestBody. */
export type LockBatchRequestBody = BodyOf<typeof LockBatchRequestBody>;

/** UNLOCK_BATCH_MQ body (same shape as the lock request). */
export const UnlockBatchRequestBody = bodyCodec(bean('UnlockBatchRequestBody', LockBatchRequestBody.type.props));
/** A decoded UnlockBatchRequestBody. */
export type UnlockBatchRequestBody = BodyOf<typeof UnlockBatchRequestBody>;

/** LOCK_BATCH_MQ response body: the queues this client now holds. */
export const LockBatchResponseBody = bodyCodec(
  bean('LockBatchResponseBody', { lockOKMQSet: prop(list(MessageQueue.type), []) }),
);
/** A decoded LockBatchResponseBody. */
export type LockBatchResponseBody = BodyOf<typeof LockBatchResponseBody>;

/** INVOKE_BROKER_TO_RESET_OFFSET response and RESET_CONSUMER_CLIENT_OFFSET body: offsets by queue. */
export const ResetOffsetBody = bodyCodec(
  bean('ResetOffsetBody', { offsetTable: prop(map(MessageQueue.type, 'long'), []) }),
);
/** A decoded ResetOffsetBody. */
export type ResetOffsetBody = BodyOf<typeof ResetOffsetBody>;

/** A queue with its offset, as sent to C++ clients. */
export const MessageQueueForC = bodyCodec(
  bean('MessageQueueForC', {
    brokerName: prop('string'),
    offset: prop('long', 0),
    queueId: prop('int', 0),
    topic: prop('string'),
  }),
);
/** A decoded MessageQueueForC. */
export type MessageQueueForC = BodyOf<typeof MessageQueueForC>;

/** RESET_CONSUMER_CLIENT_OFFSET body for clients whose language is CPP. */
export const ResetOffsetBodyForC = bodyCodec(
  bean('ResetOffsetBodyForC', { offsetTable: prop(list(MessageQueueForC.type), []) }),
);
/** A decoded ResetOffsetBodyForC. */
export type ResetOffsetBodyForC = BodyOf<typeof ResetOffsetBodyForC>;

/** GET_CONSUMER_STATUS_FROM_CLIENT / INVOKE_BROKER_TO_GET_CONSUMER_STATUS body. */
export const GetConsumerStatusBody = bodyCodec(
  bean('GetConsumerStatusBody', {
    consumerTable: prop(map('string', map(MessageQueue.type, 'long')), {}),
    messageQueueTable: prop(map(MessageQueue.type, 'long'), []),
  }),
);
/** A decoded GetConsumerStatusBody. */
export type GetConsumerStatusBody = BodyOf<typeof GetConsumerStatusBody>;

/** GET_ALL_CONSUMER_OFFSET body: `topic@group` → queueId → offset. */
export const ConsumerOffsetSerializeWrapper = bodyCodec(
  bean('ConsumerOffsetSerializeWrapper', {
    offsetTable: prop(map('string', map('int', 'long')), {}),
  }),
);
/** A decoded ConsumerOffsetSerializeWrapper. */
export type ConsumerOffsetSerializeWrapper = BodyOf<typeof ConsumerOffsetSerializeWrapper>;

/** QUERY_CORRECTION_OFFSET body: queueId → offset. */
export const QueryCorrectionOffsetBody = bodyCodec(
  bean('QueryCorrectionOffsetBody', { correctionOffsets: prop(map('int', 'long'), {}) }),
);
/** A decoded QueryCorrectionOffsetBody. */
export type QueryCorrectionOffsetBody = BodyOf<typeof QueryCorrectionOffsetBody>;

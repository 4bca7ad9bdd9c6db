import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, enumOf, list, map, prop } from '../json/body-schema';
import { MESSAGE_MODELS } from './heartbeat';
import { MessageQueue } from './message-queue';

/** MessageRequestMode constants (5.x), in Java ordinal order; fastjson writes them by name. */
export const MESSAGE_REQUEST_MODES = ['PULL', 'POP'] as const;
/** How a consumer reads a queue the broker assigned to it: PULL_MESSAGE or POP_MESSAGE. */
export type MessageRequestMode = (typeof MESSAGE_REQUEST_MODES)[number];

/**
 * QUERY_ASSIGNMENT (400) request body: a consumer that leaves rebalancing to the broker
 * (`clientRebalance=false`) asks which queues of `topic` it should consume, naming its
 * allocation strategy (`AVG`, `AVG_BY_CIRCLE`).
 */
export const QueryAssignmentRequestBody = bodyCodec(
  bean('QueryAssignmentRequestBody', {
    clientId: prop('string'),
    consumerGroup: prop('string'),
    messageModel: prop(enumOf(MESSAGE_MODELS)),
    strategyName: prop('string'),
    topic: prop('string'),
  }),
);
/** A decoded QueryAssignmentRequestBody. */
export type QueryAssignmentRequestBody = BodyOf<typeof QueryAssignmentRequestBody>;

/** One assigned queue and how to read it; queueId -1 means "pop from every queue of that broker". */
export const MessageQueueAssignment = bodyCodec(
  bean('MessageQueueAssignment', {
    attachments: prop(map('string', 'string')),
    messageQueue: prop(MessageQueue.type),
    mode: prop(enumOf(MESSAGE_REQUEST_MODES), 'PULL'),
  }),
);
/** A decoded MessageQueueAssignment. */
export type MessageQueueAssignment = BodyOf<typeof MessageQueueAssignment>;

/**
 * QUERY_ASSIGNMENT response body (a Java Set). An absent set (`{}`) tells the client to keep
 * its current queues; an empty one, to drop them all.
 */
export const QueryAssignmentResponseBody = bodyCodec(
  bean('QueryAssignmentResponseBody', {
    messageQueueAssignments: prop(list(MessageQueueAssignment.type)),
  }),
);
/** A decoded QueryAssignmentResponseBody. */
export type QueryAssignmentResponseBody = BodyOf<typeof QueryAssignmentResponseBody>;

/**
 * SET_MESSAGE_REQUEST_MODE (401) request body (mqadmin `setConsumeMode`), also the entry of
 * the broker's `messageRequestMode.json`. In POP mode a consumer also pops the queues of the
 * `popShareQueueNum` consumers after it; 0 or less, or at least the group size - 1: every
 * consumer pops every queue.
 */
export const SetMessageRequestModeRequestBody = bodyCodec(
  bean('SetMessageRequestModeRequestBody', {
    consumerGroup: prop('string'),
    mode: prop(enumOf(MESSAGE_REQUEST_MODES), 'PULL'),
    popShareQueueNum: prop('int', 0),
    topic: prop('string'),
  }),
);
/** A decoded SetMessageRequestModeRequestBody. */
export type SetMessageRequestModeRequestBody = BodyOf<typeof SetMessageRequestModeRequestBody>;

/**
 * GET_ALL_MESSAGE_REQUEST_MODE (402) response body and the layout of the broker's
 * `config/messageRequestMode.json`: topic → consumer group → mode setting.
 */
export const MessageRequestModeSerializeWrapper = bodyCodec(
  bean('MessageRequestModeSerializeWrapper', {
    messageRequestModeMap: prop(map('string', map('string', SetMessageRequestModeRequestBody.type)), {}),
  }),
);
/** A decoded MessageRequestModeSerializeWrapper. */
export type MessageRequestModeSerializeWrapper = BodyOf<typeof MessageRequestModeSerializeWrapper>;

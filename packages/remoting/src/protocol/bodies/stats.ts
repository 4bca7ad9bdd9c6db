import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, map, prop } from '../json/body-schema';
import { MessageQueue } from './message-queue';

/** One queue's progress for a group: max offset, committed offset, last consumed store time, 5.x pull offset. */
export const OffsetWrapper = bodyCodec(
  bean('OffsetWrapper', {
    brokerOffset: prop('long', 0),
    consumerOffset: prop('long', 0),
    lastTimestamp: prop('long', 0),
    pullOffset: prop('long', 0),
  }),
);
/** A decoded OffsetWrapper. */
export type OffsetWrapper = BodyOf<typeof OffsetWrapper>;

/** GET_CONSUME_STATS body; `offsetTable` is keyed by MessageQueue objects on the wire. */
export const ConsumeStats = bodyCodec(
  bean('ConsumeStats', {
    consumeTps: prop('double', 0),
    offsetTable: prop(map(MessageQueue.type, OffsetWrapper.type), []),
  }),
);
/** A decoded ConsumeStats. */
export type ConsumeStats = BodyOf<typeof ConsumeStats>;

/** One queue's offsets in GET_TOPIC_STATS_INFO. */
export const TopicOffset = bodyCodec(
  bean('TopicOffset', {
    lastUpdateTimestamp: prop('long', 0),
    maxOffset: prop('long', 0),
    minOffset: prop('long', 0),
  }),
);
/** A decoded TopicOffset. */
export type TopicOffset = BodyOf<typeof TopicOffset>;

/** GET_TOPIC_STATS_INFO body; `topicPutTps` is 5.x. */
export const TopicStatsTable = bodyCodec(
  bean('TopicStatsTable', {
    offsetTable: prop(map(MessageQueue.type, TopicOffset.type), []),
    topicPutTps: prop('double', 0),
  }),
);
/** A decoded TopicStatsTable. */
export type TopicStatsTable = BodyOf<typeof TopicStatsTable>;

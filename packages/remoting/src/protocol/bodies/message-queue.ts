import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, prop } from '../json/body-schema';

/** A queue: `{ brokerName, queueId, topic }`. Also the key type of MessageQueue-keyed maps. */
export const MessageQueue = bodyCodec(
  bean('MessageQueue', {
    brokerName: prop('string'),
    queueId: prop('int', 0),
    topic: prop('string'),
  }),
);
/** A decoded MessageQueue. */
export type MessageQueue = BodyOf<typeof MessageQueue>;

/** Java's MessageQueue order (used by TreeMaps and rebalancing): topic, brokerName, queueId. */
export function compareMessageQueues(a: MessageQueue, b: MessageQueue): number {
  return compareText(a.topic, b.topic) || compareText(a.brokerName, b.brokerName) || a.queueId - b.queueId;
}

function compareText(a = '', b = ''): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

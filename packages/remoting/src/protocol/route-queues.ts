import { isReadable, MessageQueue } from '@mq/common';
import type { TopicRouteData } from './bodies/route';

/** Queues `0..count-1` of one broker; a count that is not a positive integer gives none. */
export function queueRange(topic: string, brokerName: string, count: number): MessageQueue[] {
  const size = Number.isInteger(count) && count > 0 ? count : 0;
  return Array.from({ length: size }, (_, queueId) => new MessageQueue(topic, brokerName, queueId));
}

/** Every readable queue of the topic (`0..readQueueNums-1` of each readable QueueData), in route order. */
export function subscribeQueuesOf(topic: string, route: TopicRouteData): MessageQueue[] {
  return route.queueDatas
    .filter((queueData) => isReadable(queueData.perm))
    .flatMap((queueData) => queueRange(topic, queueData.brokerName ?? '', queueData.readQueueNums));
}

import type { MessageQueue } from '@mq/common';
import type { TopicRouteData } from '@mq/remoting';
import { publishQueuesOf } from '../instance/topic-route';
import type { LatencyFaultTolerance } from './latency-fault-tolerance';

/**
 * The writeable queues of a topic plus the rotating index producers pick them with (Java's
 * `TopicPublishInfo` with a per-topic `ThreadLocalIndex`, starting at a random value).
 */
export class TopicPublishInfo {
  readonly queues: readonly MessageQueue[];
  readonly orderTopic: boolean;
  private index: number;

  constructor(
    topic: string,
    readonly route: TopicRouteData,
    private readonly random: () => number = Math.random,
  ) {
    this.queues = publishQueuesOf(topic, route);
    this.orderTopic = Boolean(route.orderTopicConf);
    this.index = Math.floor(random() * 0x7fffffff);
  }

  get ok(): boolean {
    return this.queues.length > 0;
  }

  /** The next queue in rotation. */
  nextQueue(): MessageQueue {
    this.index = (this.index + 1) & 0x7fffffff;
    return this.queues[this.index % this.queues.length]!;
  }

  /**
   * Default selection: the next queue; on a retry (a `lastBrokerName` is given) the next queue
   * on another broker, if any.
   */
  selectOneQueue(lastBrokerName?: string): MessageQueue {
    if (lastBrokerName === undefined) return this.nextQueue();
    return this.nextMatching((mq) => mq.brokerName !== lastBrokerName) ?? this.nextQueue();
  }

  /**
   * 5.x fault-tolerant selection: on a retry restart from a random index; prefer an
   * available broker other than the last one, then a reachable one, then anything.
   */
  selectWithFaultTolerance(faults: LatencyFaultTolerance, lastBrokerName?: string): MessageQueue {
    if (lastBrokerName !== undefined) this.index = Math.floor(this.random() * 0x7fffffff);
    const notLast = (mq: MessageQueue) => mq.brokerName !== lastBrokerName;
    return (
      this.nextMatching((mq) => notLast(mq) && faults.isAvailable(mq.brokerName)) ??
      this.nextMatching((mq) => notLast(mq) && faults.isReachable(mq.brokerName)) ??
      this.nextQueue()
    );
  }

  private nextMatching(accept: (mq: MessageQueue) => boolean): MessageQueue | undefined {
    for (let i = 0; i < this.queues.length; i++) {
      const mq = this.nextQueue();
      if (accept(mq)) return mq;
    }
    return undefined;
  }
}

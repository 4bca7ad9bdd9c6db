import { getLogger, isReadable, type MessageQueue } from '@mq/common';
import {
  GetRouteInfoRequestHeader,
  RemotingCommand,
  RequestCode,
  queueRange,
  ResponseCode,
  subscribeQueuesOf,
  TopicRouteData,
  type RemotingClient,
} from '@mq/remoting';
import type { BrokerConfig } from '../config/broker-config';
import type { TopicConfigManager } from '../topic/topic-config-manager';

const log = getLogger('TopicSubscribeInfo');

/** Java's TopicRouteInfoManager gives the name server 3 s per route query. */
const GET_TOPIC_ROUTE_TIMEOUT_MS = 3_000;

/** What the queue lookup needs from the broker. */
export interface TopicSubscribeInfoDeps {
  readonly config: BrokerConfig;
  readonly topicConfigManager: TopicConfigManager;
  /** The broker's client to the name servers. */
  readonly client: RemotingClient;
  /** The name servers to ask, in order (none: this broker's own topic config is the cluster). */
  readonly namesrvAddresses: () => readonly string[];
}

interface CachedQueues {
  readonly queues: MessageQueue[];
  readonly fetchedAt: number;
}

/** A name server's answer: the queues, the topic's absence, or no answer at all. */
type RouteAnswer = MessageQueue[] | 'not-exist' | 'unavailable';

/**
 * The readable queues of a topic across the whole cluster, which QUERY_ASSIGNMENT allocates
 * (Java's TopicRouteInfoManager.getTopicSubscribeInfo): read from the name servers'
 * GET_ROUTEINFO_BY_TOPIC, cached for `loadBalancePollNameServerInterval`, one query per topic
 * at a time. Without name servers, or while none answers and nothing is cached, the broker's
 * own topic config stands in.
 */
export class TopicSubscribeInfo {
  private readonly cache = new Map<string, CachedQueues>();
  private readonly inFlight = new Map<string, Promise<MessageQueue[] | undefined>>();

  constructor(private readonly deps: TopicSubscribeInfoDeps) {}

  /** The topic's readable queues, sorted as Java's MessageQueue; undefined when the topic has no route. */
  async subscribeQueues(topic: string): Promise<MessageQueue[] | undefined> {
    if (this.deps.namesrvAddresses().length === 0) return this.localQueues(topic);
    const cached = this.cache.get(topic);
    if (cached && Date.now() - cached.fetchedAt < this.deps.config.loadBalancePollNameServerInterval) return cached.queues;
    let pending = this.inFlight.get(topic);
    if (!pending) {
      pending = this.refresh(topic).finally(() => this.inFlight.delete(topic));
      this.inFlight.set(topic, pending);
    }
    return pending;
  }

  private async refresh(topic: string): Promise<MessageQueue[] | undefined> {
    const answer = await this.queryNamesrv(topic);
    if (answer === 'not-exist') {
      this.cache.delete(topic);
      return undefined;
    }
    if (answer === 'unavailable') return this.cache.get(topic)?.queues ?? this.localQueues(topic);
    // Like Java, an empty answer is not kept: the next query asks again.
    if (answer.length > 0) this.cache.set(topic, { queues: answer, fetchedAt: Date.now() });
    return answer;
  }

  private async queryNamesrv(topic: string): Promise<RouteAnswer> {
    for (const addr of this.deps.namesrvAddresses()) {
      const request = RemotingCommand.createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, GetRouteInfoRequestHeader.encode({ topic }));
      try {
        const response = await this.deps.client.invoke(addr, request, GET_TOPIC_ROUTE_TIMEOUT_MS);
        if (response.code === ResponseCode.TOPIC_NOT_EXIST) return 'not-exist';
        if (response.code === ResponseCode.SUCCESS && response.body) return routeQueues(topic, TopicRouteData.decode(response.body));
        log.warn({ namesrv: addr, topic, code: response.code, remark: response.remark }, 'topic route query refused');
      } catch (err) {
        log.warn({ namesrv: addr, topic, err }, 'topic route query failed');
      }
    }
    return 'unavailable';
  }

  private localQueues(topic: string): MessageQueue[] | undefined {
    const topicConfig = this.deps.topicConfigManager.selectTopicConfig(topic);
    if (!topicConfig) return undefined;
    if (!isReadable(topicConfig.perm & this.deps.config.brokerPermission)) return [];
    return queueRange(topic, this.deps.config.brokerName, topicConfig.readQueueNums);
  }
}

/** Java's MQClientInstance.topicRouteData2TopicSubscribeInfo, static-topic mappings left out as the broker does. */
function routeQueues(topic: string, route: TopicRouteData): MessageQueue[] {
  return subscribeQueuesOf(topic, route).sort((a, b) => a.compareTo(b));
}

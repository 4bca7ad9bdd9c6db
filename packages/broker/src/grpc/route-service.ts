import { isReadable, isWriteable, type TopicConfig } from '@mq/common';
import type { BrokerContext } from '../broker-context';
import { requireGroup, requireTopic } from './name-validation';
import { grpcError, OK_STATUS } from './status';
import {
  AddressScheme,
  Code,
  MessageType,
  Permission,
  type Broker,
  type Endpoints,
  type MessageQueue,
  type QueryAssignmentRequest,
  type QueryAssignmentResponse,
  type QueryRouteRequest,
  type QueryRouteResponse,
  type Resource,
} from './types';

/** `message.type` topic attribute → `accept_message_types` (spec §4.3). */
const ACCEPTED_TYPES: Readonly<Record<string, readonly number[]>> = {
  NORMAL: [MessageType.NORMAL],
  FIFO: [MessageType.FIFO],
  DELAY: [MessageType.DELAY],
  TRANSACTION: [MessageType.TRANSACTION],
  MIXED: [MessageType.NORMAL, MessageType.FIFO, MessageType.DELAY, MessageType.TRANSACTION],
};

/** The `message.type` attribute of a topic (NORMAL when absent). */
export function topicMessageType(topic: TopicConfig): string {
  return topic.attributes['message.type'] ?? 'NORMAL';
}

/** QueryRoute and QueryAssignment: this broker's queues, addressed at the gRPC endpoint the client used. */
export class RouteService {
  constructor(
    private readonly ctx: BrokerContext,
    /** Port of the gRPC server, for clients that sent no endpoints. */
    private readonly grpcPort: () => number,
  ) {}

  /**
   * One READ_WRITE queue per read/write pair, ids from 0 (Node producers and simple consumers
   * only use queue 0), then the read-only and write-only remainder; broker id 0 only.
   */
  queryRoute(request: QueryRouteRequest): QueryRouteResponse {
    const topic = requireTopic(request.topic);
    const config = this.existingTopic(topic);
    const broker = this.broker(request.endpoints);
    const accepted = [...(ACCEPTED_TYPES[topicMessageType(config)] ?? [MessageType.NORMAL])];
    const queue = (id: number, permission: number): MessageQueue => ({
      topic: resourceOf(request.topic),
      id,
      permission,
      broker,
      accept_message_types: accepted,
    });
    return { status: OK_STATUS, message_queues: queuePermissions(config).map((permission, id) => queue(id, permission)) };
  }

  /** One assignment per broker (queue id -1), or one per read queue for an orderly group (spec §4.7). */
  queryAssignment(request: QueryAssignmentRequest): QueryAssignmentResponse {
    const topic = requireTopic(request.topic);
    const group = requireGroup(request.group);
    const config = this.existingTopic(topic);
    if (!isReadable(config.perm) || config.readQueueNums <= 0) throw grpcError(Code.FORBIDDEN, 'no readable queue');
    const fifo = this.ctx.subscriptionGroupManager.findSubscriptionGroupConfig(group)?.consumeMessageOrderly ?? false;
    const broker = this.broker(request.endpoints);
    const permission = isWriteable(config.perm) ? Permission.READ_WRITE : Permission.READ;
    const ids = fifo ? Array.from({ length: config.readQueueNums }, (_, id) => id) : [-1];
    return {
      status: OK_STATUS,
      assignments: ids.map((id) => ({ message_queue: { topic: resourceOf(request.topic), id, permission, broker } })),
    };
  }

  private existingTopic(topic: string): TopicConfig {
    const config = this.ctx.topicConfigManager.selectTopicConfig(topic);
    if (!config) throw grpcError(Code.TOPIC_NOT_FOUND, `topic ${topic} not found`);
    return config;
  }

  private broker(requested: Endpoints | undefined): Broker {
    return { name: this.ctx.config.brokerName, id: 0, endpoints: this.endpoints(requested) };
  }

  /** The request's own access point when usable, else `brokerIP1:<grpc port>`. */
  private endpoints(requested: Endpoints | undefined): Endpoints {
    const addresses = (requested?.addresses ?? []).filter((a) => a.host && a.port);
    if (addresses.length > 0 && requested?.scheme) {
      return { scheme: requested.scheme, addresses: requested.scheme === AddressScheme.DOMAIN_NAME ? addresses.slice(0, 1) : addresses };
    }
    return { scheme: AddressScheme.IPv4, addresses: [{ host: this.ctx.config.brokerIP1, port: this.grpcPort() }] };
  }
}

/** Permission of each queue id of a topic. */
function queuePermissions(config: TopicConfig): number[] {
  const readable = isReadable(config.perm);
  const writable = isWriteable(config.perm);
  const r = readable ? config.readQueueNums : 0;
  const w = writable ? config.writeQueueNums : 0;
  if (r === 0 && w === 0) return new Array<number>(Math.max(1, config.readQueueNums, config.writeQueueNums)).fill(Permission.NONE);
  const rw = Math.min(r, w);
  return [
    ...new Array<number>(rw).fill(Permission.READ_WRITE),
    ...new Array<number>(r - rw).fill(Permission.READ),
    ...new Array<number>(w - rw).fill(Permission.WRITE),
  ];
}

function resourceOf(resource: Resource | undefined): Resource {
  return { resource_namespace: resource?.resource_namespace ?? '', name: resource?.name ?? '' };
}

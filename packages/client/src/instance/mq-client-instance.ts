import { MQError, getLogger } from '@mq/common';
import { RemotingClient, ResponseCode, type BrokerData, type TopicRouteData } from '@mq/remoting';
import { buildClientId, parseNamesrvAddr, resolveClientOptions, type ClientOptions, type ResolvedClientOptions } from '../client-options';
import { registerBrokerRequestHandlers } from './broker-request-handlers';
import type { ConsumerMember, ProducerMember } from './client-members';
import { PendingReplies } from '../producer/pending-replies';
import { MQClientAPI } from './mq-client-api';
import { brokerAddressOf, MASTER_ID } from './topic-route';

const log = getLogger('MQClientInstance');
const instances = new Map<string, MQClientInstance>();

/**
 * The per-process, per-client-id hub every producer, consumer and admin client of that id
 * shares (Java's `MQClientInstance`): one RemotingClient, the topic routes (refreshed every
 * `pollNameServerIntervalMs`), heartbeats to every known broker, periodic offset
 * persistence, and the handlers for requests brokers send to clients.
 */
export class MQClientInstance {
  readonly clientId: string;
  readonly api: MQClientAPI;
  readonly producers = new Map<string, ProducerMember>();
  readonly consumers = new Map<string, ConsumerMember>();
  /** Requests of this client's producers waiting for their replies. */
  readonly pendingReplies = new PendingReplies();
  private readonly routes = new Map<string, TopicRouteData>();
  private readonly brokers = new Map<string, BrokerData>();
  private readonly timers: NodeJS.Timeout[] = [];
  private adminUsers = 0;
  private started = false;
  private shutdownPromise: Promise<void> | undefined;

  private constructor(readonly options: ResolvedClientOptions) {
    this.clientId = buildClientId(options);
    const remoting = new RemotingClient({ connectTimeoutMs: options.requestTimeoutMs });
    this.api = new MQClientAPI(remoting, parseNamesrvAddr(options.namesrvAddr), options.requestTimeoutMs);
    registerBrokerRequestHandlers(this);
  }

  /** The instance for these options' client id, created on first use. */
  static acquire(options: ClientOptions): MQClientInstance {
    const resolved = resolveClientOptions(options);
    const clientId = buildClientId(resolved);
    let instance = instances.get(clientId);
    if (!instance || instance.shutdownPromise) {
      instance = new MQClientInstance(resolved);
      instances.set(clientId, instance);
    }
    return instance;
  }

  /** Starts the timers (once). */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { pollNameServerIntervalMs, heartbeatBrokerIntervalMs, persistConsumerOffsetIntervalMs } = this.options;
    this.every(pollNameServerIntervalMs, () => this.refreshAllRoutes());
    this.every(heartbeatBrokerIntervalMs, () => this.sendHeartbeatToAllBrokers());
    this.every(persistConsumerOffsetIntervalMs, () => this.persistAllConsumerOffsets());
    log.info({ clientId: this.clientId }, 'client instance started');
  }

  registerProducer(producer: ProducerMember): boolean {
    if (this.producers.has(producer.group)) return false;
    this.producers.set(producer.group, producer);
    return true;
  }

  registerConsumer(consumer: ConsumerMember): boolean {
    if (this.consumers.has(consumer.group)) return false;
    this.consumers.set(consumer.group, consumer);
    return true;
  }

  /** Admin clients only need the connections and routes. */
  registerAdmin(): void {
    this.adminUsers++;
  }

  /** Removes a producer, tells every broker, and shuts down when nothing is left. */
  async unregisterProducer(group: string): Promise<void> {
    if (!this.producers.delete(group)) return;
    await this.unregisterFromBrokers({ producerGroup: group });
    await this.shutdownIfUnused();
  }

  /** Removes a consumer (after it persisted its offsets), tells every broker, and shuts down when nothing is left. */
  async unregisterConsumer(group: string): Promise<void> {
    if (!this.consumers.delete(group)) return;
    await this.unregisterFromBrokers({ consumerGroup: group });
    await this.shutdownIfUnused();
  }

  async unregisterAdmin(): Promise<void> {
    this.adminUsers = Math.max(0, this.adminUsers - 1);
    await this.shutdownIfUnused();
  }

  /**
   * Fetches a topic's route from the name server, and if it changed hands it to every
   * member. Resolves with the route (undefined when the topic has none).
   */
  async updateTopicRoute(topic: string): Promise<TopicRouteData | undefined> {
    const route = await this.api.getTopicRoute(topic);
    if (!route) return undefined;
    const previous = this.routes.get(topic);
    if (previous && JSON.stringify(previous) === JSON.stringify(route)) return route;
    this.routes.set(topic, route);
    const known = new Set(this.allBrokerAddresses());
    for (const broker of route.brokerDatas) if (broker.brokerName) this.brokers.set(broker.brokerName, broker);
    // A broker first seen here (e.g. the name server came up after start) would otherwise not know
    // this client's consumer groups until the next heartbeat tick, up to 30 s away, and rebalancing
    // against it would assign nothing until then.
    await this.sendHeartbeatTo(this.allBrokerAddresses().filter((addr) => !known.has(addr)));
    for (const producer of this.producers.values()) producer.onTopicRouteChanged(topic, route);
    for (const consumer of this.consumers.values()) consumer.onTopicRouteChanged(topic, route);
    return route;
  }

  /** The last fetched route of a topic. */
  topicRoute(topic: string): TopicRouteData | undefined {
    return this.routes.get(topic);
  }

  /** The master address of a broker group. */
  findBrokerAddressInPublish(brokerName: string): string | undefined {
    return brokerAddressOf(this.brokers.get(brokerName), MASTER_ID);
  }

  /** The address of `brokerId` in a broker group, falling back to any member for slaves. */
  findBrokerAddressInSubscribe(brokerName: string, brokerId = MASTER_ID): string | undefined {
    return brokerAddressOf(this.brokers.get(brokerName), brokerId);
  }

  /** A broker hosting `topic` (its master if any), for group-wide questions. */
  findAnyBrokerAddressOf(topic: string): string | undefined {
    for (const broker of this.routes.get(topic)?.brokerDatas ?? []) {
      const addr = brokerAddressOf(broker, MASTER_ID) ?? brokerAddressOf(broker, MASTER_ID + 1);
      if (addr) return addr;
    }
    return undefined;
  }

  /** Every known broker address. */
  allBrokerAddresses(): string[] {
    return [...this.brokers.values()].flatMap((broker) => Object.values(broker.brokerAddrs as Record<number, string>));
  }

  /** Sends this client's producers and consumers to every known broker. */
  async sendHeartbeatToAllBrokers(): Promise<void> {
    await this.sendHeartbeatTo(this.allBrokerAddresses());
  }

  private async sendHeartbeatTo(addrs: readonly string[]): Promise<void> {
    if (addrs.length === 0 || (this.producers.size === 0 && this.consumers.size === 0)) return;
    const heartbeat = {
      clientID: this.clientId,
      producerDataSet: [...this.producers.keys()].map((groupName) => ({ groupName })),
      consumerDataSet: [...this.consumers.values()].map((consumer) => consumer.heartbeatData()),
    };
    await Promise.all(
      addrs.map((addr) =>
        this.api.sendHeartbeat(addr, heartbeat).catch((error: Error) => log.warn({ addr, err: error.message }, 'heartbeat failed')),
      ),
    );
  }

  /** Refreshes the route of every topic a member uses. */
  async refreshAllRoutes(): Promise<void> {
    const topics = new Set<string>();
    for (const producer of this.producers.values()) for (const topic of producer.publishTopics()) topics.add(topic);
    for (const consumer of this.consumers.values()) for (const topic of consumer.subscribeTopics()) topics.add(topic);
    await Promise.all(
      [...topics].map((topic) => this.updateTopicRoute(topic).catch((error: Error) => log.warn({ topic, err: error.message }, 'route refresh failed'))),
    );
  }

  private async persistAllConsumerOffsets(): Promise<void> {
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.persistOffsets()));
  }

  private async unregisterFromBrokers(groups: { producerGroup?: string; consumerGroup?: string }): Promise<void> {
    await Promise.all(
      [...this.brokers.values()].map(async (broker) => {
        const addr = brokerAddressOf(broker, MASTER_ID);
        if (!addr) return;
        await this.api.unregisterClient(addr, { clientID: this.clientId, ...groups }).catch((error: Error) => log.warn({ addr, err: error.message }, 'unregister failed'));
      }),
    );
  }

  private async shutdownIfUnused(): Promise<void> {
    if (this.producers.size > 0 || this.consumers.size > 0 || this.adminUsers > 0) return;
    this.shutdownPromise ??= this.shutdownNow();
    await this.shutdownPromise;
  }

  private async shutdownNow(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.pendingReplies.failAll(new MQError(ResponseCode.SYSTEM_ERROR, 'the client shut down before the reply arrived'));
    if (instances.get(this.clientId) === this) instances.delete(this.clientId);
    await this.api.remoting.shutdown();
    log.info({ clientId: this.clientId }, 'client instance shut down');
  }

  private every(intervalMs: number, task: () => Promise<void>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      task()
        .catch((error: Error) => log.warn({ err: error.message }, 'scheduled task failed'))
        .finally(() => (running = false));
    }, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }
}

import { getLogger, hostFromSocket } from '@mq/common';
import {
  NotifyConsumerIdsChangedRequestHeader,
  RemotingClient,
  RemotingCommand,
  RemotingServer,
  RequestCode,
  type RemotingChannel,
  type RequestProcessor,
} from '@mq/remoting';
import type { MessageStore } from '@mq/store';
import type { BrokerContext } from './broker-context';
import { ConsumerManager } from './client/consumer-manager';
import type { ConsumerSubscription } from './client/consumer-subscription';
import { ProducerManager } from './client/producer-manager';
import { RebalanceLockManager } from './client/rebalance-lock-manager';
import type { BrokerConfig } from './config/broker-config';
import { PullRequestHoldService } from './longpolling/pull-request-hold-service';
import { ConsumerOffsetManager } from './offset/consumer-offset-manager';
import { ClientManageProcessor } from './processor/client-manage-processor';
import { ConsumerManageProcessor } from './processor/consumer-manage-processor';
import { PullMessageProcessor } from './processor/pull-message-processor';
import { QueryMessageProcessor } from './processor/query-message-processor';
import { QueueLockProcessor } from './processor/queue-lock-processor';
import { QueueOffsetProcessor } from './processor/queue-offset-processor';
import { SendMessageProcessor } from './processor/send-message-processor';
import { BrokerRegistrar } from './registration/broker-registrar';
import { SubscriptionGroupManager } from './subscription/subscription-group-manager';
import { TopicConfigManager } from './topic/topic-config-manager';

const log = getLogger('BrokerController');

/** Period of the scan that drops clients without heartbeats. */
const CLIENT_SCAN_INTERVAL_MS = 10_000;
/** Long-polling sweep period (`PullRequestHoldService` waits 5 s with long polling). */
const LONG_POLLING_CHECK_MS = 5_000;

/** What a broker is built from. */
export interface BrokerControllerOptions {
  config: BrokerConfig;
  store: MessageStore;
}

/**
 * The broker: wires the store, the metadata managers and the request processors to a
 * remoting server, registers with the name servers, and shuts all of it down in order.
 */
export class BrokerController {
  readonly config: BrokerConfig;
  readonly topicConfigManager: TopicConfigManager;
  readonly subscriptionGroupManager: SubscriptionGroupManager;
  readonly consumerOffsetManager: ConsumerOffsetManager;
  readonly consumerManager: ConsumerManager<RemotingChannel, ConsumerSubscription>;
  readonly producerManager = new ProducerManager<RemotingChannel>();
  readonly rebalanceLockManager = new RebalanceLockManager();
  readonly pullRequestHoldService: PullRequestHoldService;
  private readonly server: RemotingServer;
  private readonly client = new RemotingClient();
  private readonly registrar: BrokerRegistrar;
  private readonly timers: NodeJS.Timeout[] = [];
  private state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';
  private stopped: Promise<void> | undefined;

  constructor(private readonly options: BrokerControllerOptions) {
    this.config = { ...options.config };
    const root = options.store.config.storePathRootDir;
    this.topicConfigManager = new TopicConfigManager(this.config, root);
    this.subscriptionGroupManager = new SubscriptionGroupManager(this.config.autoCreateSubscriptionGroup, root);
    this.consumerOffsetManager = new ConsumerOffsetManager(root);
    this.consumerManager = new ConsumerManager((group, channels) => this.notifyConsumerIdsChanged(group, channels));
    this.pullRequestHoldService = new PullRequestHoldService({
      checkIntervalMs: this.config.longPollingEnable ? LONG_POLLING_CHECK_MS : this.config.shortPollingTimeMills,
      maxOffset: (topic, queueId) => options.store.getMaxOffsetInQueue(topic, queueId),
    });
    this.server = new RemotingServer({
      port: this.config.listenPort,
      host: this.config.bindAddress,
      idleTimeMs: this.config.serverChannelMaxIdleTimeSeconds * 1000,
    });
    this.registrar = new BrokerRegistrar(this.config, this.topicConfigManager, this.client);
  }

  /** The port the broker listens on (after start). */
  get port(): number {
    return this.server.port;
  }

  /** `brokerIP1:listenPort`. */
  get brokerAddr(): string {
    return this.registrar.brokerAddr;
  }

  /** Loads metadata, starts the store, opens the port and registers with the name servers. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`broker already ${this.state}`);
    this.state = 'running';
    this.topicConfigManager.load();
    this.subscriptionGroupManager.load();
    this.consumerOffsetManager.load();
    await this.options.store.start();
    if (this.config.longPollingEnable) {
      this.options.store.setMessageArrivingListener((topic, queueId, nextOffset, tagsCode) =>
        this.pullRequestHoldService.notifyMessageArriving(topic, queueId, nextOffset, tagsCode),
      );
    }
    this.pullRequestHoldService.start();
    this.config.listenPort = await this.server.start();
    this.registerProcessors(this.context());
    this.server.on('close', (channel) => this.onChannelClosed(channel));
    this.schedule(() => void this.consumerOffsetManager.persist(), this.config.flushConsumerOffsetInterval);
    this.schedule(() => this.scanNotActiveClients(), CLIENT_SCAN_INTERVAL_MS);
    this.topicConfigManager.onTopicsChanged((topics) => void this.registrar.registerAll(topics));
    await this.registrar.start();
    log.info({ brokerName: this.config.brokerName, addr: this.brokerAddr }, 'broker started');
  }

  /**
   * Unregisters, answers held pulls, stops accepting and drains requests, persists the
   * metadata and shuts the store down. Idempotent.
   */
  shutdown(): Promise<void> {
    this.stopped ??= this.stop();
    return this.stopped;
  }

  private async stop(): Promise<void> {
    if (this.state === 'new') {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopping';
    for (const timer of this.timers) clearInterval(timer);
    await this.registrar.shutdown();
    this.pullRequestHoldService.shutdown();
    await this.server.shutdown();
    await Promise.all([
      this.consumerOffsetManager.persist(),
      this.topicConfigManager.persist(),
      this.subscriptionGroupManager.persist(),
    ]);
    this.options.store.setMessageArrivingListener(undefined);
    await this.options.store.shutdown();
    await this.client.shutdown();
    this.state = 'stopped';
    log.info({ brokerName: this.config.brokerName }, 'broker stopped');
  }

  private context(): BrokerContext {
    return {
      config: this.config,
      maxMessageSize: this.options.store.config.maxMessageSize,
      storeHost: hostFromSocket(this.config.brokerIP1, this.config.listenPort),
      store: this.options.store,
      topicConfigManager: this.topicConfigManager,
      subscriptionGroupManager: this.subscriptionGroupManager,
      consumerOffsetManager: this.consumerOffsetManager,
      consumerManager: this.consumerManager,
      producerManager: this.producerManager,
      rebalanceLockManager: this.rebalanceLockManager,
      pullRequestHoldService: this.pullRequestHoldService,
    };
  }

  private registerProcessors(ctx: BrokerContext): void {
    const send = new SendMessageProcessor(ctx);
    const pull = new PullMessageProcessor(ctx);
    const clients = new ClientManageProcessor(ctx);
    const consumers = new ConsumerManageProcessor(ctx);
    const offsets = new QueueOffsetProcessor(ctx);
    const query = new QueryMessageProcessor(ctx, this.options.store.config.defaultQueryMaxNum);
    const locks = new QueueLockProcessor(ctx);
    const table: [number, RequestProcessor][] = [
      [RequestCode.SEND_MESSAGE, (r, c) => send.process(r, c)],
      [RequestCode.SEND_MESSAGE_V2, (r, c) => send.process(r, c)],
      [RequestCode.SEND_BATCH_MESSAGE, (r, c) => send.process(r, c)],
      [RequestCode.PULL_MESSAGE, (r, c) => pull.process(r, c)],
      [RequestCode.LITE_PULL_MESSAGE, (r, c) => pull.process(r, c)],
      [RequestCode.HEART_BEAT, (r, c) => clients.heartbeat(r, c)],
      [RequestCode.UNREGISTER_CLIENT, (r, c) => clients.unregisterClient(r, c)],
      [RequestCode.GET_CONSUMER_LIST_BY_GROUP, (r) => consumers.consumerList(r)],
      [RequestCode.QUERY_CONSUMER_OFFSET, (r) => consumers.queryOffset(r)],
      [RequestCode.UPDATE_CONSUMER_OFFSET, (r, c) => consumers.updateOffset(r, c)],
      [RequestCode.GET_MAX_OFFSET, (r) => offsets.maxOffset(r)],
      [RequestCode.GET_MIN_OFFSET, (r) => offsets.minOffset(r)],
      [RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, (r) => offsets.searchOffset(r)],
      [RequestCode.GET_EARLIEST_MSG_STORETIME, (r) => offsets.earliestMessageTime(r)],
      [RequestCode.QUERY_MESSAGE, (r) => query.queryMessage(r)],
      [RequestCode.VIEW_MESSAGE_BY_ID, (r) => query.viewMessageById(r)],
      [RequestCode.LOCK_BATCH_MQ, (r) => locks.lockBatch(r)],
      [RequestCode.UNLOCK_BATCH_MQ, (r) => locks.unlockBatch(r)],
    ];
    for (const [code, processor] of table) this.server.registerProcessor(code, processor);
  }

  private notifyConsumerIdsChanged(group: string, channels: RemotingChannel[]): void {
    if (!this.config.notifyConsumerIdsChangedEnable) return;
    for (const channel of channels) {
      if (!channel.isActive) continue;
      const request = RemotingCommand.createRequest(
        RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
        NotifyConsumerIdsChangedRequestHeader.encode({ consumerGroup: group }),
      );
      try {
        channel.invokeOneway(request);
      } catch (err) {
        log.warn({ group, client: channel.remoteAddress, err }, 'NOTIFY_CONSUMER_IDS_CHANGED failed');
      }
    }
  }

  private onChannelClosed(channel: RemotingChannel): void {
    this.producerManager.onChannelClosed(channel);
    this.consumerManager.onChannelClosed(channel);
  }

  private scanNotActiveClients(): void {
    const now = Date.now();
    this.producerManager.scanNotActiveChannels(now, this.config.channelExpiredTimeout);
    this.consumerManager.scanNotActiveChannels(now, this.config.channelExpiredTimeout);
  }

  private schedule(task: () => void, periodMs: number): void {
    const timer = setInterval(task, periodMs);
    timer.unref();
    this.timers.push(timer);
  }
}

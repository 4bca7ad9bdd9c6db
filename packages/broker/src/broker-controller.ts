import { getLogger, hostFromSocket, parseDelayLevels } from '@mq/common';
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
import { adminProcessorTable } from './admin/admin-processors';
import { loadBalanceProcessorTable } from './loadbalance/load-balance-processors';
import { PutStatsSampler, storedMessageTotal } from './admin/put-stats-sampler';
import { ConsumerManager } from './client/consumer-manager';
import type { ConsumerSubscription } from './client/consumer-subscription';
import { ProducerManager } from './client/producer-manager';
import { PermName, SystemTopic } from '@mq/common';
import { CheckClientConfigProcessor } from './filter/check-client-config-processor';
import { ConsumerFilterManager } from './filter/consumer-filter-manager';
import { TimerMessageStore } from './timer/timer-message-store';
import { RecallMessageProcessor } from './timer/recall-message-processor';
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
import { ReplyMessageProcessor } from './processor/reply-message-processor';
import { BrokerRegistrar } from './registration/broker-registrar';
import { SubscriptionGroupManager } from './subscription/subscription-group-manager';
import { TopicConfigManager } from './topic/topic-config-manager';
import { GrpcProxy } from './grpc/grpc-proxy';
import { PopService } from './pop/pop-service';
import { popProcessorTable } from './pop/pop-processor-table';
import { SendMessageBackProcessor } from './retry/send-message-back-processor';
import { ScheduleMessageService } from './schedule/schedule-message-service';
import { EndTransactionProcessor } from './transaction/end-transaction-processor';
import { TransactionCheckService } from './transaction/transaction-check-service';
import { TransactionOpLog } from './transaction/transaction-op-log';

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
  readonly consumerFilterManager = new ConsumerFilterManager();
  /** The 5.x timer, when `timerWheelEnable`. */
  timerMessageStore: TimerMessageStore | undefined;
  readonly pullRequestHoldService: PullRequestHoldService;
  /** POP consumption, used by the remoting POP processors and the gRPC API. */
  popService: PopService | undefined;
  /** The RocketMQ 5 gRPC API (`grpcServerPort`), when enabled. */
  grpcProxy: GrpcProxy | undefined;
  readonly scheduleMessageService: ScheduleMessageService;
  /** The transaction check-back; runs on a master once started. */
  transactionCheckService: TransactionCheckService | undefined;
  /** END_TRANSACTION, shared by the remoting and gRPC APIs (set when processors are registered). */
  private endTransaction!: EndTransactionProcessor;
  private readonly delayLevels: readonly number[];
  private readonly putStats: PutStatsSampler;
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
    this.delayLevels = parseDelayLevels(options.store.config.messageDelayLevel);
    this.scheduleMessageService = new ScheduleMessageService({
      store: options.store,
      delayLevels: this.delayLevels,
      flushIntervalMs: this.config.flushDelayOffsetInterval,
    });
    this.putStats = new PutStatsSampler(() => storedMessageTotal(this.topicConfigManager, options.store));
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
    if (this.config.timerWheelEnable) {
      this.topicConfigManager.createTopicIfAbsent(SystemTopic.TIMER, 1, PermName.PERM_READ | PermName.PERM_WRITE);
      this.timerMessageStore = new TimerMessageStore(this.options.store, this.config.timerPrecisionMs);
      this.timerMessageStore.start();
    }
    this.options.store.setMessageArrivingListener((topic, queueId, nextOffset, tagsCode) => {
      if (this.config.longPollingEnable) this.pullRequestHoldService.notifyMessageArriving(topic, queueId, nextOffset, tagsCode);
      this.popService?.notifyMessageArriving(topic);
    });
    this.pullRequestHoldService.start();
    this.putStats.start();
    this.config.listenPort = await this.server.start();
    const pop = this.startPop();
    this.registerProcessors(this.context(), pop);
    await this.startGrpc(pop);
    this.startDelayAndTransactionServices();
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
    await this.scheduleMessageService.shutdown();
    await this.transactionCheckService?.shutdown();
    this.putStats.shutdown();
    await this.grpcProxy?.shutdown();
    await this.popService?.shutdown();
    await this.server.shutdown();
    await Promise.all([
      this.consumerOffsetManager.persist(),
      this.topicConfigManager.persist(),
      this.subscriptionGroupManager.persist(),
    ]);
    this.options.store.setMessageArrivingListener(undefined);
    await this.timerMessageStore?.shutdown();
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
      consumerFilterManager: this.consumerFilterManager,
      delayLevels: this.delayLevels,
    };
  }

  private registerProcessors(ctx: BrokerContext, pop: PopService): void {
    const send = new SendMessageProcessor(ctx);
    const reply = new ReplyMessageProcessor(ctx, send);
    const pull = new PullMessageProcessor(ctx);
    const clients = new ClientManageProcessor(ctx);
    const consumers = new ConsumerManageProcessor(ctx);
    const offsets = new QueueOffsetProcessor(ctx);
    const query = new QueryMessageProcessor(ctx, this.options.store.config.defaultQueryMaxNum);
    const locks = new QueueLockProcessor(ctx);
    const sendBack = new SendMessageBackProcessor(ctx);
    const endTransaction = new EndTransactionProcessor(ctx, new TransactionOpLog(ctx.store, ctx.storeHost));
    this.endTransaction = endTransaction;
    const checkClientConfig = new CheckClientConfigProcessor(() => ctx.config.enablePropertyFilter);
    const recall = new RecallMessageProcessor(ctx);
    const table: [number, RequestProcessor][] = [
      [RequestCode.SEND_MESSAGE, (r, c) => send.process(r, c)],
      [RequestCode.SEND_MESSAGE_V2, (r, c) => send.process(r, c)],
      [RequestCode.SEND_BATCH_MESSAGE, (r, c) => send.process(r, c)],
      [RequestCode.SEND_REPLY_MESSAGE, (r, c) => reply.process(r, c)],
      [RequestCode.SEND_REPLY_MESSAGE_V2, (r, c) => reply.process(r, c)],
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
      [RequestCode.CONSUMER_SEND_MSG_BACK, (r) => sendBack.process(r)],
      [RequestCode.END_TRANSACTION, (r) => endTransaction.process(r)],
      [RequestCode.CHECK_CLIENT_CONFIG, (r) => checkClientConfig.process(r)],
      [RequestCode.RECALL_MESSAGE, (r, c) => recall.process(r, c)],
    ];
    table.push(
      ...adminProcessorTable(ctx, {
        putStats: this.putStats,
        onConfigChanged: (keys) => {
          if (!keys.includes('brokerPermission')) return;
          this.topicConfigManager.dataVersion.next();
          void this.registrar.registerAll();
        },
      }),
    );
    table.push(...loadBalanceProcessorTable(ctx, { client: this.client, namesrvAddresses: () => this.registrar.namesrvAddresses }));
    table.push(...popProcessorTable(ctx, pop));
    for (const [code, processor] of table) this.server.registerProcessor(code, processor);
  }

  /** Delay-level delivery and transaction check-back run on masters only (§7.1, §9.4). */
  private startDelayAndTransactionServices(): void {
    if (this.config.brokerRole === 'SLAVE') return;
    this.scheduleMessageService.start();
    this.transactionCheckService = new TransactionCheckService(this.context(), this.grpcProxy?.transactionRelay);
    this.transactionCheckService.start();
  }

  /** POP consumption (store-and-broker §15), served over remoting and gRPC. */
  private startPop(): PopService {
    this.popService = new PopService({ ...this.context(), brokerName: this.config.brokerName, reviveQueueNum: this.config.reviveQueueNum });
    this.popService.start();
    return this.popService;
  }

  /** The gRPC API on `grpcServerPort` (negative: disabled). */
  private async startGrpc(pop: PopService): Promise<void> {
    if (this.config.grpcServerPort < 0) return;
    const ctx = this.context();
    const certDir = this.options.store.config.storePathRootDir;
    this.grpcProxy = new GrpcProxy(ctx, { pop, endTransaction: this.endTransaction }, { host: this.config.bindAddress, port: this.config.grpcServerPort, certDir });
    this.config.grpcServerPort = await this.grpcProxy.start();
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

import { MQError, MessageQueue, checkClientGroup, checkClientTopic, getLogger, getRetryTopic, type MessageExt } from '@mq/common';
import { ResponseCode, subscribeQueuesOf, type BodyInit, type ConsumeMessageDirectlyResult, type ConsumerData, type ConsumerRunningInfo, type MessageModel, type TopicRouteData } from '@mq/remoting';
import type { ConsumerMember } from '../instance/client-members';
import { MQClientInstance } from '../instance/mq-client-instance';
import { allocateQueues } from './allocate-queues';
import { checkSubscriptionsInBroker } from './check-subscriptions';
import { ConsumeConcurrentlyService } from './consume-concurrently';
import type { MessageListenerConcurrently, MessageListenerOrderly } from './consume-listener';
import { ConsumeOrderlyService } from './consume-orderly';
import type { ConsumeHost, ConsumeService } from './consume-service';
import { createConsumerOffsetStore, resolveConsumerGroupSettings } from './consumer-group-setup';
import { computePullFromWhere, consumeTimestampMs } from './pull-from-where';
import { OFFSET_UNREADABLE, type OffsetStore } from './offset-store';
import { ProcessQueue } from './process-queue';
import { pullMessage } from './pull-api';
import type { PushConsumerOptions, PushConsumerSettings } from './push-consumer-options';
import { retryMessageOf, sendAsInnerProducer } from './retry-resend';
import { RunningInfoProperty, processQueueInfo, runningInfoBody } from './running-info';
import { sweepExpiredMessages } from './consume-timeout';
import { buildSubscription, subscriptionData, type ExpressionType, type Subscription } from './subscription';
import { Producer } from '../producer/producer';
import { ConsumerTracer } from '../trace/consumer-tracer';
import { createTraceDispatcher } from '../trace/trace-dispatcher-factory';
import { tracedListener } from '../trace/traced-listener';
import { CoalescingRunner } from './coalescing-runner';

const log = getLogger('PushConsumer');
const PULL_RPC_TIMEOUT_MS = 30_000;
const FLOW_CONTROL_DELAY_MS = 50;
const PULL_ERROR_DELAY_MS = 3000;
const SEND_BACK_TIMEOUT_MS = 5000;
/** Delay level of a message sent back because its listener call outlived consumeTimeout. */
const CONSUME_TIMEOUT_DELAY_LEVEL = 3;
/** Java's orderly default when maxReconsumeTimes is -1: Integer.MAX_VALUE, i.e. retry locally forever. */
const ORDERLY_UNLIMITED_RECONSUME_TIMES = 0x7fff_ffff;

interface AssignedQueue {
  mq: MessageQueue;
  pq: ProcessQueue;
  abort: AbortController;
}

/**
 * Receives messages pushed to a listener (Java's `DefaultMQPushConsumer`): rebalances the
 * group's queues, long-polls each assigned queue, consumes concurrently or orderly, retries
 * failures through the broker and commits offsets.
 *
 * ```ts
 * const consumer = new PushConsumer({ namesrvAddr, group: 'CG' });
 * consumer.subscribe('TopicTest', 'TagA || TagB');
 * consumer.registerMessageListener(async (msgs) => 'CONSUME_SUCCESS');
 * await consumer.start();
 * ```
 */
export class PushConsumer implements ConsumerMember, ConsumeHost {
  readonly group: string;
  readonly messageModel: MessageModel;
  readonly offsetStore: OffsetStore;
  private readonly instance: MQClientInstance;
  private readonly options: PushConsumerSettings;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly topicQueues = new Map<string, MessageQueue[]>();
  private readonly assigned = new Map<string, AssignedQueue>();
  private consumeService: ConsumeService | undefined;
  private orderly = false;
  private state: 'created' | 'running' | 'stopped' = 'created';
  private rebalanceTimer: NodeJS.Timeout | undefined;
  private lockTimer: NodeJS.Timeout | undefined;
  private consumeTimeoutTimer: NodeJS.Timeout | undefined;
  private readonly rebalancer = new CoalescingRunner(
    () => this.rebalance(),
    () => this.state === 'running',
    (error) => log.warn({ group: this.group, err: error.message }, 'rebalance failed'),
  );
  private readonly createdAt = Date.now();
  /** Trace hooks; undefined unless `enableTrace`. */
  private readonly tracer: ConsumerTracer | undefined;

  constructor(options: PushConsumerOptions) {
    const settings = resolveConsumerGroupSettings(options);
    this.group = settings.group;
    this.messageModel = settings.messageModel;
    this.options = {
      ...settings,
      consumeThreadMax: options.consumeThreadMax ?? 20,
      consumeMessageBatchMaxSize: options.consumeMessageBatchMaxSize ?? 1,
      pullBatchSize: options.pullBatchSize ?? 32,
      consumeConcurrentlyMaxSpan: options.consumeConcurrentlyMaxSpan ?? 2000,
      pullIntervalMs: options.pullIntervalMs ?? 0,
      brokerSuspendMaxTimeMs: options.brokerSuspendMaxTimeMs ?? 15_000,
      maxReconsumeTimes: options.maxReconsumeTimes ?? -1,
      consumeTimeoutMinutes: options.consumeTimeoutMinutes ?? 15,
      suspendCurrentQueueTimeMillis: options.suspendCurrentQueueTimeMillis ?? 1000,
      lockIntervalMs: options.lockIntervalMs ?? 20_000,
    };
    this.instance = MQClientInstance.acquire(options);
    this.offsetStore = createConsumerOffsetStore(this.instance, settings, options.localOffsetStoreDir);
    const traceDispatcher = createTraceDispatcher(options, this.group, 'CONSUME', (traceOptions) => new Producer(traceOptions));
    this.tracer = traceDispatcher && new ConsumerTracer(traceDispatcher, this.group);
  }

  get clientId(): string {
    return this.instance.clientId;
  }

  /** Subscribes to a topic with a tag expression (`*`, `A || B`) or an SQL92 filter. */
  subscribe(topic: string, expression = '*', expressionType: ExpressionType = 'TAG'): void {
    checkClientTopic(topic);
    this.subscriptions.set(topic, buildSubscription(topic, expression, expressionType));
  }

  unsubscribe(topic: string): void {
    this.subscriptions.delete(topic);
  }

  /** Consume messages in parallel. */
  registerMessageListener(listener: MessageListenerConcurrently): void {
    this.orderly = false;
    const traced = this.tracer ? tracedListener(listener, this.tracer, 'CONSUME_SUCCESS', this.consumeTimeoutMs) : listener;
    this.consumeService = new ConsumeConcurrentlyService(this, traced, this.options.consumeMessageBatchMaxSize, this.options.consumeThreadMax);
  }

  /** Consume each queue in order (queues locked at the broker in clustering mode). */
  registerOrderlyListener(listener: MessageListenerOrderly): void {
    this.orderly = true;
    this.consumeService = new ConsumeOrderlyService(
      this,
      this.tracer ? tracedListener(listener, this.tracer, 'SUCCESS', this.consumeTimeoutMs) : listener,
      this.options.consumeMessageBatchMaxSize,
      this.options.suspendCurrentQueueTimeMillis,
      this.options.maxReconsumeTimes === -1 ? ORDERLY_UNLIMITED_RECONSUME_TIMES : this.options.maxReconsumeTimes,
    );
  }

  /** The queues currently assigned to this consumer. */
  assignedQueues(): MessageQueue[] {
    return [...this.assigned.values()].map(({ mq }) => mq);
  }

  async start(): Promise<void> {
    if (this.state !== 'created') throw new MQError(ResponseCode.SYSTEM_ERROR, `The PushConsumer service state is ${this.state}, it can be started only once`);
    checkClientGroup(this.group);
    if (!this.consumeService) throw new MQError(ResponseCode.SYSTEM_ERROR, 'messageListener is null: call registerMessageListener or registerOrderlyListener first');
    if (this.subscriptions.size === 0) throw new MQError(ResponseCode.SYSTEM_ERROR, 'no subscription: call subscribe() first');
    if (this.messageModel === 'CLUSTERING') this.subscriptions.set(getRetryTopic(this.group), buildSubscription(getRetryTopic(this.group)));
    await this.offsetStore.load();
    if (!this.instance.registerConsumer(this)) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, `The consumer group[${this.group}] has been created before, specify another name please.`);
    }
    this.state = 'running';
    this.instance.start();
    await this.instance.refreshAllRoutes();
    await checkSubscriptionsInBroker(this.instance, this.group, this.subscriptions.values()).catch(async (error: unknown) => {
      await this.shutdown();
      throw error;
    });
    await this.instance.sendHeartbeatToAllBrokers();
    this.rebalanceTimer = setInterval(() => this.rebalanceSoon(), this.options.rebalanceIntervalMs).unref();
    if (this.orderly && this.messageModel === 'CLUSTERING') {
      this.lockTimer = setInterval(() => void this.lockAll(), this.options.lockIntervalMs).unref();
    }
    if (!this.orderly) {
      const timeoutMs = this.options.consumeTimeoutMinutes * 60_000;
      this.consumeTimeoutTimer = setInterval(() => void this.sendBackExpiredMessages(timeoutMs), timeoutMs).unref();
    }
    this.rebalanceSoon();
    await this.tracer?.dispatcher.start();
  }

  /** Stops pulling, waits for running listener calls, persists offsets and unregisters. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.state !== 'running') {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopped';
    clearInterval(this.rebalanceTimer);
    clearInterval(this.lockTimer);
    clearInterval(this.consumeTimeoutTimer);
    await this.rebalancer.idle();
    for (const queue of this.assigned.values()) queue.abort.abort();
    this.consumeService?.shutdown();
    await this.consumeService?.drain();
    await this.persistOffsets();
    if (this.orderly && this.messageModel === 'CLUSTERING') await this.unlockQueues(this.assignedQueues());
    for (const queue of this.assigned.values()) queue.pq.dropped = true;
    this.assigned.clear();
    await this.instance.unregisterConsumer(this.group);
    await this.tracer?.dispatcher.shutdown();
  }

  private get consumeTimeoutMs(): number {
    return this.options.consumeTimeoutMinutes * 60_000;
  }

  // ---- ConsumerMember --------------------------------------------------------------------

  heartbeatData(): BodyInit<typeof ConsumerData> {
    return {
      groupName: this.group,
      consumeType: 'CONSUME_PASSIVELY',
      messageModel: this.messageModel,
      consumeFromWhere: this.options.consumeFromWhere,
      subscriptionDataSet: [...this.subscriptions.values()].map(subscriptionData),
      unitMode: false,
    };
  }

  subscribeTopics(): Iterable<string> {
    return this.subscriptions.keys();
  }

  /** A subscribed topic's queues changed hands (a broker came, went or came back): rebalance now, not at the next tick. */
  onTopicRouteChanged(topic: string, route: TopicRouteData): void {
    if (!this.subscriptions.has(topic)) return;
    this.topicQueues.set(topic, subscribeQueuesOf(topic, route));
    this.rebalanceSoon();
  }

  /** Runs a rebalance now (or right after the running one). */
  rebalanceSoon(): void {
    this.rebalancer.request();
  }

  async persistOffsets(): Promise<void> {
    await this.offsetStore.persistAll(this.assignedQueues());
  }

  async resetOffsets(topic: string, offsets: ReadonlyArray<[MessageQueue, number]>): Promise<void> {
    for (const [mq, offset] of offsets) {
      const queue = this.assigned.get(mq.key);
      this.offsetStore.updateOffset(mq, offset, false);
      if (queue) this.dropQueue(queue);
    }
    await this.offsetStore.persistAll(offsets.map(([mq]) => mq));
    log.info({ group: this.group, topic }, 'offsets reset by the broker');
    this.rebalanceSoon();
  }

  async runningInfo(): Promise<BodyInit<typeof ConsumerRunningInfo>> {
    const properties: Record<string, string> = {
      [RunningInfoProperty.NAMESERVER_ADDR]: this.instance.options.namesrvAddr ?? '',
      [RunningInfoProperty.CONSUME_TYPE]: 'CONSUME_PASSIVELY',
      [RunningInfoProperty.CONSUME_ORDERLY]: String(this.orderly),
      [RunningInfoProperty.THREADPOOL_CORE_SIZE]: String(this.options.consumeThreadMax),
      [RunningInfoProperty.CONSUMER_START_TIMESTAMP]: String(this.createdAt),
      consumerGroup: this.group,
      messageModel: this.messageModel,
      consumeFromWhere: this.options.consumeFromWhere,
      consumeMessageBatchMaxSize: String(this.options.consumeMessageBatchMaxSize),
      pullBatchSize: String(this.options.pullBatchSize),
      maxReconsumeTimes: String(this.options.maxReconsumeTimes),
      consumeTimeout: String(this.options.consumeTimeoutMinutes),
    };
    const queues = await Promise.all(
      [...this.assigned.values()].map(async ({ mq, pq }) => [mq, processQueueInfo(pq, await this.offsetStore.readOffset(mq, 'MEMORY'))] as const),
    );
    return runningInfoBody(properties, [...this.subscriptions.values()].map(subscriptionData), queues);
  }

  async consumeDirectly(message: MessageExt, brokerName: string | undefined): Promise<BodyInit<typeof ConsumeMessageDirectlyResult>> {
    if (brokerName) message.brokerName = brokerName;
    const mq = new MessageQueue(message.topic, message.brokerName, message.queueId);
    return this.consumeService!.consumeDirectly(message, mq);
  }

  // ---- ConsumeHost -----------------------------------------------------------------------

  /** CONSUMER_SEND_MSG_BACK; when that fails, Java's fallback: send the retry copy to `%RETRY%<group>` ourselves. */
  async sendMessageBack(message: MessageExt, delayLevel: number, mq: MessageQueue): Promise<boolean> {
    try {
      const addr = this.instance.findBrokerAddressInPublish(mq.brokerName);
      if (!addr) throw new MQError(ResponseCode.SYSTEM_ERROR, `no master address for broker ${mq.brokerName}`);
      await this.instance.api.consumerSendMessageBack(
        addr,
        {
          offset: message.commitLogOffset,
          group: this.group,
          delayLevel,
          originMsgId: message.msgId,
          originTopic: message.topic,
          maxReconsumeTimes: this.maxReconsumeTimes(),
          bname: mq.brokerName,
        },
        SEND_BACK_TIMEOUT_MS,
      );
      return true;
    } catch (error) {
      log.warn({ group: this.group, msgId: message.msgId, err: (error as Error).message }, 'send back failed, sending to the retry topic directly');
      return this.resendToRetryTopic(message, message.reconsumeTimes + 1, this.maxReconsumeTimes());
    }
  }

  sendToRetryTopic(message: MessageExt): Promise<boolean> {
    return this.resendToRetryTopic(message, message.reconsumeTimes, this.options.maxReconsumeTimes === -1 ? ORDERLY_UNLIMITED_RECONSUME_TIMES : this.options.maxReconsumeTimes);
  }

  private async resendToRetryTopic(message: MessageExt, reconsumeTimes: number, maxReconsumeTimes: number): Promise<boolean> {
    try {
      await sendAsInnerProducer(this.instance, retryMessageOf(message, this.group, reconsumeTimes, maxReconsumeTimes), SEND_BACK_TIMEOUT_MS);
      return true;
    } catch (error) {
      log.warn({ group: this.group, msgId: message.msgId, err: (error as Error).message }, 'sending to the retry topic failed, will consume locally again');
      return false;
    }
  }

  async lockQueue(mq: MessageQueue): Promise<boolean> {
    const locked = await this.lockAtBroker(mq.brokerName, [mq]);
    return locked.has(mq.key);
  }

  // ---- rebalance -------------------------------------------------------------------------

  private async rebalance(): Promise<void> {
    const wanted = new Map<string, MessageQueue>();
    for (const topic of this.subscriptions.keys()) {
      const allocated = await allocateQueues(this.instance, this.group, this.messageModel, this.options.allocateMessageQueueStrategy, await this.queuesOf(topic));
      if (!allocated) return; // the group is unknown to the broker for now: keep the current assignment
      for (const mq of allocated) wanted.set(mq.key, mq);
    }
    for (const queue of [...this.assigned.values()]) {
      if (!wanted.has(queue.mq.key)) await this.removeQueue(queue);
    }
    for (const mq of wanted.values()) {
      if (!this.assigned.has(mq.key) && this.state === 'running') await this.addQueue(mq);
    }
  }

  /**
   * A subscribed topic's queues. One without a route yet is looked up again: the retry
   * topic only exists once our first heartbeat made the broker create it, after the route
   * fetch of `start()`, and the periodic route poll may be 30 s away.
   */
  private async queuesOf(topic: string): Promise<MessageQueue[]> {
    if (!this.topicQueues.has(topic)) {
      const route = await this.instance.updateTopicRoute(topic).catch((error: Error) => log.debug({ topic, err: error.message }, 'no route yet'));
      if (route) this.onTopicRouteChanged(topic, route);
    }
    return this.topicQueues.get(topic) ?? [];
  }

  private async addQueue(mq: MessageQueue): Promise<void> {
    if (this.orderly && this.messageModel === 'CLUSTERING' && !(await this.lockQueue(mq))) return;
    this.offsetStore.removeOffset(mq);
    const nextOffset = await computePullFromWhere(this.instance, this.offsetStore, mq, this.options.consumeFromWhere, this.consumeTimestampMs());
    if (nextOffset === OFFSET_UNREADABLE) return;
    const queue: AssignedQueue = { mq, pq: new ProcessQueue(), abort: new AbortController() };
    if (this.orderly) {
      queue.pq.locked = true;
      queue.pq.lastLockTimestamp = Date.now();
    }
    this.assigned.set(mq.key, queue);
    log.info({ group: this.group, mq: mq.key, nextOffset }, 'queue assigned');
    void this.pullLoop(queue, nextOffset);
  }

  private async removeQueue(queue: AssignedQueue): Promise<void> {
    this.dropQueue(queue);
    await this.offsetStore.persist(queue.mq);
    this.offsetStore.removeOffset(queue.mq);
    if (this.orderly && this.messageModel === 'CLUSTERING') await this.unlockQueues([queue.mq]);
    log.info({ group: this.group, mq: queue.mq.key }, 'queue released');
  }

  private dropQueue(queue: AssignedQueue): void {
    queue.pq.dropped = true;
    queue.abort.abort();
    this.assigned.delete(queue.mq.key);
  }

  // ---- pull loop -------------------------------------------------------------------------

  private async pullLoop(queue: AssignedQueue, startOffset: number): Promise<void> {
    const { mq, pq, abort } = queue;
    let nextOffset = startOffset;
    while (!pq.dropped && this.state === 'running') {
      const delay = this.flowControlDelay(pq);
      if (delay > 0) {
        await sleep(delay);
        continue;
      }
      try {
        nextOffset = await this.pullOnce(mq, pq, nextOffset, abort.signal);
      } catch (error) {
        if (pq.dropped || abort.signal.aborted) return;
        log.warn({ group: this.group, mq: mq.key, err: (error as Error).message }, 'pull failed');
        await sleep(PULL_ERROR_DELAY_MS);
      }
      if (this.options.pullIntervalMs > 0) await sleep(this.options.pullIntervalMs);
    }
  }

  /** Java's flow control: too many or too large cached messages, or (concurrent) too wide a span. */
  private flowControlDelay(pq: ProcessQueue): number {
    if (pq.messageCount > this.options.pullThresholdForQueue) return FLOW_CONTROL_DELAY_MS;
    if (pq.messageBytes / (1024 * 1024) > this.options.pullThresholdSizeForQueue) return FLOW_CONTROL_DELAY_MS;
    if (!this.orderly && pq.offsetSpan > this.options.consumeConcurrentlyMaxSpan) return FLOW_CONTROL_DELAY_MS;
    return 0;
  }

  private async pullOnce(mq: MessageQueue, pq: ProcessQueue, offset: number, signal: AbortSignal): Promise<number> {
    const subscription = this.subscriptions.get(mq.topic);
    const commitOffset = this.messageModel === 'CLUSTERING' ? await this.offsetStore.readOffset(mq, 'MEMORY') : -1;
    const result = await pullMessage(
      this.instance,
      mq,
      {
        consumerGroup: this.group,
        queueOffset: offset,
        maxMsgNums: this.options.pullBatchSize,
        sysFlag: (commitOffset > 0 ? 0x1 : 0) | 0x2,
        commitOffset: Math.max(commitOffset, 0),
        suspendTimeoutMillis: this.options.brokerSuspendMaxTimeMs,
        subscription: subscription?.subString,
        subVersion: subscription?.subVersion ?? 0,
        expressionType: subscription?.expressionType,
      },
      subscription,
      Math.max(PULL_RPC_TIMEOUT_MS, this.options.brokerSuspendMaxTimeMs + 5000),
      signal,
    );
    pq.lastPullTimestamp = Date.now();
    if (pq.dropped) return offset;
    if (result.status === 'OFFSET_ILLEGAL') {
      log.warn({ group: this.group, mq: mq.key, offset, next: result.nextBeginOffset }, 'pull offset moved');
      this.offsetStore.updateOffset(mq, result.nextBeginOffset, false);
      await this.offsetStore.persist(mq);
      const queue = this.assigned.get(mq.key);
      if (queue) this.dropQueue(queue);
      this.rebalanceSoon();
      return result.nextBeginOffset;
    }
    if (result.status === 'FOUND' && result.messages.length > 0) {
      const added = pq.putMessages(result.messages);
      this.consumeService!.submit(pq, mq, added);
    } else if (pq.messageCount === 0 && !this.orderly) {
      this.offsetStore.updateOffset(mq, result.nextBeginOffset, true);
    }
    return result.nextBeginOffset;
  }

  /** Java's consume-timeout sweep: messages stuck in their listener longer than `timeoutMs` are sent back. */
  private async sendBackExpiredMessages(timeoutMs: number): Promise<void> {
    for (const { mq, pq } of [...this.assigned.values()]) {
      const offset = await sweepExpiredMessages(pq, timeoutMs, (message) => this.sendMessageBack(message, CONSUME_TIMEOUT_DELAY_LEVEL, mq));
      if (offset >= 0 && !pq.dropped) this.offsetStore.updateOffset(mq, offset, true);
    }
  }

  // ---- orderly locks ---------------------------------------------------------------------

  private async lockAll(): Promise<void> {
    const byBroker = groupByBroker(this.assignedQueues());
    for (const [brokerName, mqs] of byBroker) {
      const locked = await this.lockAtBroker(brokerName, mqs);
      for (const mq of mqs) {
        const pq = this.assigned.get(mq.key)?.pq;
        if (!pq) continue;
        pq.locked = locked.has(mq.key);
        if (pq.locked) pq.lastLockTimestamp = Date.now();
      }
    }
  }

  private async lockAtBroker(brokerName: string, mqs: readonly MessageQueue[]): Promise<Set<string>> {
    const addr = this.instance.findBrokerAddressInPublish(brokerName);
    if (!addr) return new Set();
    try {
      const locked = await this.instance.api.lockBatch(addr, { consumerGroup: this.group, clientId: this.clientId, mqSet: mqs.map(toWireQueue) });
      const keys = new Set(locked.map((mq) => `${mq.topic}@${mq.brokerName}@${mq.queueId}`));
      for (const mq of mqs) {
        const pq = this.assigned.get(mq.key)?.pq;
        if (pq && keys.has(mq.key)) {
          pq.locked = true;
          pq.lastLockTimestamp = Date.now();
        }
      }
      return keys;
    } catch (error) {
      log.warn({ group: this.group, brokerName, err: (error as Error).message }, 'lock failed');
      return new Set();
    }
  }

  private async unlockQueues(mqs: readonly MessageQueue[]): Promise<void> {
    for (const [brokerName, group] of groupByBroker(mqs)) {
      const addr = this.instance.findBrokerAddressInPublish(brokerName);
      if (!addr) continue;
      await this.instance.api
        .unlockBatch(addr, { consumerGroup: this.group, clientId: this.clientId, mqSet: group.map(toWireQueue) })
        .catch((error: Error) => log.warn({ group: this.group, brokerName, err: error.message }, 'unlock failed'));
    }
  }

  private maxReconsumeTimes(): number {
    return this.options.maxReconsumeTimes === -1 ? 16 : this.options.maxReconsumeTimes;
  }

  private consumeTimestampMs(): number {
    return consumeTimestampMs(this.options.consumeTimestamp, this.createdAt);
  }
}

function groupByBroker(mqs: readonly MessageQueue[]): Map<string, MessageQueue[]> {
  const byBroker = new Map<string, MessageQueue[]>();
  for (const mq of mqs) {
    const list = byBroker.get(mq.brokerName);
    if (list) list.push(mq);
    else byBroker.set(mq.brokerName, [mq]);
  }
  return byBroker;
}

function toWireQueue(mq: MessageQueue): { topic: string; brokerName: string; queueId: number } {
  return { topic: mq.topic, brokerName: mq.brokerName, queueId: mq.queueId };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

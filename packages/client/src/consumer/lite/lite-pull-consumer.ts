import { CommonErrorCode, MQError, checkClientGroup, checkClientTopic, getLogger, type MessageExt, type MessageQueue } from '@mq/common';
import { RequestCode, ResponseCode, subscribeQueuesOf, type BodyInit, type ConsumerData, type MessageModel, type TopicRouteData } from '@mq/remoting';
import type { ConsumerMember } from '../../instance/client-members';
import { MQClientInstance } from '../../instance/mq-client-instance';
import { allocateQueues } from '../allocate-queues';
import { createConsumerOffsetStore, resolveConsumerGroupSettings } from '../consumer-group-setup';
import { OFFSET_UNREADABLE, type OffsetStore } from '../offset-store';
import { brokerAddressFor, pullMessage } from '../pull-api';
import { computePullFromWhere, consumeTimestampMs } from '../pull-from-where';
import { buildSubscription, subscriptionData, type ExpressionType, type Subscription } from '../subscription';
import { ConsumeRequestCache } from './consume-request-cache';
import type { LitePullConsumerOptions, LitePullConsumerSettings } from './lite-pull-consumer-options';
import { LiteQueue, UNSET_OFFSET } from './lite-queue';
import { Producer } from '../../producer/producer';
import { ConsumerTracer } from '../../trace/consumer-tracer';
import { createTraceDispatcher } from '../../trace/trace-dispatcher-factory';
import { CoalescingRunner } from '../coalescing-runner';

const log = getLogger('LitePullConsumer');
/** SUSPEND | SUBSCRIPTION | LITE_PULL, what Java's lite pull consumer sends (remoting §7.1). */
const LITE_PULL_SYS_FLAG = 0x2 | 0x4 | 0x10;
const FLOW_CONTROL_DELAY_MS = 50;
const PAUSED_DELAY_MS = 1000;

/**
 * Pulls messages for the caller to `poll` (Java's `DefaultLitePullConsumer`). Either
 * `subscribe` to topics (the group's queues are rebalanced between its members) or `assign`
 * explicit queues. Each queue is long-polled in the background into a bounded cache;
 * `poll` hands out batches and, with `autoCommit`, commits what it handed out every
 * `autoCommitIntervalMs`.
 *
 * ```ts
 * const consumer = new LitePullConsumer({ namesrvAddr, group: 'CG' });
 * consumer.subscribe('TopicTest', 'TagA');
 * await consumer.start();
 * for await (const messages of consumer) handle(messages);
 * ```
 */
export class LitePullConsumer implements ConsumerMember {
  readonly group: string;
  readonly messageModel: MessageModel;
  readonly offsetStore: OffsetStore;
  private readonly instance: MQClientInstance;
  private readonly options: LitePullConsumerSettings;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly topicQueues = new Map<string, MessageQueue[]>();
  private readonly queues = new Map<string, LiteQueue>();
  private readonly cache = new ConsumeRequestCache();
  private mode: 'none' | 'subscribe' | 'assign' = 'none';
  private assignment: MessageQueue[] = [];
  private state: 'created' | 'running' | 'stopped' = 'created';
  private rebalanceTimer: NodeJS.Timeout | undefined;
  private readonly rebalancer = new CoalescingRunner(
    () => this.rebalance(),
    () => this.state === 'running' && this.mode === 'subscribe',
    (error) => log.warn({ group: this.group, err: error.message }, 'rebalance failed'),
  );
  private nextAutoCommitAt = 0;
  private readonly createdAt = Date.now();
  /** Trace hooks; undefined unless `enableTrace`. */
  private readonly tracer: ConsumerTracer | undefined;

  constructor(options: LitePullConsumerOptions) {
    const settings = resolveConsumerGroupSettings(options);
    this.group = settings.group;
    this.messageModel = settings.messageModel;
    this.options = {
      ...settings,
      pullBatchSize: options.pullBatchSize ?? 10,
      pullThresholdForAll: options.pullThresholdForAll ?? 10_000,
      autoCommit: options.autoCommit ?? true,
      autoCommitIntervalMs: options.autoCommitIntervalMs ?? 5000,
      pollTimeoutMs: options.pollTimeoutMs ?? 5000,
      brokerSuspendMaxTimeMs: options.brokerSuspendMaxTimeMs ?? 20_000,
      consumerTimeoutMillisWhenSuspend: options.consumerTimeoutMillisWhenSuspend ?? 30_000,
      pullTimeDelayMillsWhenException: options.pullTimeDelayMillsWhenException ?? 1000,
    };
    this.instance = MQClientInstance.acquire(options);
    this.offsetStore = createConsumerOffsetStore(this.instance, settings, options.localOffsetStoreDir);
    const traceDispatcher = createTraceDispatcher(options, this.group, 'CONSUME', (traceOptions) => new Producer(traceOptions));
    this.tracer = traceDispatcher && new ConsumerTracer(traceDispatcher, this.group);
  }

  get clientId(): string {
    return this.instance.clientId;
  }

  // ---- subscription and assignment -------------------------------------------------------

  /** Subscribes to a topic (tag expression or SQL92); the group's queues are rebalanced. Not with `assign`. */
  subscribe(topic: string, expression = '*', expressionType: ExpressionType = 'TAG'): void {
    checkClientTopic(topic);
    this.switchMode('subscribe');
    this.subscriptions.set(topic, buildSubscription(topic, expression, expressionType));
    if (this.state === 'running') void this.refreshThenRebalance(topic);
  }

  unsubscribe(topic: string): void {
    this.subscriptions.delete(topic);
    this.rebalanceSoon();
  }

  /** Consumes exactly these queues, without rebalancing. Not with `subscribe`. */
  assign(mqs: readonly MessageQueue[]): void {
    this.switchMode('assign');
    this.assignment = [...mqs];
    for (const mq of mqs) if (!this.subscriptions.has(mq.topic)) this.subscriptions.set(mq.topic, buildSubscription(mq.topic));
    if (this.state === 'running') void this.applyAssignment(this.assignment);
  }

  /** The readable queues of a topic, from a fresh route (Java's `fetchMessageQueues`). */
  async fetchMessageQueues(topic: string): Promise<MessageQueue[]> {
    const route = await this.instance.updateTopicRoute(topic);
    if (!route) throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `Can not find Message Queue for this topic, ${topic}`);
    return subscribeQueuesOf(topic, route);
  }

  /** The queues this consumer currently pulls. */
  assignedQueues(): MessageQueue[] {
    return [...this.queues.values()].map((queue) => queue.mq);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  async start(): Promise<void> {
    if (this.state !== 'created') throw new MQError(ResponseCode.SYSTEM_ERROR, `The LitePullConsumer service state is ${this.state}, it can be started only once`);
    checkClientGroup(this.group);
    await this.offsetStore.load();
    if (!this.instance.registerConsumer(this)) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, `The consumer group[${this.group}] has been created before, specify another name please.`);
    }
    this.state = 'running';
    this.nextAutoCommitAt = Date.now() + this.options.autoCommitIntervalMs;
    this.instance.start();
    await this.instance.refreshAllRoutes();
    await this.instance.sendHeartbeatToAllBrokers();
    if (this.mode === 'assign') await this.applyAssignment(this.assignment);
    this.rebalanceTimer = setInterval(() => this.rebalanceSoon(), this.options.rebalanceIntervalMs).unref();
    this.rebalanceSoon();
    await this.tracer?.dispatcher.start();
  }

  /** Stops pulling, commits (with autoCommit) and persists offsets, and unregisters. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.state !== 'running') {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopped';
    clearInterval(this.rebalanceTimer);
    await this.rebalancer.idle();
    for (const queue of this.queues.values()) queue.drop();
    this.cache.close();
    if (this.options.autoCommit) this.stageConsumedOffsets();
    await this.persistOffsets();
    this.queues.clear();
    await this.instance.unregisterConsumer(this.group);
    await this.tracer?.dispatcher.shutdown();
  }

  // ---- polling ---------------------------------------------------------------------------

  /**
   * The next batch of pulled messages, waiting up to `timeoutMs` (default `pollTimeoutMs`);
   * an empty array when nothing arrived. Marks the batch consumed.
   */
  async poll(timeoutMs = this.options.pollTimeoutMs): Promise<MessageExt[]> {
    this.checkRunning();
    if (this.options.autoCommit && Date.now() >= this.nextAutoCommitAt) await this.commitSync();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const request = await this.cache.take(Math.max(0, deadline - Date.now()));
      if (!request) return [];
      const { queue, generation, messages } = request;
      if (queue.dropped || generation !== queue.generation) continue;
      const offset = queue.pq.removeMessages(messages);
      if (offset >= 0) queue.consumeOffset = offset;
      this.tracer?.tracePolled(messages);
      return messages;
    }
  }

  /** Batches from `poll` until the consumer shuts down. */
  async *[Symbol.asyncIterator](): AsyncIterator<MessageExt[]> {
    while (this.state === 'running') {
      const messages = await this.poll();
      if (messages.length > 0) yield messages;
    }
  }

  // ---- positions -------------------------------------------------------------------------

  /** Next `poll`s return messages of `mq` from `offset` on (must be within the queue's min..max). */
  async seek(mq: MessageQueue, offset: number): Promise<void> {
    const queue = this.assignedQueue(mq);
    const addr = await brokerAddressFor(this.instance, mq);
    const [min, max] = await Promise.all([this.instance.api.getMinOffset(addr, mq), this.instance.api.getMaxOffset(addr, mq)]);
    if (!Number.isInteger(offset) || offset < min || offset > max) {
      throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `Seek offset illegal: ${offset} is outside [${min}, ${max}] of ${mq.key}`);
    }
    this.cache.removeQueue(queue);
    queue.seek(offset);
  }

  /** Seek to the queue's min offset. */
  async seekToBegin(mq: MessageQueue): Promise<void> {
    await this.seek(mq, await this.instance.api.getMinOffset(await brokerAddressFor(this.instance, mq), mq));
  }

  /** Seek to the queue's max offset (only new messages). */
  async seekToEnd(mq: MessageQueue): Promise<void> {
    await this.seek(mq, await this.instance.api.getMaxOffset(await brokerAddressFor(this.instance, mq), mq));
  }

  /** The offset of the first message stored at or after `timestamp` (ms) in `mq`. */
  async offsetForTimestamp(mq: MessageQueue, timestamp: number): Promise<number> {
    return this.instance.api.searchOffset(await brokerAddressFor(this.instance, mq), mq, timestamp);
  }

  /** The group's offset of `mq` as stored (broker or local file); -1 when it has none. */
  async committed(mq: MessageQueue): Promise<number> {
    const offset = await this.offsetStore.readOffset(mq, 'STORE');
    if (offset === OFFSET_UNREADABLE) throw new MQError(ResponseCode.SYSTEM_ERROR, `cannot read the committed offset of ${mq.key}`);
    return offset;
  }

  /** Commits the offsets after everything `poll` returned, on every assigned queue. */
  async commitSync(): Promise<void> {
    this.nextAutoCommitAt = Date.now() + this.options.autoCommitIntervalMs;
    this.stageConsumedOffsets();
    await this.persistOffsets();
  }

  /** Commits explicit offsets (the next offset to consume per queue); `persist` false only records them for the periodic persistence. */
  async commit(offsets: ReadonlyArray<[MessageQueue, number]>, persist = true): Promise<void> {
    for (const [mq, offset] of offsets) this.offsetStore.updateOffset(mq, offset, false);
    if (persist) await this.offsetStore.persistAll(offsets.map(([mq]) => mq));
  }

  /** Stops pulling these queues; already cached batches are still polled. */
  pause(mqs: readonly MessageQueue[]): void {
    for (const mq of mqs) {
      const queue = this.queues.get(mq.key);
      if (!queue) continue;
      queue.paused = true;
      queue.interrupt();
    }
  }

  resume(mqs: readonly MessageQueue[]): void {
    for (const mq of mqs) {
      const queue = this.queues.get(mq.key);
      if (!queue) continue;
      queue.paused = false;
      queue.interrupt();
    }
  }

  isPaused(mq: MessageQueue): boolean {
    return this.queues.get(mq.key)?.paused ?? false;
  }

  // ---- ConsumerMember --------------------------------------------------------------------

  heartbeatData(): BodyInit<typeof ConsumerData> {
    return {
      groupName: this.group,
      consumeType: 'CONSUME_ACTIVELY',
      messageModel: this.messageModel,
      consumeFromWhere: this.options.consumeFromWhere,
      subscriptionDataSet: [...this.subscriptions.values()].map(subscriptionData),
      unitMode: false,
    };
  }

  subscribeTopics(): Iterable<string> {
    return this.subscriptions.keys();
  }

  onTopicRouteChanged(topic: string, route: TopicRouteData): void {
    if (this.subscriptions.has(topic)) this.topicQueues.set(topic, subscribeQueuesOf(topic, route));
  }

  /** Subscribe mode: rebalance now (or right after the running one). */
  rebalanceSoon(): void {
    this.rebalancer.request();
  }

  async persistOffsets(): Promise<void> {
    await this.offsetStore.persistAll(this.assignedQueues());
  }

  async resetOffsets(topic: string, offsets: ReadonlyArray<[MessageQueue, number]>): Promise<void> {
    for (const [mq, offset] of offsets) {
      this.offsetStore.updateOffset(mq, offset, false);
      const queue = this.queues.get(mq.key);
      if (queue) {
        this.cache.removeQueue(queue);
        queue.seek(offset);
      }
    }
    await this.offsetStore.persistAll(offsets.map(([mq]) => mq));
    log.info({ group: this.group, topic }, 'offsets reset by the broker');
  }

  // ---- assignment --------------------------------------------------------------------------

  private async refreshThenRebalance(topic: string): Promise<void> {
    await this.instance.updateTopicRoute(topic).catch((error: Error) => log.warn({ topic, err: error.message }, 'route refresh failed'));
    await this.instance.sendHeartbeatToAllBrokers();
    this.rebalanceSoon();
  }

  private async rebalance(): Promise<void> {
    const wanted: MessageQueue[] = [];
    for (const topic of this.subscriptions.keys()) {
      const allocated = await allocateQueues(this.instance, this.group, this.messageModel, this.options.allocateMessageQueueStrategy, this.topicQueues.get(topic) ?? []);
      if (!allocated) return; // the group is unknown to the broker for now: keep the current assignment
      wanted.push(...allocated);
    }
    await this.applyAssignment(wanted);
  }

  /** Drops the queues not in `mqs` and starts pulling the new ones. */
  private async applyAssignment(mqs: readonly MessageQueue[]): Promise<void> {
    const wanted = new Set(mqs.map((mq) => mq.key));
    for (const queue of [...this.queues.values()]) if (!wanted.has(queue.mq.key)) await this.removeQueue(queue);
    for (const mq of mqs) if (!this.queues.has(mq.key) && this.state === 'running') this.addQueue(mq);
  }

  private addQueue(mq: MessageQueue): void {
    const queue = new LiteQueue(mq);
    this.queues.set(mq.key, queue);
    log.info({ group: this.group, mq: mq.key }, 'queue assigned');
    void this.pullLoop(queue);
  }

  private async removeQueue(queue: LiteQueue): Promise<void> {
    queue.drop();
    this.queues.delete(queue.mq.key);
    this.cache.removeQueue(queue);
    if (this.options.autoCommit && queue.consumeOffset >= 0) this.offsetStore.updateOffset(queue.mq, queue.consumeOffset, false);
    await this.offsetStore.persist(queue.mq);
    this.offsetStore.removeOffset(queue.mq);
    log.info({ group: this.group, mq: queue.mq.key }, 'queue released');
  }

  // ---- pull loop ---------------------------------------------------------------------------

  private async pullLoop(queue: LiteQueue): Promise<void> {
    while (!queue.dropped && this.state === 'running') {
      const delay = this.pullDelay(queue);
      if (delay > 0) {
        await queue.idle(delay);
        continue;
      }
      const signal = queue.signal;
      try {
        await this.pullOnce(queue, signal);
      } catch (error) {
        if (signal.aborted || queue.dropped) continue;
        log.warn({ group: this.group, mq: queue.mq.key, err: (error as Error).message }, 'pull failed');
        await queue.idle(this.options.pullTimeDelayMillsWhenException);
      }
    }
  }

  /** Java's lite-pull flow control: paused queue, too many cached messages overall or in the queue. */
  private pullDelay(queue: LiteQueue): number {
    if (queue.paused) return PAUSED_DELAY_MS;
    if (this.cachedMessageCount() > this.options.pullThresholdForAll) return FLOW_CONTROL_DELAY_MS;
    if (queue.pq.messageCount > this.options.pullThresholdForQueue) return FLOW_CONTROL_DELAY_MS;
    if (queue.pq.messageBytes / (1024 * 1024) > this.options.pullThresholdSizeForQueue) return FLOW_CONTROL_DELAY_MS;
    return 0;
  }

  private async pullOnce(queue: LiteQueue, signal: AbortSignal): Promise<void> {
    const { mq, generation } = queue;
    const offset = queue.pullOffset >= 0 ? queue.pullOffset : await this.startOffset(queue);
    if (offset < 0 || signal.aborted) return;
    const subscription = this.subscriptions.get(mq.topic) ?? buildSubscription(mq.topic);
    const result = await pullMessage(
      this.instance,
      mq,
      {
        consumerGroup: this.group,
        queueOffset: offset,
        maxMsgNums: this.options.pullBatchSize,
        sysFlag: LITE_PULL_SYS_FLAG,
        commitOffset: 0,
        suspendTimeoutMillis: this.options.brokerSuspendMaxTimeMs,
        subscription: subscription.subString,
        subVersion: subscription.expressionType === 'TAG' ? 0 : subscription.subVersion,
        expressionType: subscription.expressionType,
      },
      subscription,
      Math.max(this.options.consumerTimeoutMillisWhenSuspend, this.options.brokerSuspendMaxTimeMs + 5000),
      signal,
      0,
      RequestCode.LITE_PULL_MESSAGE,
    );
    if (queue.dropped || generation !== queue.generation) return;
    if (result.status === 'OFFSET_ILLEGAL') log.warn({ group: this.group, mq: mq.key, offset, next: result.nextBeginOffset }, 'pull offset illegal, moving on');
    if (result.messages.length > 0) {
      const added = queue.pq.putMessages(result.messages);
      if (added.length > 0) this.cache.put({ queue, generation, messages: added });
    } else if (queue.pq.messageCount === 0) {
      queue.consumeOffset = Math.max(queue.consumeOffset, result.nextBeginOffset);
    }
    queue.pullOffset = result.nextBeginOffset;
  }

  /** Where a queue without a pull position starts: its committed offset, else per consumeFromWhere. */
  private async startOffset(queue: LiteQueue): Promise<number> {
    const start = await computePullFromWhere(
      this.instance,
      this.offsetStore,
      queue.mq,
      this.options.consumeFromWhere,
      consumeTimestampMs(this.options.consumeTimestamp, this.createdAt),
    );
    if (start === OFFSET_UNREADABLE) throw new MQError(ResponseCode.SYSTEM_ERROR, `cannot compute the start offset of ${queue.mq.key}`);
    if (queue.pullOffset === UNSET_OFFSET) {
      queue.pullOffset = start;
      queue.consumeOffset = start;
    }
    return queue.pullOffset;
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** Copies the consumed offsets into the offset store (memory). */
  private stageConsumedOffsets(): void {
    for (const queue of this.queues.values()) {
      if (queue.consumeOffset >= 0) this.offsetStore.updateOffset(queue.mq, queue.consumeOffset, false);
    }
  }

  private cachedMessageCount(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.pq.messageCount;
    return count;
  }

  private assignedQueue(mq: MessageQueue): LiteQueue {
    const queue = this.queues.get(mq.key);
    if (!queue) throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `The message queue is not in assigned list, may be rebalancing, message queue: ${mq.key}`);
    return queue;
  }

  private switchMode(mode: 'subscribe' | 'assign'): void {
    if (this.mode !== 'none' && this.mode !== mode) {
      throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, 'Subscribe and assign are mutually exclusive.');
    }
    this.mode = mode;
  }

  private checkRunning(): void {
    if (this.state !== 'running') throw new MQError(ResponseCode.SYSTEM_ERROR, `The consumer not running, current state is ${this.state}`);
  }
}

import {
  buildPopRetryTopic,
  decodeStoredRecord,
  getDLQTopic,
  getLogger,
  MessageConst,
  MQError,
  parsePopRetryTopic,
  type HostAddress,
  type MessageExt,
} from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import { isPutStored, MATCH_ALL, type MessageStore } from '@mq/store';
import { copyMessageTo } from '../message/inner-message';
import type { ConsumerOffsetManager } from '../offset/consumer-offset-manager';
import type { TopicConfigManager } from '../topic/topic-config-manager';
import { PopLongPolling } from './pop-long-polling';
import { PopQueue, type InFlightMessage } from './pop-queue';
import { PopStateStore } from './pop-state-store';
import { PopInitMode, type PopBatch, type PoppedMessage, type PoppedQueue, type PopRequest, type PopWait } from './pop-types';
import {
  decodeReceiptHandle,
  encodeReceiptHandle,
  handleExpiry,
  POP_ORDER_REVIVE_QUEUE,
  PopTopicType,
  type ReceiptHandle,
} from './receipt-handle';

const log = getLogger('PopService');

/** `popFromRetryProbability`: percentage of non-FIFO pops that read the retry topic first. */
const POP_FROM_RETRY_PROBABILITY = 20;
/** Largest batch of one pop. */
export const POP_MAX_BATCH = 32;
/** Delay before a failed revive is tried again. */
const REVIVE_RETRY_DELAY_MS = 10_000;

/** Why a receipt handle cannot be used. */
export class InvalidReceiptHandleError extends MQError {}

/** The broker services POP works on. */
export interface PopServiceDeps {
  readonly store: MessageStore;
  readonly topicConfigManager: TopicConfigManager;
  readonly consumerOffsetManager: ConsumerOffsetManager;
  readonly brokerName: string;
  readonly storeHost: HostAddress;
  readonly reviveQueueNum: number;
  /** Period of the scan that revives expired messages; default 1000 ms (`reviveInterval`). */
  readonly reviveIntervalMs?: number;
}

export { PopInitMode, type PopBatch, type PoppedMessage, type PoppedQueue, type PopPollGate, type PopRequest, type PopWait } from './pop-types';

/** How an ack or visibility change treats its handle. */
export interface HandleOptions {
  /**
   * Accept a handle whose invisible time has passed while its message is not yet being
   * revived (remoting acks: Apache honours an ack until the revive scan reaches it).
   */
  readonly allowExpired?: boolean;
}

/** The one pop time and revive queue shared by every queue a pop reads. */
interface PopContext {
  readonly request: PopRequest;
  readonly popTime: number;
  readonly reviveQueueId: number;
}

/** What a pop read from one queue. */
interface QueueRead {
  readonly messages: PoppedMessage[];
  readonly queue?: PoppedQueue;
  readonly rest: number;
}

const NOTHING_READ: QueueRead = { messages: [], rest: 0 };

/**
 * POP consumption (store-and-broker §15): messages become invisible for an invisible time when
 * popped; acks remove them; expired ones are copied to `%RETRY%<group>_<topic>` with
 * `reconsumeTimes + 1` (FIFO queues redeliver in place); messages delivered too often go to the
 * group's DLQ. In-flight state is kept in memory and saved by a {@link PopStateStore} on every
 * revive pass that follows a change, and at shutdown: after a restart un-acked messages come
 * back once their invisible time passes, acked ones do not, and old receipt handles stay valid.
 * The committed offset never passes an unacked message, so even losing that file only redelivers.
 */
export class PopService {
  private readonly queues = new Map<string, PopQueue>();
  private readonly polling = new PopLongPolling();
  private reviveTimer: NodeJS.Timeout | undefined;
  private reviveCounter = 0;
  private reviving: Promise<void> | undefined;
  private readonly state: PopStateStore;
  /** The in-flight state changed since it was last saved. */
  private stateChanged = false;
  /** Shutting down: long-polling pops answer instead of waiting again. */
  private closing = false;

  constructor(private readonly deps: PopServiceDeps) {
    this.state = new PopStateStore(deps.store.config.storePathRootDir);
  }

  /** Restores the state saved before the last shutdown, then starts the revive scan. */
  start(): void {
    for (const queue of this.state.load()) this.queues.set(queueKey(queue.topic, queue.group, queue.queueId), queue);
    this.reviveTimer = setInterval(() => void this.reviveAndSave(), this.deps.reviveIntervalMs ?? 1000);
    this.reviveTimer.unref();
  }

  /** Stops the revive scan, wakes long-polling pops and saves the in-flight state. */
  async shutdown(): Promise<void> {
    clearInterval(this.reviveTimer);
    this.closing = true;
    this.polling.wakeAll();
    await this.reviving;
    await this.state.persist(this.queues.values());
  }

  /** A message arrived on `topic` (wire to the store's arrival listener). */
  notifyMessageArriving(topic: string): void {
    this.polling.notify(topic);
  }

  /** Pops up to `maxMsgNums` messages, long-polling up to `pollTimeMs` when none is ready. */
  async pop(request: PopRequest): Promise<PoppedMessage[]> {
    return [...(await this.popBatch(request)).messages];
  }

  /**
   * {@link pop} with what a remoting POP response describes: the pop time, revive queue,
   * per-queue start offsets and the backlog left. Each pass reads every queue once under one
   * pop time; when nothing is found it waits (admitted by `pollGate`) for an arrival on the
   * topic or its retry topic and reads again, until `pollTimeMs` is over.
   */
  async popBatch(request: PopRequest): Promise<PopBatch> {
    const { result, pollingFull } = await this.longPoll(request, () => this.popOnce(request), (batch) => batch.messages.length > 0);
    return pollingFull ? { ...result, pollingFull } : result;
  }

  /**
   * Whether a pop of the queue (-1: any queue, or the retry topic) would find a message,
   * waiting up to `pollTimeMs` for one to arrive (NOTIFICATION). Nothing is popped.
   */
  async awaitMessages(wait: PopWait, queueId: number): Promise<{ hasMessages: boolean; pollingFull: boolean }> {
    const probe = async (): Promise<boolean> => (await this.peek(wait.group, wait.topic, queueId, 1)).records.length > 0;
    const { result, pollingFull } = await this.longPoll(wait, probe, (found) => found);
    return { hasMessages: result, pollingFull };
  }

  /**
   * Runs `attempt` until `found` accepts its result; between attempts waits (when `pollGate`
   * admits it) for an arrival on the topic or its retry topic, until `pollTimeMs` is over.
   * Versions are read before each attempt, so an arrival during one is not missed.
   */
  private async longPoll<T>(wait: PopWait, attempt: () => Promise<T>, found: (result: T) => boolean): Promise<{ result: T; pollingFull: boolean }> {
    const watched = [wait.topic, buildPopRetryTopic(wait.topic, wait.group)];
    const deadline = Date.now() + wait.pollTimeMs;
    for (;;) {
      const versions = this.polling.snapshot(watched);
      const result = await attempt();
      if (found(result) || this.closing || Date.now() >= deadline || wait.signal?.aborted) return { result, pollingFull: false };
      if (wait.pollGate && !wait.pollGate.tryHold()) return { result, pollingFull: true };
      try {
        await this.polling.wait(watched, versions, deadline, wait.signal);
      } finally {
        wait.pollGate?.release();
      }
    }
  }

  /** Acks a popped message; throws {@link InvalidReceiptHandleError} for stale or expired handles. */
  ack(group: string, topic: string, receiptHandle: string): void {
    this.ackHandle(group, topic, parseHandle(receiptHandle));
  }

  /** {@link ack} with a parsed handle; `topic` is the original topic. */
  ackHandle(group: string, topic: string, handle: ReceiptHandle, options: HandleOptions = {}): void {
    const { queue, inFlight } = this.resolve(group, topic, handle, options);
    queue.inFlight.delete(inFlight.offset);
    this.commit(queue);
    if (queue.inFlight.size === 0) this.polling.notify(queue.topic);
  }

  /**
   * Makes a popped message invisible for `invisibleTimeMs` from now and returns its new handle;
   * the old handle becomes stale.
   */
  changeInvisibleTime(group: string, topic: string, receiptHandle: string, invisibleTimeMs: number): string {
    return encodeReceiptHandle(this.changeInvisibleTimeOf(group, topic, parseHandle(receiptHandle), invisibleTimeMs));
  }

  /** {@link changeInvisibleTime} with a parsed handle; the new handle starts at the message's own offset. */
  changeInvisibleTimeOf(group: string, topic: string, handle: ReceiptHandle, invisibleTimeMs: number, options: HandleOptions = {}): ReceiptHandle {
    const { queue, inFlight } = this.resolve(group, topic, handle, options);
    inFlight.startOffset = inFlight.offset;
    inFlight.popTime = Date.now();
    inFlight.invisibleTime = invisibleTimeMs;
    this.stateChanged = true;
    if (invisibleTimeMs === 0) this.polling.notify(queue.topic);
    return this.handleOf(queue, inFlight, handle.reviveQueueId);
  }

  /**
   * Reads up to `maxMsgNums` records without popping them (PEEK_MESSAGE): from where the next
   * pop of each queue would read, then the retry topic while there is room. No state changes.
   */
  async peek(group: string, topic: string, queueId: number, maxMsgNums: number): Promise<{ records: Buffer[]; restNum: number }> {
    const records: Buffer[] = [];
    let restNum = 0;
    for (const queue of this.queuesToRead(group, topic, queueId, false, Math.floor(Math.random() * 100))) {
      if (records.length >= maxMsgNums) break;
      const result = await this.deps.store.getMessage(group, queue.topic, queue.queueId, this.readPosition(queue), maxMsgNums - records.length);
      records.push(...result.messageBufferList);
      restNum += Math.max(0, result.maxOffset - result.nextBeginOffset);
    }
    return { records, restNum };
  }

  /** Copies a popped message to `%DLQ%<group>` and acks it. */
  async forwardToDeadLetterQueue(group: string, topic: string, receiptHandle: string): Promise<void> {
    const { queue, inFlight } = this.resolve(group, topic, parseHandle(receiptHandle), {});
    const message = await this.deps.store.lookMessageByOffset(inFlight.commitLogOffset);
    if (!message) throw new MQError(ResponseCode.SYSTEM_ERROR, `message at commit-log offset ${inFlight.commitLogOffset} is gone`);
    await this.putToDeadLetterQueue(group, parsePopRetryTopic(message.topic, group), message);
    queue.inFlight.delete(inFlight.offset);
    this.commit(queue);
  }

  private resolve(group: string, topic: string, handle: ReceiptHandle, options: HandleOptions): { queue: PopQueue; inFlight: InFlightMessage } {
    const realTopic = handle.topicType === PopTopicType.NORMAL ? topic : buildPopRetryTopic(topic, group, handle.topicType === PopTopicType.RETRY_V2);
    const queue = this.queues.get(queueKey(realTopic, group, handle.queueId));
    const inFlight = queue?.inFlight.get(handle.offset);
    if (!queue || !inFlight || inFlight.reviving || inFlight.popTime !== handle.retrieveTime || inFlight.invisibleTime !== handle.invisibleTime) {
      throw new InvalidReceiptHandleError(ResponseCode.NO_MESSAGE, 'receipt handle is stale (acked, changed or redelivered)');
    }
    if (!options.allowExpired && handleExpiry(handle) <= Date.now()) throw new InvalidReceiptHandleError(ResponseCode.NO_MESSAGE, 'receipt handle is expired');
    return { queue, inFlight };
  }

  private async popOnce(request: PopRequest): Promise<PopBatch> {
    const ctx: PopContext = {
      request,
      popTime: Date.now(),
      reviveQueueId: request.fifo ? POP_ORDER_REVIVE_QUEUE : this.reviveCounter++ % this.deps.reviveQueueNum,
    };
    const max = Math.min(request.maxMsgNums, POP_MAX_BATCH);
    const messages: PoppedMessage[] = [];
    const queues: PoppedQueue[] = [];
    let restNum = 0;
    for (const queue of this.queuesToRead(request.group, request.topic, request.queueId ?? -1, request.fifo, Math.floor(Math.random() * 100))) {
      if (messages.length >= max) break;
      const read = await this.popQueue(queue, ctx, max - messages.length);
      messages.push(...read.messages);
      if (read.queue) queues.push(read.queue);
      restNum += read.rest;
    }
    return { popTime: ctx.popTime, invisibleTime: request.invisibleTimeMs, reviveQueueId: ctx.reviveQueueId, messages, queues, restNum, pollingFull: false };
  }

  /**
   * The queues a pop reads, in order: the requested queue (or every queue from `random`), with
   * the retry topic's queues after them, or first for `popFromRetryProbability`% of pops.
   * FIFO pops never read the retry topic.
   */
  private queuesToRead(group: string, topic: string, queueId: number, fifo: boolean, random: number): PopQueue[] {
    const topicConfig = this.deps.topicConfigManager.selectTopicConfig(topic);
    if (!topicConfig) throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `topic[${topic}] not exist`);
    const ids = queueId >= 0 ? [queueId] : rotate(Array.from({ length: topicConfig.readQueueNums }, (_, id) => id), random);
    const normal = ids.map((id) => this.queue(topic, group, id, PopTopicType.NORMAL));
    const retry = fifo ? [] : this.retryQueues(buildPopRetryTopic(topic, group), group);
    return random < POP_FROM_RETRY_PROBABILITY ? [...retry, ...normal] : [...normal, ...retry];
  }

  private retryQueues(retryTopic: string, group: string): PopQueue[] {
    const config = this.deps.topicConfigManager.selectTopicConfig(retryTopic);
    if (!config) return [];
    return Array.from({ length: config.readQueueNums }, (_, id) => this.queue(retryTopic, group, id, PopTopicType.RETRY_V1));
  }

  private queue(topic: string, group: string, queueId: number, topicType: number): PopQueue {
    const key = queueKey(topic, group, queueId);
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = new PopQueue(group, topic, queueId, topicType)));
    return queue;
  }

  private async popQueue(queue: PopQueue, ctx: PopContext, max: number): Promise<QueueRead> {
    if (queue.busy) return NOTHING_READ;
    queue.busy = true;
    queue.fifo = ctx.request.fifo;
    try {
      if (ctx.request.fifo && queue.inFlight.size > 0) return await this.popFifoAgain(queue, ctx);
      return await this.popNew(queue, ctx, max);
    } finally {
      queue.busy = false;
    }
  }

  /** FIFO queue with a batch outstanding: blocked, or that batch again (same attempt, or expired). */
  private async popFifoAgain(queue: PopQueue, ctx: PopContext): Promise<QueueRead> {
    const { request } = ctx;
    if (queue.isBlocked(ctx.popTime, request.attemptId)) return NOTHING_READ;
    const sameAttempt = request.attemptId !== undefined && request.attemptId === queue.lastAttemptId;
    const batch = [...queue.inFlight.values()].sort((a, b) => a.offset - b.offset);
    const startOffset = batch[0].offset;
    const delivered: Array<[PoppedMessage, InFlightMessage]> = [];
    for (const inFlight of batch) {
      const record = await this.deps.store.selectOneMessageByOffset(inFlight.commitLogOffset);
      if (!record) {
        queue.inFlight.delete(inFlight.offset);
        continue;
      }
      if (!sameAttempt) inFlight.deliveries += 1;
      inFlight.startOffset = startOffset;
      inFlight.popTime = ctx.popTime;
      inFlight.invisibleTime = request.invisibleTimeMs;
      const popped = await this.deliverOrBury(queue, ctx, record, inFlight);
      if (popped) delivered.push([popped, inFlight]);
    }
    queue.lastAttemptId = request.attemptId;
    this.commit(queue);
    return { ...describeRead(queue, startOffset, delivered), rest: 0 };
  }

  private async popNew(queue: PopQueue, ctx: PopContext, max: number): Promise<QueueRead> {
    const { request } = ctx;
    const startOffset = this.initOffset(queue, request.initMode ?? PopInitMode.MAX);
    const result = await this.deps.store.getMessage(request.group, queue.topic, queue.queueId, startOffset, max, undefined, request.filter ?? MATCH_ALL);
    queue.nextOffset = result.nextBeginOffset;
    const delivered: Array<[PoppedMessage, InFlightMessage]> = [];
    for (const record of result.messageBufferList) {
      const { message } = decodeStoredRecord(record);
      if (request.accepts && !request.accepts(message)) continue;
      const inFlight: InFlightMessage = {
        offset: message.queueOffset,
        commitLogOffset: message.commitLogOffset,
        startOffset,
        popTime: ctx.popTime,
        invisibleTime: request.invisibleTimeMs,
        deliveries: 1,
        reviving: false,
      };
      queue.inFlight.set(inFlight.offset, inFlight);
      const popped = await this.deliverOrBury(queue, ctx, record, inFlight, message);
      if (popped) delivered.push([popped, inFlight]);
    }
    if (request.fifo && delivered.length > 0) queue.lastAttemptId = request.attemptId;
    this.commit(queue);
    return { ...describeRead(queue, startOffset, delivered), rest: Math.max(0, result.maxOffset - result.nextBeginOffset) };
  }

  /** Hands the message out, or moves it to the DLQ when it was delivered too often. */
  private async deliverOrBury(
    queue: PopQueue,
    ctx: PopContext,
    record: Buffer,
    inFlight: InFlightMessage,
    message = decodeStoredRecord(record).message,
  ): Promise<PoppedMessage | undefined> {
    const { request } = ctx;
    const deliveryAttempt = message.reconsumeTimes + inFlight.deliveries;
    message.topic = parsePopRetryTopic(message.topic, request.group);
    if (request.maxDeliveryAttempts === undefined || deliveryAttempt <= request.maxDeliveryAttempts) {
      const receiptHandle = encodeReceiptHandle(this.handleOf(queue, inFlight, ctx.reviveQueueId));
      return { message, record, topicType: queue.topicType, receiptHandle, deliveryAttempt };
    }
    try {
      await this.putToDeadLetterQueue(request.group, message.topic, message);
      queue.inFlight.delete(inFlight.offset);
    } catch (error) {
      log.warn({ group: request.group, topic: message.topic, offset: inFlight.offset, err: error }, 'moving to DLQ failed; will retry');
    }
    return undefined;
  }

  private handleOf(queue: PopQueue, inFlight: InFlightMessage, reviveQueueId: number): ReceiptHandle {
    return {
      startOffset: inFlight.startOffset,
      retrieveTime: inFlight.popTime,
      invisibleTime: inFlight.invisibleTime,
      reviveQueueId,
      topicType: queue.topicType,
      brokerName: this.deps.brokerName,
      queueId: queue.queueId,
      offset: inFlight.offset,
      commitLogOffset: inFlight.commitLogOffset,
    };
  }

  /**
   * The read position: the committed offset, else (first pop of the group) the queue minimum
   * for retry topics, init mode MIN and young queues, the last message otherwise (MAX, §15.2).
   * The initial position is committed at once.
   */
  private initOffset(queue: PopQueue, initMode: number): number {
    if (queue.nextOffset !== undefined) return queue.nextOffset;
    const committed = this.deps.consumerOffsetManager.queryOffset(queue.group, queue.topic, queue.queueId);
    if (committed >= 0) return (queue.nextOffset = committed);
    const min = this.deps.store.getMinOffsetInQueue(queue.topic, queue.queueId);
    const max = this.deps.store.getMaxOffsetInQueue(queue.topic, queue.queueId);
    const fromMin = queue.topicType !== PopTopicType.NORMAL || initMode === PopInitMode.MIN || min <= 0;
    queue.nextOffset = fromMin ? min : Math.max(max - 1, 0);
    this.commit(queue);
    return queue.nextOffset;
  }

  /** Where the next pop of the queue reads, without initialising anything (peek). */
  private readPosition(queue: PopQueue): number {
    if (queue.nextOffset !== undefined) return queue.nextOffset;
    const committed = this.deps.consumerOffsetManager.queryOffset(queue.group, queue.topic, queue.queueId);
    return committed >= 0 ? committed : this.deps.store.getMinOffsetInQueue(queue.topic, queue.queueId);
  }

  private commit(queue: PopQueue): void {
    this.stateChanged = true;
    this.deps.consumerOffsetManager.commitOffset('POP', queue.group, queue.topic, queue.queueId, queue.commitOffset());
  }

  /** One pass of the revive scan, then a save of the state when it changed (not overlapping the previous pass). */
  private async reviveAndSave(): Promise<void> {
    if (this.reviving) return;
    this.reviving = this.reviveExpired()
      .then(() => this.saveState())
      .catch((error: unknown) => log.warn({ err: error }, 'revive pass failed'))
      .finally(() => (this.reviving = undefined));
    await this.reviving;
  }

  private async saveState(): Promise<void> {
    if (!this.stateChanged) return;
    this.stateChanged = false;
    if (!(await this.state.persist(this.queues.values()))) this.stateChanged = true;
  }

  /** Copies expired messages of non-FIFO queues to the retry topic; wakes pollers of unblocked FIFO queues. */
  private async reviveExpired(): Promise<void> {
    const now = Date.now();
    for (const queue of this.queues.values()) {
      const expired = queue.expired(now);
      if (expired.length === 0) continue;
      if (!queue.fifo) {
        for (const inFlight of expired) await this.revive(queue, inFlight);
      } else if (!queue.isBlocked(now, undefined)) {
        this.polling.notify(queue.topic);
      }
    }
  }

  private async revive(queue: PopQueue, inFlight: InFlightMessage): Promise<void> {
    inFlight.reviving = true;
    try {
      const original = await this.deps.store.lookMessageByOffset(inFlight.commitLogOffset);
      if (original) await this.putToRetryTopic(queue, original);
      queue.inFlight.delete(inFlight.offset);
      this.commit(queue);
    } catch (error) {
      log.warn({ group: queue.group, topic: queue.topic, offset: inFlight.offset, err: error }, 'revive failed; retrying later');
      inFlight.reviving = false;
      inFlight.popTime = Date.now();
      inFlight.invisibleTime = REVIVE_RETRY_DELAY_MS;
      this.stateChanged = true;
    }
  }

  private async putToRetryTopic(queue: PopQueue, original: MessageExt): Promise<void> {
    const originalTopic = parsePopRetryTopic(original.topic, queue.group);
    const retryTopic = buildPopRetryTopic(originalTopic, queue.group);
    this.deps.topicConfigManager.createTopicIfAbsent(retryTopic, 1, 6);
    const copy = this.copyOf(original, retryTopic);
    copy.reconsumeTimes = original.reconsumeTimes + 1;
    if (!copy.getProperty(MessageConst.PROPERTY_FIRST_POP_TIME)) copy.putProperty(MessageConst.PROPERTY_FIRST_POP_TIME, String(Date.now()));
    await this.put(copy);
  }

  private async putToDeadLetterQueue(group: string, originalTopic: string, message: MessageExt): Promise<void> {
    const dlqTopic = getDLQTopic(group);
    this.deps.topicConfigManager.createTopicIfAbsent(dlqTopic, 1, 6);
    const copy = this.copyOf(message, dlqTopic);
    copy.reconsumeTimes = message.reconsumeTimes;
    copy.putProperty(MessageConst.PROPERTY_DLQ_ORIGIN_TOPIC, originalTopic);
    copy.putProperty(MessageConst.PROPERTY_DLQ_ORIGIN_MESSAGE_ID, message.msgId);
    await this.put(copy);
  }

  private copyOf(original: MessageExt, topic: string): MessageExt {
    const copy = copyMessageTo(original, topic, 0);
    copy.bornHost = this.deps.storeHost;
    copy.storeHost = this.deps.storeHost;
    copy.putProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, original.msgId);
    return copy;
  }

  private async put(message: MessageExt): Promise<void> {
    const result = await this.deps.store.putMessage(message);
    if (!isPutStored(result.putMessageStatus)) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, `storing to ${message.topic} failed: ${result.putMessageStatus}`);
    }
  }
}

function parseHandle(receiptHandle: string): ReceiptHandle {
  const handle = decodeReceiptHandle(receiptHandle);
  if (!handle) throw new InvalidReceiptHandleError(ResponseCode.NO_MESSAGE, `receipt handle is malformed: ${receiptHandle}`);
  return handle;
}

/** The response entries of what a pop delivered from one queue. */
function describeRead(queue: PopQueue, startOffset: number, delivered: ReadonlyArray<[PoppedMessage, InFlightMessage]>): Omit<QueueRead, 'rest'> {
  const messages = delivered.map(([popped]) => popped);
  if (messages.length === 0) return { messages };
  return {
    messages,
    queue: {
      topicType: queue.topicType,
      queueId: queue.queueId,
      startOffset,
      offsets: delivered.map(([, inFlight]) => inFlight.offset),
      consumedCounts: delivered.map(([, inFlight]) => inFlight.deliveries - 1),
    },
  };
}

function queueKey(topic: string, group: string, queueId: number): string {
  return `${topic}@${group}@${queueId}`;
}

function rotate<T>(items: T[], start: number): T[] {
  if (items.length === 0) return items;
  const at = start % items.length;
  return [...items.slice(at), ...items.slice(0, at)];
}

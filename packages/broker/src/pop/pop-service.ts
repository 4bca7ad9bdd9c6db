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
import { isPutStored, MATCH_ALL, type MessageFilter, type MessageStore } from '@mq/store';
import { copyMessageTo } from '../message/inner-message';
import type { ConsumerOffsetManager } from '../offset/consumer-offset-manager';
import type { TopicConfigManager } from '../topic/topic-config-manager';
import { PopLongPolling } from './pop-long-polling';
import { PopQueue, type InFlightMessage } from './pop-queue';
import { PopStateStore } from './pop-state-store';
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

/** One POP_MESSAGE. */
export interface PopRequest {
  readonly group: string;
  readonly topic: string;
  readonly maxMsgNums: number;
  readonly invisibleTimeMs: number;
  /** How long to wait for messages when none is ready; 0 answers at once. */
  readonly pollTimeMs: number;
  /** Consume-queue (tags code) filter. */
  readonly filter?: MessageFilter;
  /** Exact tag check after decoding (hash collisions); messages failing it are dropped as acked. */
  readonly accepts?: (message: MessageExt) => boolean;
  /** Order pop: one batch in flight per queue, redelivered in place (no retry topic). */
  readonly fifo: boolean;
  readonly attemptId?: string;
  /** Messages delivered this many times or more go to `%DLQ%<group>` instead. */
  readonly maxDeliveryAttempts?: number;
  readonly signal?: AbortSignal;
}

/** A message handed out by a pop. */
export interface PoppedMessage {
  /** The stored message; `topic` is the original topic even when read from the retry topic. */
  readonly message: MessageExt;
  readonly receiptHandle: string;
  /** 1 on first delivery. */
  readonly deliveryAttempt: number;
}

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
    const retryTopic = buildPopRetryTopic(request.topic, request.group);
    const watched = [request.topic, retryTopic];
    const deadline = Date.now() + request.pollTimeMs;
    for (;;) {
      const versions = this.polling.snapshot(watched);
      const popped = await this.popOnce(request, retryTopic);
      if (popped.length > 0 || Date.now() >= deadline || request.signal?.aborted) return popped;
      await this.polling.wait(watched, versions, deadline, request.signal);
    }
  }

  /** Acks a popped message; throws {@link InvalidReceiptHandleError} for stale or expired handles. */
  ack(group: string, topic: string, receiptHandle: string): void {
    const { queue, inFlight } = this.resolve(group, topic, receiptHandle);
    queue.inFlight.delete(inFlight.offset);
    this.commit(queue);
    if (queue.inFlight.size === 0) this.polling.notify(queue.topic);
  }

  /**
   * Makes a popped message invisible for `invisibleTimeMs` from now and returns its new handle;
   * the old handle becomes stale.
   */
  changeInvisibleTime(group: string, topic: string, receiptHandle: string, invisibleTimeMs: number): string {
    const { queue, inFlight, handle } = this.resolve(group, topic, receiptHandle);
    inFlight.startOffset = inFlight.offset;
    inFlight.popTime = Date.now();
    inFlight.invisibleTime = invisibleTimeMs;
    this.stateChanged = true;
    if (invisibleTimeMs === 0) this.polling.notify(queue.topic);
    return this.handleOf(queue, inFlight, handle.reviveQueueId);
  }

  /** Copies a popped message to `%DLQ%<group>` and acks it. */
  async forwardToDeadLetterQueue(group: string, topic: string, receiptHandle: string): Promise<void> {
    const { queue, inFlight } = this.resolve(group, topic, receiptHandle);
    const message = await this.deps.store.lookMessageByOffset(inFlight.commitLogOffset);
    if (!message) throw new MQError(ResponseCode.SYSTEM_ERROR, `message at commit-log offset ${inFlight.commitLogOffset} is gone`);
    await this.putToDeadLetterQueue(group, parsePopRetryTopic(message.topic, group), message);
    queue.inFlight.delete(inFlight.offset);
    this.commit(queue);
  }

  private resolve(group: string, topic: string, receiptHandle: string): { queue: PopQueue; inFlight: InFlightMessage; handle: ReceiptHandle } {
    const handle = decodeReceiptHandle(receiptHandle);
    if (!handle) throw new InvalidReceiptHandleError(ResponseCode.NO_MESSAGE, `receipt handle is malformed: ${receiptHandle}`);
    const realTopic = handle.topicType === PopTopicType.NORMAL ? topic : buildPopRetryTopic(topic, group, handle.topicType === PopTopicType.RETRY_V2);
    const queue = this.queues.get(queueKey(realTopic, group, handle.queueId));
    const inFlight = queue?.inFlight.get(handle.offset);
    if (!queue || !inFlight || inFlight.reviving || inFlight.popTime !== handle.retrieveTime || inFlight.invisibleTime !== handle.invisibleTime) {
      throw new InvalidReceiptHandleError(ResponseCode.NO_MESSAGE, 'receipt handle is stale (acked, changed or redelivered)');
    }
    if (handleExpiry(handle) <= Date.now()) throw new InvalidReceiptHandleError(ResponseCode.NO_MESSAGE, 'receipt handle is expired');
    return { queue, inFlight, handle };
  }

  private async popOnce(request: PopRequest, retryTopic: string): Promise<PoppedMessage[]> {
    const topicConfig = this.deps.topicConfigManager.selectTopicConfig(request.topic);
    if (!topicConfig) throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `topic[${request.topic}] not exist`);
    const max = Math.min(request.maxMsgNums, POP_MAX_BATCH);
    const normal = rotate(
      Array.from({ length: topicConfig.readQueueNums }, (_, id) => this.queue(request.topic, request.group, id, PopTopicType.NORMAL)),
      Math.floor(Math.random() * 100),
    );
    const retry = request.fifo ? [] : this.retryQueues(retryTopic, request.group);
    const retryFirst = retry.length > 0 && Math.random() * 100 < POP_FROM_RETRY_PROBABILITY;
    const order = retryFirst ? [...retry, ...normal] : [...normal, ...retry];
    const popped: PoppedMessage[] = [];
    for (const queue of order) {
      if (popped.length >= max) break;
      popped.push(...(await this.popQueue(queue, request, max - popped.length)));
    }
    return popped;
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

  private async popQueue(queue: PopQueue, request: PopRequest, max: number): Promise<PoppedMessage[]> {
    if (queue.busy) return [];
    queue.busy = true;
    queue.fifo = request.fifo;
    try {
      const now = Date.now();
      if (request.fifo && queue.inFlight.size > 0) return await this.popFifoAgain(queue, request, now);
      return await this.popNew(queue, request, max, now);
    } finally {
      queue.busy = false;
    }
  }

  /** FIFO queue with a batch outstanding: blocked, or that batch again (same attempt, or expired). */
  private async popFifoAgain(queue: PopQueue, request: PopRequest, now: number): Promise<PoppedMessage[]> {
    if (queue.isBlocked(now, request.attemptId)) return [];
    const sameAttempt = request.attemptId !== undefined && request.attemptId === queue.lastAttemptId;
    const popped: PoppedMessage[] = [];
    for (const inFlight of [...queue.inFlight.values()].sort((a, b) => a.offset - b.offset)) {
      const message = await this.deps.store.lookMessageByOffset(inFlight.commitLogOffset);
      if (!message) {
        queue.inFlight.delete(inFlight.offset);
        continue;
      }
      if (!sameAttempt) inFlight.deliveries += 1;
      inFlight.popTime = now;
      inFlight.invisibleTime = request.invisibleTimeMs;
      const delivered = await this.deliverOrBury(queue, request, message, inFlight);
      if (delivered) popped.push(delivered);
    }
    queue.lastAttemptId = request.attemptId;
    this.commit(queue);
    return popped;
  }

  private async popNew(queue: PopQueue, request: PopRequest, max: number, now: number): Promise<PoppedMessage[]> {
    const startOffset = this.initOffset(queue);
    const result = await this.deps.store.getMessage(request.group, queue.topic, queue.queueId, startOffset, max, undefined, request.filter ?? MATCH_ALL);
    queue.nextOffset = result.nextBeginOffset;
    const popped: PoppedMessage[] = [];
    for (const record of result.messageBufferList) {
      const { message } = decodeStoredRecord(record);
      if (request.accepts && !request.accepts(message)) continue;
      const inFlight: InFlightMessage = {
        offset: message.queueOffset,
        commitLogOffset: message.commitLogOffset,
        startOffset,
        popTime: now,
        invisibleTime: request.invisibleTimeMs,
        deliveries: 1,
        reviving: false,
      };
      queue.inFlight.set(inFlight.offset, inFlight);
      const delivered = await this.deliverOrBury(queue, request, message, inFlight);
      if (delivered) popped.push(delivered);
    }
    if (request.fifo && popped.length > 0) queue.lastAttemptId = request.attemptId;
    this.commit(queue);
    return popped;
  }

  /** Hands the message out, or moves it to the DLQ when it was delivered too often. */
  private async deliverOrBury(queue: PopQueue, request: PopRequest, message: MessageExt, inFlight: InFlightMessage): Promise<PoppedMessage | undefined> {
    const deliveryAttempt = message.reconsumeTimes + inFlight.deliveries;
    message.topic = parsePopRetryTopic(message.topic, request.group);
    if (request.maxDeliveryAttempts === undefined || deliveryAttempt <= request.maxDeliveryAttempts) {
      const reviveQueueId = request.fifo ? POP_ORDER_REVIVE_QUEUE : this.reviveCounter++ % this.deps.reviveQueueNum;
      return { message, receiptHandle: this.handleOf(queue, inFlight, reviveQueueId), deliveryAttempt };
    }
    try {
      await this.putToDeadLetterQueue(request.group, message.topic, message);
      queue.inFlight.delete(inFlight.offset);
    } catch (error) {
      log.warn({ group: request.group, topic: message.topic, offset: inFlight.offset, err: error }, 'moving to DLQ failed; will retry');
    }
    return undefined;
  }

  private handleOf(queue: PopQueue, inFlight: InFlightMessage, reviveQueueId: number): string {
    return encodeReceiptHandle({
      startOffset: inFlight.startOffset,
      retrieveTime: inFlight.popTime,
      invisibleTime: inFlight.invisibleTime,
      reviveQueueId,
      topicType: queue.topicType,
      brokerName: this.deps.brokerName,
      queueId: queue.queueId,
      offset: inFlight.offset,
      commitLogOffset: inFlight.commitLogOffset,
    });
  }

  /**
   * The read position: the committed offset, else (first pop of the group) the queue minimum for
   * retry topics and young queues, the last message otherwise (init mode MAX, §15.2).
   */
  private initOffset(queue: PopQueue): number {
    if (queue.nextOffset !== undefined) return queue.nextOffset;
    const committed = this.deps.consumerOffsetManager.queryOffset(queue.group, queue.topic, queue.queueId);
    if (committed >= 0) return (queue.nextOffset = committed);
    const min = this.deps.store.getMinOffsetInQueue(queue.topic, queue.queueId);
    const max = this.deps.store.getMaxOffsetInQueue(queue.topic, queue.queueId);
    queue.nextOffset = queue.topicType !== PopTopicType.NORMAL || min <= 0 ? min : Math.max(max - 1, 0);
    this.commit(queue);
    return queue.nextOffset;
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

function queueKey(topic: string, group: string, queueId: number): string {
  return `${topic}@${group}@${queueId}`;
}

function rotate<T>(items: T[], start: number): T[] {
  if (items.length === 0) return items;
  const at = start % items.length;
  return [...items.slice(at), ...items.slice(0, at)];
}

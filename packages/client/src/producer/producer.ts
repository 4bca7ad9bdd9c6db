import {
  MQError,
  checkClientGroup,
  createUniqueMessageId,
  getLogger,
  type Message,
  type MessageExt,
  type MessageQueue,
} from '@mq/common';
import { ResponseCode, SendMessageResponseHeader, type RemotingCommand, type TopicRouteData } from '@mq/remoting';
import { ClientErrorCode } from '../client-error-code';
import type { ProducerMember } from '../instance/client-members';
import { MQClientInstance } from '../instance/mq-client-instance';
import { splitBatch } from './batch-splitter';
import { LatencyFaultTolerance } from './latency-fault-tolerance';
import { validateMessage } from './message-validator';
import { resolveProducerSettings, type ProducerOptions, type ResolvedProducerSettings } from './producer-options';
import { prepareRequestMessage } from './request-reply';
import { buildRecallRequest, checkRecallArguments, recalledMessageId } from './recall-message';
import { selectMessageQueueByHash, type MessageQueueSelector } from './queue-selector';
import { batchPayload, buildSendRequest, singlePayload, type SendPayload } from './send-request';
import { sendStatusOf, type SendResult } from './send-result';
import { TopicPublishInfo } from './topic-publish-info';
import { ProducerTracer } from '../trace/producer-tracer';
import { createTraceDispatcher } from '../trace/trace-dispatcher-factory';

/** Per-call options of {@link Producer.send}. */
export interface SendOptions<A = unknown> {
  /** Overrides `sendMsgTimeoutMs` for this call. */
  timeoutMs?: number;
  /** Aborting stops further attempts and rejects with MQError(RPC_UNKNOWN). */
  signal?: AbortSignal;
  /** Send to exactly this queue (one attempt). */
  queue?: MessageQueue;
  /** Ordered send: pick the queue with this selector and `arg` (one attempt). */
  selector?: MessageQueueSelector<A>;
  arg?: A;
}

/** Broker codes after which a synchronous send is tried again (Java's retry set). */
const RETRY_RESPONSE_CODES: ReadonlySet<number> = new Set([
  ResponseCode.TOPIC_NOT_EXIST,
  ResponseCode.SERVICE_NOT_AVAILABLE,
  ResponseCode.SYSTEM_ERROR,
  ResponseCode.SYSTEM_BUSY,
  ResponseCode.NO_PERMISSION,
  ResponseCode.NO_BUYER_ID,
  ResponseCode.NOT_IN_CURRENT_UNIT,
  ResponseCode.GO_AWAY,
]);

const log = getLogger('Producer');

/**
 * Sends messages to RocketMQ (Java's `DefaultMQProducer`): round-robin queue selection,
 * retries on another broker, optional latency fault tolerance, compression, batches,
 * ordered sends and one-way sends.
 *
 * ```ts
 * const producer = new Producer({ namesrvAddr: '127.0.0.1:9876', group: 'PG' });
 * await producer.start();
 * const result = await producer.send(new Message('TopicTest', Buffer.from('hi'), { tags: 'TagA' }));
 * await producer.shutdown();
 * ```
 */
export class Producer implements ProducerMember {
  readonly group: string;
  protected readonly settings: ResolvedProducerSettings;
  protected readonly instance: MQClientInstance;
  private readonly publishInfos = new Map<string, TopicPublishInfo>();
  private readonly faults = new LatencyFaultTolerance();
  private state: 'created' | 'running' | 'stopped' = 'created';
  /** Trace hooks; undefined unless `enableTrace`. */
  protected readonly tracer: ProducerTracer | undefined;

  constructor(options: ProducerOptions = {}) {
    this.settings = resolveProducerSettings(options);
    this.group = this.settings.group;
    this.instance = MQClientInstance.acquire(options);
    const traceDispatcher = createTraceDispatcher(options, this.group, 'PRODUCE', (traceOptions) => new Producer(traceOptions));
    this.tracer = traceDispatcher && new ProducerTracer(traceDispatcher, this.group);
  }

  /** The id brokers know this producer's client by (`ip@instanceName`). */
  get clientId(): string {
    return this.instance.clientId;
  }

  /** Registers with the shared client instance and heartbeats to known brokers. */
  async start(): Promise<void> {
    if (this.state === 'running') return;
    if (this.state === 'stopped') throw new MQError(ResponseCode.SYSTEM_ERROR, 'the producer has been shut down and cannot be restarted; create a new one');
    checkClientGroup(this.group);
    if (!this.instance.registerProducer(this)) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, `The producer group[${this.group}] has been created before, specify another name please.`);
    }
    this.instance.start();
    this.state = 'running';
    await this.instance.sendHeartbeatToAllBrokers();
    await this.tracer?.dispatcher.start();
  }

  /** Unregisters from every broker and releases the client instance. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.state !== 'running') {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopped';
    await this.instance.unregisterProducer(this.group);
    await this.tracer?.dispatcher.shutdown();
  }

  /** Sends one message and resolves once a broker answered. */
  async send<A>(message: Message, options: SendOptions<A> = {}): Promise<SendResult> {
    this.ensureRunning();
    validateMessage(message, this.settings.maxMessageSize);
    this.ensureUniqKey(message);
    const payload = singlePayload(message, this.settings);
    const queue = options.queue ?? (await this.selectFixedQueue(message, options));
    if (queue) return this.sendOnce(payload, queue, this.timeoutOf(options), options.signal);
    return this.sendWithRetries(payload, options);
  }

  /** Sends without waiting for an answer (no retries, no result). */
  async sendOneway(message: Message, options: Pick<SendOptions, 'queue'> = {}): Promise<void> {
    this.ensureRunning();
    validateMessage(message, this.settings.maxMessageSize);
    this.ensureUniqKey(message);
    const payload = singlePayload(message, this.settings);
    const mq = options.queue ?? (await this.publishInfoOf(message.topic)).selectOneQueue();
    const request = buildSendRequest(payload, mq, this.settings).markOneway();
    await this.instance.api.remoting.invokeOneway(this.brokerAddressOf(mq), request);
  }

  /**
   * Request/reply: sends `message` with a CORRELATION_ID and resolves with the reply a
   * consumer sent back through `createReplyMessage` (pushed to this client by the broker).
   * Rejects with REQUEST_TIMEOUT_EXCEPTION when no reply arrives within `timeoutMs`.
   */
  async request(message: Message, timeoutMs: number): Promise<MessageExt> {
    this.ensureRunning();
    validateMessage(message, this.settings.maxMessageSize);
    // The broker pushes the reply over the connection this client heartbeats on, so make
    // sure the brokers of the topic know this client before the request goes out.
    await this.publishInfoOf(message.topic);
    await this.instance.sendHeartbeatToAllBrokers();
    const correlationId = prepareRequestMessage(message, this.clientId, timeoutMs);
    const reply = this.instance.pendingReplies.wait(correlationId, timeoutMs);
    try {
      await this.send(message, { timeoutMs });
    } catch (error) {
      this.instance.pendingReplies.fail(correlationId, error as Error);
    }
    return reply;
  }

  /**
   * Sends messages of one topic as batches, split so each batch body stays under
   * `maxMessageSize`. Resolves with one result per batch, in order.
   */
  async sendBatch(messages: readonly Message[], options: Pick<SendOptions, 'timeoutMs' | 'signal' | 'queue'> = {}): Promise<SendResult[]> {
    this.ensureRunning();
    if (messages.length === 0) throw new MQError(ResponseCode.MESSAGE_ILLEGAL, 'the batch is empty');
    const topic = messages[0]!.topic;
    for (const message of messages) {
      validateMessage(message, this.settings.maxMessageSize);
      if (message.topic !== topic) throw new MQError(ResponseCode.MESSAGE_ILLEGAL, 'The topic of the messages in one batch should be the same');
      if (message.delayTimeLevel > 0) throw new MQError(ResponseCode.MESSAGE_ILLEGAL, 'TimeDelayLevel is not supported for batching');
      if (message.topic.startsWith('%RETRY%')) throw new MQError(ResponseCode.MESSAGE_ILLEGAL, 'Retry Group is not supported for batching');
      this.ensureUniqKey(message);
    }
    const results: SendResult[] = [];
    for (const batch of splitBatch(messages, this.settings.maxMessageSize)) {
      const payload = batchPayload(topic, batch);
      results.push(
        options.queue ? await this.sendOnce(payload, options.queue, this.timeoutOf(options), options.signal) : await this.sendWithRetries(payload, options),
      );
    }
    return results;
  }

  /**
   * Recalls (cancels) a timer message that has not been delivered yet (Java's
   * `DefaultMQProducer.recallMessage`): RECALL_MESSAGE to the broker named in the handle.
   * The broker must run with `recallMessageEnable=true`.
   * @param topic the message's topic
   * @param recallHandle `SendResult.recallHandle` of the timer message's send
   * @returns the recalled message's id (its `msgId`)
   * @throws MQError CLIENT_PARAMETER_CHECK_ERROR for a bad topic or handle; the broker's code
   *   when it refuses, e.g. NO_PERMISSION (recall disabled), TOPIC_NOT_EXIST, ILLEGAL_OPERATION
   *   (handle of another topic or broker, or the message was already delivered).
   */
  async recallMessage(topic: string, recallHandle: string): Promise<string> {
    this.ensureRunning();
    const handle = checkRecallArguments(topic, recallHandle);
    if (!this.instance.findBrokerAddressInPublish(handle.brokerName)) await this.instance.updateTopicRoute(topic);
    const addr = this.instance.findBrokerAddressInPublish(handle.brokerName) ?? this.instance.findAnyBrokerAddressOf(topic);
    if (!addr) throw new MQError(ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION, `The broker service address not found: ${handle.brokerName}`);
    const request = buildRecallRequest(this.group, topic, recallHandle, handle);
    let response: RemotingCommand;
    try {
      response = await this.instance.api.remoting.invoke(addr, request, this.settings.sendMsgTimeoutMs);
    } catch (error) {
      throw asClientError(error, addr);
    }
    return recalledMessageId(response, addr);
  }

  /** The writeable queues of a topic, from its route. */
  async fetchPublishQueues(topic: string): Promise<readonly MessageQueue[]> {
    return (await this.publishInfoOf(topic)).queues;
  }

  publishTopics(): Iterable<string> {
    return this.publishInfos.keys();
  }

  onTopicRouteChanged(topic: string, route: TopicRouteData): void {
    if (this.publishInfos.has(topic)) this.publishInfos.set(topic, new TopicPublishInfo(topic, route));
  }

  protected ensureRunning(): void {
    if (this.state !== 'running') {
      throw new MQError(ResponseCode.SYSTEM_ERROR, `The producer service state not OK, ${this.state === 'created' ? 'call start() first' : 'it has been shut down'}`);
    }
  }

  protected timeoutOf(options: { timeoutMs?: number }): number {
    return options.timeoutMs ?? this.settings.sendMsgTimeoutMs;
  }

  private ensureUniqKey(message: Message): void {
    if (!message.uniqKey) message.uniqKey = createUniqueMessageId();
  }

  private async selectFixedQueue<A>(message: Message, options: SendOptions<A>): Promise<MessageQueue | undefined> {
    if (options.selector) {
      const info = await this.publishInfoOf(message.topic);
      return options.selector(info.queues, message, options.arg as A);
    }
    if (message.shardingKey) {
      const info = await this.publishInfoOf(message.topic);
      return selectMessageQueueByHash(info.queues, message, message.shardingKey);
    }
    return undefined;
  }

  /** Java's `sendDefaultImpl` for SYNC: up to 1 + retryTimesWhenSendFailed attempts within the time budget. */
  private async sendWithRetries(payload: SendPayload, options: Pick<SendOptions, 'timeoutMs' | 'signal'>): Promise<SendResult> {
    const timeoutMs = this.timeoutOf(options);
    const startedAt = Date.now();
    const info = await this.publishInfoOf(payload.message.topic);
    const attempts = 1 + this.settings.retryTimesWhenSendFailed;
    const brokersSent: string[] = [];
    let lastError: unknown;
    let lastBroker: string | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const elapsed = Date.now() - startedAt;
      if (elapsed >= timeoutMs) {
        lastError = new MQError(ClientErrorCode.ACCESS_BROKER_TIMEOUT, `sendDefaultImpl call timeout after ${elapsed}ms`);
        break;
      }
      const mq = this.settings.sendLatencyFaultEnable ? info.selectWithFaultTolerance(this.faults, lastBroker) : info.selectOneQueue(lastBroker);
      lastBroker = mq.brokerName;
      brokersSent.push(mq.brokerName);
      const attemptStart = Date.now();
      try {
        const result = await this.sendOnce(payload, mq, timeoutMs - elapsed, options.signal);
        this.recordLatency(mq.brokerName, Date.now() - attemptStart, false);
        if (result.status !== 'SEND_OK' && this.settings.retryAnotherBrokerWhenNotStoreOK) continue;
        return result;
      } catch (error) {
        this.recordLatency(mq.brokerName, Date.now() - attemptStart, true);
        lastError = error;
        if (options.signal?.aborted || !isRetriable(error)) throw error;
        log.warn({ topic: mq.topic, broker: mq.brokerName, attempt, err: (error as Error).message }, 'send failed, retrying');
        this.instance.updateTopicRoute(mq.topic).catch(() => undefined);
      }
    }
    const cost = Date.now() - startedAt;
    throw new MQError(
      lastError instanceof MQError ? lastError.code : ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION,
      `Send [${brokersSent.length}] times, still failed, cost [${cost}]ms, Topic: ${payload.message.topic}, BrokersSent: [${brokersSent.join(', ')}]: ${(lastError as Error | undefined)?.message ?? ''}`,
      { cause: lastError },
    );
  }

  /** One attempt to one queue; broker failures become MQError with the broker's code. */
  protected async sendOnce(payload: SendPayload, mq: MessageQueue, timeoutMs: number, signal?: AbortSignal, requestCode?: number): Promise<SendResult> {
    const addr = this.brokerAddressOf(mq);
    const request = buildSendRequest(payload, mq, this.settings, requestCode);
    const startedAt = this.tracer ? Date.now() : 0;
    let response: RemotingCommand;
    try {
      response = await this.instance.api.remoting.invoke(addr, request, timeoutMs, { signal });
    } catch (error) {
      throw asClientError(error, addr);
    }
    const status = sendStatusOf(response.code);
    if (!status) throw new MQError(response.code, `broker ${addr} refused the message: ${response.remark ?? `code ${response.code}`}`);
    const header = SendMessageResponseHeader.decode(response.extFields);
    const result: SendResult = {
      status,
      msgId: payload.batch ? batchUniqKeys(payload) : (payload.message.uniqKey ?? header.msgId),
      offsetMsgId: header.msgId,
      messageQueue: mq,
      queueOffset: header.queueOffset,
      transactionId: header.transactionId,
      recallHandle: header.recallHandle,
      regionId: header.msgRegion ?? 'DefaultRegion',
      traceOn: header.traceOn !== 'false',
    };
    this.tracer?.tracePub({ message: payload.message, bodyLength: payload.body.length, brokerAddr: addr, result, startedAt });
    return result;
  }

  /** The topic's publish info: cached, else fetched; through `createTopicKey` when the topic has no route. */
  protected async publishInfoOf(topic: string): Promise<TopicPublishInfo> {
    const cached = this.publishInfos.get(topic);
    if (cached?.ok) return cached;
    const route = (await this.instance.updateTopicRoute(topic)) ?? (await this.defaultTopicRoute());
    const info = route ? new TopicPublishInfo(topic, route) : undefined;
    if (!info?.ok) {
      throw new MQError(ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION, `No route info of this topic: ${topic}; create it (mqadmin updateTopic) or enable autoCreateTopicEnable on the broker`);
    }
    this.publishInfos.set(topic, info);
    return info;
  }

  private async defaultTopicRoute(): Promise<TopicRouteData | undefined> {
    const route = await this.instance.updateTopicRoute(this.settings.createTopicKey);
    if (!route) return undefined;
    const queueNums = (count: number) => Math.min(this.settings.defaultTopicQueueNums, count);
    return {
      ...route,
      queueDatas: route.queueDatas.map((queueData) => ({ ...queueData, readQueueNums: queueNums(queueData.readQueueNums), writeQueueNums: queueNums(queueData.writeQueueNums) })),
    };
  }

  protected brokerAddressOf(mq: MessageQueue): string {
    const addr = this.instance.findBrokerAddressInPublish(mq.brokerName);
    if (!addr) throw new MQError(ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION, `The broker[${mq.brokerName}] not exist`);
    return addr;
  }

  private recordLatency(brokerName: string, latencyMs: number, isolation: boolean): void {
    if (this.settings.sendLatencyFaultEnable) this.faults.updateFaultItem(brokerName, latencyMs, isolation);
  }
}

/** A batch's result id: the UNIQ_KEYs of its messages joined by commas, as Java reports it. */
function batchUniqKeys(payload: SendPayload): string {
  return (payload.batchMessages ?? []).map((message) => message.uniqKey ?? '').join(',');
}

function isRetriable(error: unknown): boolean {
  if (!(error instanceof MQError)) return true;
  return error.code < 0 || error.code >= ClientErrorCode.CONNECT_BROKER_EXCEPTION || RETRY_RESPONSE_CODES.has(error.code);
}

function asClientError(error: unknown, addr: string): MQError {
  if (!(error instanceof MQError)) return new MQError(ClientErrorCode.CONNECT_BROKER_EXCEPTION, `send to ${addr} failed: ${String(error)}`);
  if (error.code === ResponseCode.RPC_TIME_OUT) return new MQError(ClientErrorCode.ACCESS_BROKER_TIMEOUT, error.message, { cause: error });
  if (error.code === ResponseCode.RPC_SEND_TO_CHANNEL_FAILED) return new MQError(ClientErrorCode.CONNECT_BROKER_EXCEPTION, error.message, { cause: error });
  return error;
}

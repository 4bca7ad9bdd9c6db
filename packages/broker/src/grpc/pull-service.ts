import { decodeStoredRecord, isReadable } from '@mq/common';
import { GetMessageStatus, type GetMessageResult } from '@mq/store';
import type { BrokerContext } from '../broker-context';
import type { CallContext } from './call-context';
import { toMillis } from './durations';
import { toGrpcMessage } from './message-codec';
import { requireGroup, requireTopic } from './name-validation';
import { receiveFilter, type ReceiveFilter } from './receive-filter';
import { grpcError, OK_STATUS, status } from './status';
import {
  Code,
  QueryOffsetPolicy,
  type GetOffsetRequest,
  type Message,
  type MessageQueue,
  type OffsetResponse,
  type PullMessageRequest,
  type PullMessageResponse,
  type QueryOffsetRequest,
  type StatusResponse,
  type UpdateOffsetRequest,
} from './types';

/** Largest batch of one PullMessage (the broker's `maxTransferCountOnMessageInMemory`). */
const MAX_PULL_BATCH = 32;
/** The stream must end before the client's deadline: answer this much earlier. */
const DEADLINE_MARGIN_MS = 200;

/** Store outcomes that mean the requested offset is outside the queue. */
const OUT_OF_RANGE: ReadonlySet<GetMessageStatus> = new Set([GetMessageStatus.OFFSET_TOO_SMALL, GetMessageStatus.OFFSET_OVERFLOW_BADLY]);
/** Store outcomes of a queue without messages: the offset is wrong unless it is where the queue starts. */
const EMPTY_QUEUE: ReadonlySet<GetMessageStatus> = new Set([GetMessageStatus.NO_MESSAGE_IN_QUEUE, GetMessageStatus.NO_MATCHED_LOGIC_QUEUE]);

/** Writes one PullMessage stream element. */
export type PullWriter = (element: PullMessageResponse) => void;

/** A concrete queue of this broker named by a request. */
interface QueueRef {
  readonly topic: string;
  readonly queueId: number;
}

/** What one read of the queue answers. */
interface PullOutcome {
  readonly code: number;
  readonly messages: Message[];
  readonly nextOffset: number;
}

/**
 * The 5.x pull consumer's RPCs (spec §4.16; the reference proxy leaves them unimplemented):
 * PullMessage reads one queue from an offset, UpdateOffset/GetOffset keep the group's committed
 * offset (the same table as remoting consumers), QueryOffset finds the queue's bounds or the
 * offset at a time.
 */
export class PullService {
  constructor(private readonly ctx: BrokerContext) {}

  /**
   * Writes `{status}`, the messages (no receipt handles) and `{next_offset}`. OK with messages;
   * MESSAGE_NOT_FOUND after long-polling up to `long_polling_timeout` (bounded by the deadline)
   * when nothing new matched; ILLEGAL_OFFSET, with the corrected `next_offset`, for an offset
   * outside the queue.
   */
  async pullMessage(request: PullMessageRequest, call: CallContext, write: PullWriter, signal: AbortSignal): Promise<void> {
    const queue = this.readableQueue(request.message_queue);
    const group = this.existingGroup(request.group);
    const offset = request.offset ?? 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw grpcError(Code.ILLEGAL_OFFSET, `offset ${offset} is negative`);
    const filter = receiveFilter(request.filter_expression, this.ctx.config.enablePropertyFilter);
    const batch = Math.max(1, Math.min(request.batch_size ?? 1, MAX_PULL_BATCH));
    const deadline = Math.min(Date.now() + (toMillis(request.long_polling_timeout) ?? 0), Date.now() + this.ctx.config.grpcClientConsumerMaxLongPollingTimeoutMillis, call.deadline - DEADLINE_MARGIN_MS);
    let outcome = await this.read(group, queue, offset, batch, filter);
    while (outcome.code === Code.MESSAGE_NOT_FOUND && outcome.nextOffset === offset && Date.now() < deadline && !signal.aborted) {
      await this.waitForArrival(queue, offset, deadline, signal);
      outcome = await this.read(group, queue, offset, batch, filter);
    }
    if (signal.aborted) return;
    write({ status: outcome.code === Code.OK ? OK_STATUS : status(outcome.code) });
    for (const message of outcome.messages) write({ message });
    write({ next_offset: outcome.nextOffset });
  }

  /** Commits the group's offset of the queue; ILLEGAL_OFFSET outside `[0, max offset]`. */
  updateOffset(request: UpdateOffsetRequest, call: CallContext): StatusResponse {
    const queue = this.readableQueue(request.message_queue);
    const group = this.existingGroup(request.group);
    const offset = request.offset ?? 0;
    const max = this.ctx.store.getMaxOffsetInQueue(queue.topic, queue.queueId);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > max) {
      throw grpcError(Code.ILLEGAL_OFFSET, `offset ${offset} is outside queue ${queue.topic}:${queue.queueId} [0, ${max}]`);
    }
    this.ctx.consumerOffsetManager.commitOffset(call.peer, group, queue.topic, queue.queueId, offset);
    return { status: OK_STATUS };
  }

  /** The group's committed offset of the queue; OFFSET_NOT_FOUND when it never committed one. */
  getOffset(request: GetOffsetRequest): OffsetResponse {
    const queue = this.readableQueue(request.message_queue);
    const group = this.existingGroup(request.group);
    const offset = this.ctx.consumerOffsetManager.queryOffset(group, queue.topic, queue.queueId);
    if (offset < 0) throw grpcError(Code.OFFSET_NOT_FOUND, `group ${group} has no offset on ${queue.topic}:${queue.queueId}`);
    return { status: OK_STATUS, offset };
  }

  /** BEGINNING: the min offset; END: the max offset; TIMESTAMP: the first offset stored at or after `timestamp`. */
  async queryOffset(request: QueryOffsetRequest): Promise<OffsetResponse> {
    const { topic, queueId } = this.readableQueue(request.message_queue);
    const policy = request.query_offset_policy ?? QueryOffsetPolicy.BEGINNING;
    if (policy === QueryOffsetPolicy.BEGINNING) return { status: OK_STATUS, offset: this.ctx.store.getMinOffsetInQueue(topic, queueId) };
    if (policy === QueryOffsetPolicy.END) return { status: OK_STATUS, offset: this.ctx.store.getMaxOffsetInQueue(topic, queueId) };
    const timestamp = toMillis(request.timestamp);
    if (policy !== QueryOffsetPolicy.TIMESTAMP || timestamp === undefined || timestamp < 0) {
      throw grpcError(Code.ILLEGAL_OFFSET, `query offset policy ${policy} needs a non-negative timestamp`);
    }
    return { status: OK_STATUS, offset: await this.ctx.store.getOffsetInQueueByTime(topic, queueId, timestamp) };
  }

  private async read(group: string, queue: QueueRef, offset: number, batch: number, filter: ReceiveFilter): Promise<PullOutcome> {
    const result = await this.ctx.store.getMessage(group, queue.topic, queue.queueId, offset, batch, undefined, filter.store);
    if (isIllegalOffset(result, offset)) return { code: Code.ILLEGAL_OFFSET, messages: [], nextOffset: result.nextBeginOffset };
    const messages: Message[] = [];
    for (const record of result.messageBufferList) {
      const { message } = decodeStoredRecord(record);
      if (!filter.accepts || filter.accepts(message)) messages.push(toGrpcMessage(message));
    }
    return { code: messages.length > 0 ? Code.OK : Code.MESSAGE_NOT_FOUND, messages, nextOffset: result.nextBeginOffset };
  }

  /** Parks with the broker's long-polling service until a message reaches the queue, the deadline, or an abort. */
  private waitForArrival(queue: QueueRef, offset: number, deadline: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
      signal.addEventListener('abort', wake);
      this.ctx.pullRequestHoldService.suspend({
        topic: queue.topic,
        queueId: queue.queueId,
        queueOffset: offset,
        suspendTimestamp: Date.now(),
        holdTimeMs: Math.max(0, deadline - Date.now()),
        matches: () => true,
        resume: wake,
      });
    });
  }

  /** The request's queue: TOPIC_NOT_FOUND, FORBIDDEN when unreadable, BAD_REQUEST for a queue id the topic lacks. */
  private readableQueue(messageQueue: MessageQueue | undefined): QueueRef {
    const topic = requireTopic(messageQueue?.topic);
    const config = this.ctx.topicConfigManager.selectTopicConfig(topic);
    if (!config) throw grpcError(Code.TOPIC_NOT_FOUND, `topic ${topic} not found`);
    if (!isReadable(config.perm)) throw grpcError(Code.FORBIDDEN, `topic ${topic} is not readable`);
    const queueId = messageQueue?.id ?? 0;
    if (!Number.isInteger(queueId) || queueId < 0 || queueId >= config.readQueueNums) {
      throw grpcError(Code.BAD_REQUEST, `queue id ${queueId} is outside topic ${topic}'s ${config.readQueueNums} read queues`);
    }
    return { topic, queueId };
  }

  private existingGroup(resource: { name?: string } | undefined): string {
    const group = requireGroup(resource);
    const config = this.ctx.subscriptionGroupManager.findSubscriptionGroupConfig(group);
    if (!config) throw grpcError(Code.CONSUMER_GROUP_NOT_FOUND, `consumer group ${group} not found`);
    if (!config.consumeEnable) throw grpcError(Code.FORBIDDEN, `consumer group ${group} may not consume`);
    return group;
  }
}

function isIllegalOffset(result: GetMessageResult, offset: number): boolean {
  return OUT_OF_RANGE.has(result.status) || (EMPTY_QUEUE.has(result.status) && result.nextBeginOffset !== offset);
}

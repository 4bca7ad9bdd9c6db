import type { BrokerContext } from '../broker-context';
import { InvalidReceiptHandleError, POP_MAX_BATCH, type PoppedMessage, type PopService } from '../pop/pop-service';
import type { SubscriptionGroupConfig } from '../subscription/subscription-group-config';
import type { CallContext } from './call-context';
import type { GrpcClientRegistry } from './client-registry';
import type { ReceiptHandleRenewer } from './receipt-handle-renewer';
import { timestampOf, toMillis } from './durations';
import { toGrpcMessage } from './message-codec';
import { receiveFilter } from './receive-filter';
import { requireGroup, requireTopic } from './name-validation';
import { batchStatus, grpcError, OK_STATUS, status, statusFromError } from './status';
import {
  Code,
  type AckMessageRequest,
  type AckMessageResponse,
  type AckMessageResultEntry,
  type ChangeInvisibleDurationRequest,
  type ChangeInvisibleDurationResponse,
  type ForwardMessageToDeadLetterQueueRequest,
  type ReceiveMessageRequest,
  type ReceiveMessageResponse,
  type Status,
  type StatusResponse,
} from './types';

/** The stream must end before the client's deadline: answer this much earlier. */
const DEADLINE_MARGIN_MS = 200;
const DEFAULT_REQUEST_TIMEOUT_MS = 3_000;
const MIN_INVISIBLE_MS = 10_000;
const MAX_INVISIBLE_MS = 12 * 3600 * 1000;
/** Delay after which messages popped for a cancelled call, or a client gone meanwhile, are visible again. */
const RELEASE_MS = 1_000;
/** Client versions below this get BAD_REQUEST instead of ILLEGAL_POLLING_TIME (string compare, as the reference). */
const POLLING_CODE_VERSION = '5.0.3';

/** Receives for one ReceiveMessage call: the stream elements, in the reference order. */
export type ReceiveWriter = (element: ReceiveMessageResponse) => void;

/** ReceiveMessage, AckMessage, ChangeInvisibleDuration and ForwardMessageToDeadLetterQueue on top of POP. */
export class ConsumerService {
  constructor(
    private readonly ctx: BrokerContext,
    private readonly pop: PopService,
    private readonly clients: GrpcClientRegistry,
    private readonly renewer: ReceiptHandleRenewer,
  ) {}

  /**
   * Long-polls (bounded by the call deadline) for up to `batch_size` messages and writes
   * `{status}`, the messages and `{delivery_timestamp}`. Messages popped for a call that was
   * cancelled before they could be written, or for an `auto_renew` client without a live
   * Telemetry stream (spec §4.8 step 8: nothing could renew them), become visible again.
   */
  async receiveMessage(request: ReceiveMessageRequest, call: CallContext, write: ReceiveWriter, signal: AbortSignal): Promise<void> {
    const pollTimeMs = this.pollTime(request, call);
    const topic = requireTopic(request.message_queue?.topic);
    const groupName = requireGroup(request.group);
    const group = this.existingGroup(groupName);
    const autoRenew = request.auto_renew === true && this.ctx.config.enableProxyAutoRenew;
    const invisibleTimeMs = autoRenew ? this.ctx.config.defaultInvisibleTimeMills : invisibleTime(request);
    const filter = receiveFilter(request.filter_expression, this.ctx.config.enablePropertyFilter);
    const popped = await this.pop.pop({
      group: groupName,
      topic,
      maxMsgNums: Math.max(1, Math.min(request.batch_size ?? 1, POP_MAX_BATCH)),
      invisibleTimeMs,
      pollTimeMs,
      filter: filter.store,
      accepts: filter.accepts,
      fifo: group.consumeMessageOrderly,
      attemptId: request.attempt_id || undefined,
      maxDeliveryAttempts: group.retryMaxTimes + 1,
      signal,
    });
    if (signal.aborted) {
      this.release(groupName, topic, popped);
      return;
    }
    if (popped.length > 0 && autoRenew && !this.clients.get(call.clientId)?.commandChannel) {
      this.release(groupName, topic, popped);
      write({ status: status(Code.MESSAGE_NOT_FOUND, `the client ${call.clientId} is disconnected`) });
    } else if (popped.length === 0) {
      write({ status: status(Code.MESSAGE_NOT_FOUND, 'no new message') });
    } else {
      write({ status: OK_STATUS });
      for (const entry of popped) {
        if (autoRenew) this.renewer.track(call.clientId, groupName, topic, entry, invisibleTimeMs);
        write({ message: toGrpcMessage(entry.message, { receiptHandle: entry.receiptHandle, deliveryAttempt: entry.deliveryAttempt }) });
      }
    }
    write({ delivery_timestamp: timestampOf(Date.now()) });
  }

  /** Acks each entry (auto-renewed handles: their newest one); stale or unknown handles are INVALID_RECEIPT_HANDLE. */
  ackMessage(request: AckMessageRequest, call: CallContext): AckMessageResponse {
    const topic = requireTopic(request.topic);
    const group = requireGroup(request.group);
    const entries: AckMessageResultEntry[] = (request.entries ?? []).map((entry) => {
      const result = { message_id: entry.message_id ?? '', receipt_handle: entry.receipt_handle ?? '' };
      try {
        this.pop.ack(group, topic, this.renewer.take(call.clientId, group, result.message_id, result.receipt_handle));
        return { ...result, status: OK_STATUS };
      } catch (error) {
        return { ...result, status: consumeStatus(error) };
      }
    });
    return { status: batchStatus(entries), entries };
  }

  /** New invisible time from now (0 … 12 h); answers the new handle, or echoes the old one on errors. */
  changeInvisibleDuration(request: ChangeInvisibleDurationRequest, call: CallContext): ChangeInvisibleDurationResponse {
    const receiptHandle = request.receipt_handle ?? '';
    try {
      const topic = requireTopic(request.topic);
      const group = requireGroup(request.group);
      const duration = toMillis(request.invisible_duration) ?? 0;
      if (duration < 0 || duration > MAX_INVISIBLE_MS) throw grpcError(Code.ILLEGAL_INVISIBLE_TIME, `invisible duration ${duration} ms is out of range [0, 12h]`);
      const latest = this.renewer.take(call.clientId, group, request.message_id ?? '', receiptHandle);
      return { status: OK_STATUS, receipt_handle: this.pop.changeInvisibleTime(group, topic, latest, duration) };
    } catch (error) {
      return { status: consumeStatus(error), receipt_handle: receiptHandle };
    }
  }

  /** Moves the message to `%DLQ%<group>` and acks it. */
  async forwardMessageToDeadLetterQueue(request: ForwardMessageToDeadLetterQueueRequest, call: CallContext): Promise<StatusResponse> {
    const topic = requireTopic(request.topic);
    const group = requireGroup(request.group);
    try {
      const latest = this.renewer.take(call.clientId, group, request.message_id ?? '', request.receipt_handle ?? '');
      await this.pop.forwardToDeadLetterQueue(group, topic, latest);
      return { status: OK_STATUS };
    } catch (error) {
      return { status: consumeStatus(error) };
    }
  }

  /**
   * Long-polling time (spec §4.8 step 2): the requested one, else what the deadline leaves after
   * half a request timeout; clamped to the configured minimum and maximum (5–20 s by default) and
   * to the time before the deadline.
   */
  private pollTime(request: ReceiveMessageRequest, call: CallContext): number {
    const remaining = call.deadline - Date.now() - DEADLINE_MARGIN_MS;
    const requestTimeout = toMillis(this.clients.get(call.clientId)?.settings.request_timeout) ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const requested = toMillis(request.long_polling_timeout) ?? remaining - requestTimeout / 2;
    const { grpcClientConsumerMinLongPollingTimeoutMillis: min, grpcClientConsumerMaxLongPollingTimeoutMillis: max } = this.ctx.config;
    const poll = Math.min(Math.max(requested, min), max);
    if (poll <= remaining) return poll;
    if (remaining >= min) return remaining;
    const code = call.clientVersion >= POLLING_CODE_VERSION ? Code.ILLEGAL_POLLING_TIME : Code.BAD_REQUEST;
    throw grpcError(code, `the deadline leaves ${remaining} ms, less than the ${min} ms minimum long-polling time`);
  }

  private existingGroup(group: string): SubscriptionGroupConfig {
    const config = this.ctx.subscriptionGroupManager.findSubscriptionGroupConfig(group);
    if (!config) throw grpcError(Code.CONSUMER_GROUP_NOT_FOUND, `consumer group ${group} not found`);
    if (!config.consumeEnable) throw grpcError(Code.FORBIDDEN, `consumer group ${group} may not consume`);
    return config;
  }

  private release(group: string, topic: string, popped: readonly PoppedMessage[]): void {
    for (const { receiptHandle } of popped) {
      try {
        this.pop.changeInvisibleTime(group, topic, receiptHandle, RELEASE_MS);
      } catch {
        // already acked or expired: nothing to release
      }
    }
  }
}

/** Invisible time of a receive without auto-renewal (spec §4.8 step 4). */
function invisibleTime(request: ReceiveMessageRequest): number {
  const ms = toMillis(request.invisible_duration) ?? 0;
  if (ms < MIN_INVISIBLE_MS || ms > MAX_INVISIBLE_MS) {
    throw grpcError(Code.ILLEGAL_INVISIBLE_TIME, `invisible duration ${ms} ms is out of range [10s, 12h]`);
  }
  return ms;
}

function consumeStatus(error: unknown): Status {
  if (error instanceof InvalidReceiptHandleError) return status(Code.INVALID_RECEIPT_HANDLE, error.remark);
  return statusFromError(error);
}

import { MQError, type MessageExt } from '@mq/common';
import { ClientErrorCode } from '../client-error-code';

interface PendingReply {
  resolve(reply: MessageExt): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Requests waiting for their reply, by CORRELATION_ID (Java's `RequestFutureHolder`).
 * Each wait ends with the reply, a failure, or REQUEST_TIMEOUT_EXCEPTION after its TTL.
 */
export class PendingReplies {
  private readonly pending = new Map<string, PendingReply>();

  /** Number of requests still waiting. */
  get size(): number {
    return this.pending.size;
  }

  /** Starts waiting for the reply to `correlationId`. */
  wait(correlationId: string, timeoutMs: number): Promise<MessageExt> {
    return new Promise<MessageExt>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(new MQError(ClientErrorCode.REQUEST_TIMEOUT_EXCEPTION, `no reply to request ${correlationId} within ${timeoutMs} ms; is a consumer replying with createReplyMessage?`));
      }, timeoutMs);
      timer.unref();
      this.pending.set(correlationId, { resolve, reject, timer });
    });
  }

  /** Hands a reply to its waiting request; false when nobody waits (late or foreign reply). */
  complete(correlationId: string, reply: MessageExt): boolean {
    const waiting = this.take(correlationId);
    waiting?.resolve(reply);
    return waiting !== undefined;
  }

  /** Ends a wait with an error (the request could not be sent). */
  fail(correlationId: string, error: Error): void {
    this.take(correlationId)?.reject(error);
  }

  /** Ends every wait (client shutdown). */
  failAll(error: Error): void {
    for (const correlationId of [...this.pending.keys()]) this.fail(correlationId, error);
  }

  private take(correlationId: string): PendingReply | undefined {
    const waiting = this.pending.get(correlationId);
    if (!waiting) return undefined;
    clearTimeout(waiting.timer);
    this.pending.delete(correlationId);
    return waiting;
  }
}

import { MQError } from '@mq/common';
import type { RemotingCommand } from '../command/remoting-command';
import { ResponseCode } from '../protocol/response-code';

interface PendingCall {
  resolve(response: RemotingCommand): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * Requests of one connection that await their response, keyed by opaque. Every entry leaves
 * the table exactly once: answered, timed out, aborted, or failed with the connection.
 */
export class PendingRequests {
  private readonly calls = new Map<number, PendingCall>();

  /** @param peer address used in error remarks. */
  constructor(private readonly peer: string) {}

  /** Number of requests awaiting a response. */
  get size(): number {
    return this.calls.size;
  }

  /** True while a request with this opaque awaits its response. */
  has(opaque: number): boolean {
    return this.calls.has(opaque);
  }

  /**
   * Registers a request; the promise settles with its response, or rejects with
   * MQError(RPC_TIME_OUT) after `timeoutMs`, or MQError(RPC_UNKNOWN) when `signal` aborts.
   */
  add(opaque: number, timeoutMs: number, signal?: AbortSignal): Promise<RemotingCommand> {
    return new Promise<RemotingCommand>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const timer = setTimeout(() => {
        this.fail(opaque, new MQError(ResponseCode.RPC_TIME_OUT, `wait response on the channel <${this.peer}> timeout, ${timeoutMs}(ms)`));
      }, timeoutMs);
      const call: PendingCall = { resolve, reject, timer, signal, onAbort: undefined };
      if (signal) {
        call.onAbort = () => this.fail(opaque, abortError(signal));
        signal.addEventListener('abort', call.onAbort, { once: true });
      }
      this.calls.set(opaque, call);
    });
  }

  /** Settles the request `response` answers; false when none awaits it (late or unknown). */
  complete(response: RemotingCommand): boolean {
    const call = this.take(response.opaque);
    if (!call) return false;
    call.resolve(response);
    return true;
  }

  /** Rejects one request, if it is still waiting. */
  fail(opaque: number, error: Error): void {
    this.take(opaque)?.reject(error);
  }

  /** Rejects every waiting request, e.g. when the connection drops. */
  failAll(error: Error): void {
    for (const opaque of [...this.calls.keys()]) this.fail(opaque, error);
  }

  private take(opaque: number): PendingCall | undefined {
    const call = this.calls.get(opaque);
    if (!call) return undefined;
    this.calls.delete(opaque);
    clearTimeout(call.timer);
    if (call.onAbort) call.signal?.removeEventListener('abort', call.onAbort);
    return call;
  }
}

function abortError(signal: AbortSignal): MQError {
  return new MQError(ResponseCode.RPC_UNKNOWN, `request aborted: ${String(signal.reason)}`, { cause: signal.reason });
}

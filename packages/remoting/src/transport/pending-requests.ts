import { MQError } from '@mq/common';
import type { RemotingCommand } from '../command/remoting-command';
import { ResponseCode } from '../protocol/response-code';

/**
 * Least time between two timeout sweeps. Bounds the sweeping work when many calls with
 * different deadlines expire close together, at the price of firing a timeout up to this
 * much late.
 */
export const TIMEOUT_SWEEP_GRANULARITY_MS = 50;

interface PendingCall {
  resolve(response: RemotingCommand): void;
  reject(error: Error): void;
  /** `Date.now()` after which the call times out. */
  deadline: number;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * Requests of one connection that await their response, keyed by opaque. Every entry leaves
 * the table exactly once: answered, timed out, aborted, or failed with the connection.
 *
 * Timeouts share one timer, armed for the earliest deadline (Java scans its response table
 * the same way, once a second): a call costs no timer of its own, and a timeout fires at its
 * deadline or at most {@link TIMEOUT_SWEEP_GRANULARITY_MS} later.
 */
export class PendingRequests {
  private readonly calls = new Map<number, PendingCall>();
  private sweepTimer: NodeJS.Timeout | undefined;
  /** Deadline the sweep timer is armed for; Infinity when none is armed. */
  private sweepAt = Infinity;
  private readonly sweepBound = () => this.sweep();

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
      const deadline = Date.now() + timeoutMs;
      const call: PendingCall = { resolve, reject, deadline, timeoutMs, signal, onAbort: undefined };
      if (signal) {
        call.onAbort = () => this.fail(opaque, abortError(signal));
        signal.addEventListener('abort', call.onAbort, { once: true });
      }
      this.calls.set(opaque, call);
      if (deadline < this.sweepAt) this.armSweep(deadline);
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

  /** Rejects every waiting request, e.g. when the connection drops, and stops the sweep timer. */
  failAll(error: Error): void {
    for (const opaque of [...this.calls.keys()]) this.fail(opaque, error);
    clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    this.sweepAt = Infinity;
  }

  private take(opaque: number): PendingCall | undefined {
    const call = this.calls.get(opaque);
    if (!call) return undefined;
    this.calls.delete(opaque);
    if (call.onAbort) call.signal?.removeEventListener('abort', call.onAbort);
    return call;
  }

  private armSweep(at: number): void {
    clearTimeout(this.sweepTimer);
    this.sweepAt = at;
    this.sweepTimer = setTimeout(this.sweepBound, Math.max(0, at - Date.now()));
  }

  /** Times out every call past its deadline and re-arms for the earliest remaining one. */
  private sweep(): void {
    this.sweepTimer = undefined;
    this.sweepAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const [opaque, call] of this.calls) {
      if (call.deadline <= now) this.fail(opaque, this.timeoutError(call));
      else if (call.deadline < next) next = call.deadline;
    }
    if (next !== Infinity) this.armSweep(Math.max(next, now + TIMEOUT_SWEEP_GRANULARITY_MS));
  }

  private timeoutError(call: PendingCall): MQError {
    return new MQError(ResponseCode.RPC_TIME_OUT, `wait response on the channel <${this.peer}> timeout, ${call.timeoutMs}(ms)`);
  }
}

function abortError(signal: AbortSignal): MQError {
  return new MQError(ResponseCode.RPC_UNKNOWN, `request aborted: ${String(signal.reason)}`, { cause: signal.reason });
}

import { MQError } from '@mq/common';
import { LatencyHistogram } from './latency-histogram';
import type { TimedSnapshot } from './snapshot-window';

/** Counters of a producer workload at one instant (Java's `StatsBenchmarkProducer` snapshot). */
export interface SendSnapshot extends TimedSnapshot {
  /** Send calls (single messages or batches) the broker answered OK. */
  requestsOk: number;
  /** Send calls that failed before or without a broker answer (Java's `Send Failed`). */
  requestsFailed: number;
  /** Send calls the broker answered with an error (Java's `Response Failed`). */
  responsesFailed: number;
  /** Messages in the successful calls. */
  messagesOk: number;
  /** Messages in the failed calls. */
  messagesFailed: number;
  /** Sum of the successful calls' round trips, ms. */
  rtTotalMs: number;
}

/** Which of Java's failure counters a failed send lands in. */
export type SendFailureKind = 'request' | 'response';

/** Largest code of a broker response; client-side codes start at 10000 (`ClientErrorCode`). */
const MAX_BROKER_RESPONSE_CODE = 9999;

/**
 * Java splits failures by exception type: MQBrokerException (a broker answered an error
 * code) is a response failure; remoting and client exceptions are request failures.
 */
export function classifySendFailure(error: unknown): SendFailureKind {
  return error instanceof MQError && error.code > 0 && error.code <= MAX_BROKER_RESPONSE_CODE ? 'response' : 'request';
}

/** Live counters and round-trip histogram of a producer workload. */
export class SendStats {
  private requestsOk = 0;
  private requestsFailed = 0;
  private responsesFailed = 0;
  private messagesOk = 0;
  private messagesFailed = 0;
  private rtTotalMs = 0;
  private runMaxRtMs = 0;
  private windowMaxRtMs = 0;
  readonly latency = new LatencyHistogram();

  /** A call of `messages` messages that took `rtMs` succeeded. */
  recordSuccess(rtMs: number, messages = 1): void {
    this.requestsOk++;
    this.messagesOk += messages;
    this.rtTotalMs += rtMs;
    if (rtMs > this.runMaxRtMs) this.runMaxRtMs = rtMs;
    if (rtMs > this.windowMaxRtMs) this.windowMaxRtMs = rtMs;
    this.latency.recordMs(rtMs);
  }

  /** A call of `messages` messages failed. */
  recordFailure(kind: SendFailureKind, messages = 1): void {
    if (kind === 'response') this.responsesFailed++;
    else this.requestsFailed++;
    this.messagesFailed += messages;
  }

  /** Messages sent OK so far. */
  get messagesSent(): number {
    return this.messagesOk;
  }

  /** Largest round trip of the run, ms. */
  get maxRtMs(): number {
    return this.runMaxRtMs;
  }

  /** Largest round trip since the previous call (Java's transaction benchmark resets it each report). */
  takeWindowMaxRtMs(): number {
    const max = this.windowMaxRtMs;
    this.windowMaxRtMs = 0;
    return max;
  }

  snapshot(timeMs: number): SendSnapshot {
    const { requestsOk, requestsFailed, responsesFailed, messagesOk, messagesFailed, rtTotalMs } = this;
    return { timeMs, requestsOk, requestsFailed, responsesFailed, messagesOk, messagesFailed, rtTotalMs };
  }
}

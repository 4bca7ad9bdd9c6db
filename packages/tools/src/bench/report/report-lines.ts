import { javaFormat } from '../../format/java-format';
import { timeMillisToHumanString2 } from '../../format/time';

/** Figures of one producer report line (`benchmark/Producer`). */
export interface ProducerLineFigures {
  sendTps: number;
  maxRtMs: number;
  avgRtMs: number;
  /** Cumulative, like Java. */
  sendFailed: number;
  /** Cumulative, like Java. */
  responseFailed: number;
}

/** Figures of one consumer report line (`benchmark/Consumer`). */
export interface ConsumerLineFigures {
  consumeTps: number;
  avgB2CMs: number;
  avgS2CMs: number;
  maxB2CMs: number;
  maxS2CMs: number;
  /** Within the window, like Java. */
  consumeFailed: number;
}

/** Figures of one transaction producer report line (`benchmark/TransactionProducer`). */
export interface TransactionLineFigures {
  sendTps: number;
  maxRtMs: number;
  avgRtMs: number;
  sendFailed: number;
  checks: number;
  unexpectedChecks: number;
  duplicatedChecks: number;
}

/** Figures of one batch producer report line (`benchmark/BatchProducer`). */
export interface BatchLineFigures {
  sendTps: number;
  sendMps: number;
  maxRtMs: number;
  avgRtMs: number;
  avgMessageRtMs: number;
  sendFailed: number;
  sendMessageFailed: number;
}

/** Java's producer line: `Current Time: ... | Send TPS: N | Max RT(ms): N | Average RT(ms): N.NNN | Send Failed: N | Response Failed: N`. */
export function formatProducerLine(nowMs: number, f: ProducerLineFigures): string {
  return javaFormat(
    'Current Time: %s | Send TPS: %d | Max RT(ms): %d | Average RT(ms): %7.3f | Send Failed: %d | Response Failed: %d',
    timeMillisToHumanString2(nowMs), f.sendTps, f.maxRtMs, f.avgRtMs, f.sendFailed, f.responseFailed,
  );
}

/** Java's closing producer line, `[Complete] Send Total: ...`; `sendTotal` counts successes and send failures. */
export function formatProducerCompleteLine(sendTotal: number, f: ProducerLineFigures): string {
  return javaFormat(
    '[Complete] Send Total: %d | Send TPS: %d | Max RT(ms): %d | Average RT(ms): %7.3f | Send Failed: %d | Response Failed: %d',
    sendTotal, f.sendTps, f.maxRtMs, f.avgRtMs, f.sendFailed, f.responseFailed,
  );
}

/** Java's consumer line. */
export function formatConsumerLine(nowMs: number, f: ConsumerLineFigures): string {
  return javaFormat(
    'Current Time: %s | Consume TPS: %d | AVG(B2C) RT(ms): %7.3f | AVG(S2C) RT(ms): %7.3f | MAX(B2C) RT(ms): %d | MAX(S2C) RT(ms): %d | Consume Fail: %d',
    timeMillisToHumanString2(nowMs), f.consumeTps, f.avgB2CMs, f.avgS2CMs, f.maxB2CMs, f.maxS2CMs, f.consumeFailed,
  );
}

/** Java's transaction producer line. */
export function formatTransactionLine(nowMs: number, f: TransactionLineFigures): string {
  return javaFormat(
    'Current Time: %s | Send TPS: %5d | Max RT(ms): %5d | AVG RT(ms): %3.1f | Send Failed: %d | Check: %d | UnexpectedCheck: %d | DuplicatedCheck: %d',
    timeMillisToHumanString2(nowMs), f.sendTps, f.maxRtMs, f.avgRtMs, f.sendFailed, f.checks, f.unexpectedChecks, f.duplicatedChecks,
  );
}

/** Java's batch producer line. */
export function formatBatchLine(nowMs: number, f: BatchLineFigures): string {
  return javaFormat(
    'Current Time: %s | Send TPS: %d | Send MPS: %d | Max RT(ms): %d | Average RT(ms): %7.3f | Average Message RT(ms): %7.3f | Send Failed: %d | Send Message Failed: %d',
    timeMillisToHumanString2(nowMs), f.sendTps, f.sendMps, f.maxRtMs, f.avgRtMs, f.avgMessageRtMs, f.sendFailed, f.sendMessageFailed,
  );
}

/** Java's timer producer line (no timestamp, comma separated). */
export function formatTimerLine(f: ProducerLineFigures): string {
  return javaFormat('Send TPS: %d, Max RT: %d, Average RT: %7.3f, Send Failed: %d, Response Failed: %d', f.sendTps, f.maxRtMs, f.avgRtMs, f.sendFailed, f.responseFailed);
}

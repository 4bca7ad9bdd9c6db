import type { MessageExt } from '@mq/common';
import { LatencyHistogram } from './latency-histogram';
import type { TimedSnapshot } from './snapshot-window';

/** Counters of the consumer workload at one instant (Java's `StatsBenchmarkConsumer` snapshot). */
export interface ConsumeSnapshot extends TimedSnapshot {
  /** Deliveries to the listener, redeliveries included. */
  received: number;
  /** Sum of born-to-consumer latencies, ms. */
  b2cTotalMs: number;
  /** Sum of store-to-consumer latencies, ms. */
  s2cTotalMs: number;
  /** Deliveries answered RECONSUME_LATER. */
  failed: number;
}

/** Largest latencies of one report window. */
export interface WindowMaxima {
  b2cMs: number;
  s2cMs: number;
}

/** Live counters and latency histograms of the consumer workload. */
export class ConsumeStats {
  private received = 0;
  private b2cTotalMs = 0;
  private s2cTotalMs = 0;
  private failed = 0;
  private windowMax: WindowMaxima = { b2cMs: 0, s2cMs: 0 };
  /** Born (producer clock) to consumed. */
  readonly bornToConsumer = new LatencyHistogram();
  /** Stored (broker clock) to consumed. */
  readonly storeToConsumer = new LatencyHistogram();

  /** One delivery of `message` at `nowMs`; `failed` when answered RECONSUME_LATER. */
  recordDelivery(message: MessageExt, nowMs: number, failed: boolean): void {
    const b2c = nowMs - message.bornTimestamp;
    const s2c = nowMs - message.storeTimestamp;
    this.received++;
    this.b2cTotalMs += b2c;
    this.s2cTotalMs += s2c;
    if (failed) this.failed++;
    if (b2c > this.windowMax.b2cMs) this.windowMax.b2cMs = b2c;
    if (s2c > this.windowMax.s2cMs) this.windowMax.s2cMs = s2c;
    this.bornToConsumer.recordMs(b2c);
    this.storeToConsumer.recordMs(s2c);
  }

  /** Largest latencies since the previous call; Java resets them at every report. */
  takeWindowMaxima(): WindowMaxima {
    const maxima = this.windowMax;
    this.windowMax = { b2cMs: 0, s2cMs: 0 };
    return maxima;
  }

  snapshot(timeMs: number): ConsumeSnapshot {
    const { received, b2cTotalMs, s2cTotalMs, failed } = this;
    return { timeMs, received, b2cTotalMs, s2cTotalMs, failed };
  }
}

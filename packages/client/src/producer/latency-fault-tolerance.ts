/** Latency thresholds (ms) and the not-available durations (ms) they map to: 5.x values. */
const LATENCY_MAX = [50, 100, 550, 1800, 3000, 5000, 15000];
const NOT_AVAILABLE_DURATION = [0, 0, 2000, 5000, 6000, 10000, 30000];
/** Latency recorded for a broker that failed outright (remoting error, broker exception). */
export const ISOLATION_LATENCY_MS = 10_000;

interface FaultItem {
  currentLatency: number;
  /** Available again from this time on. */
  startTimestamp: number;
  /** Until this time the broker is not even worth trying when something else is reachable. */
  reachableAfter: number;
}

/**
 * Remembers slow or failing brokers so a producer with `sendLatencyFaultEnable` avoids them
 * for a while (Java 5.x `LatencyFaultToleranceImpl` with `MQFaultStrategy`'s table).
 */
export class LatencyFaultTolerance {
  private readonly items = new Map<string, FaultItem>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records one send's latency; `isolation` marks a hard failure. */
  updateFaultItem(brokerName: string, latencyMs: number, isolation: boolean): void {
    const latency = isolation ? ISOLATION_LATENCY_MS : latencyMs;
    const duration = notAvailableDuration(latency);
    const now = this.now();
    this.items.set(brokerName, { currentLatency: latency, startTimestamp: now + duration, reachableAfter: isolation ? now + duration : now });
  }

  /** True once the broker's not-available window has passed (or it never had one). */
  isAvailable(brokerName: string): boolean {
    const item = this.items.get(brokerName);
    return !item || this.now() >= item.startTimestamp;
  }

  /** False only for brokers isolated after a hard failure whose window has not passed. */
  isReachable(brokerName: string): boolean {
    const item = this.items.get(brokerName);
    return !item || this.now() >= item.reachableAfter;
  }

  remove(brokerName: string): void {
    this.items.delete(brokerName);
  }
}

/** The not-available duration of the first threshold, from the top, that `latencyMs` reaches. */
export function notAvailableDuration(latencyMs: number): number {
  for (let i = LATENCY_MAX.length - 1; i >= 0; i--) {
    if (latencyMs >= LATENCY_MAX[i]!) return NOT_AVAILABLE_DURATION[i]!;
  }
  return 0;
}

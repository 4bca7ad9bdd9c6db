/** Bounds of a run: a message count, a duration, or neither (until {@link RunBudget.stop}). */
export interface RunBounds {
  messages?: number;
  durationSec?: number;
}

/**
 * How much of a run is left. Senders reserve messages before sending them; the run stops
 * when the count is used up, the duration has passed, or `stop()` is called (e.g. on SIGINT).
 */
export class RunBudget {
  private remaining: number;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  /** Resolves once the run is over. */
  readonly stopped: Promise<void>;

  constructor(bounds: RunBounds) {
    this.remaining = bounds.messages ?? Number.POSITIVE_INFINITY;
    this.stopped = new Promise((resolve) => this.controller.signal.addEventListener('abort', () => resolve(), { once: true }));
    if (bounds.durationSec !== undefined) this.timer = setTimeout(() => this.stop(), bounds.durationSec * 1000);
  }

  /** Aborted when the run is over: cuts pauses short. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isStopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** Reserves up to `count` messages; 0 once the run is over. Using up the count stops the run. */
  take(count = 1): number {
    if (this.isStopped) return 0;
    const granted = Math.min(count, this.remaining);
    this.remaining -= granted;
    if (this.remaining === 0) this.stop();
    return granted;
  }

  /** Ends the run. Idempotent. */
  stop(): void {
    clearTimeout(this.timer);
    this.controller.abort();
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

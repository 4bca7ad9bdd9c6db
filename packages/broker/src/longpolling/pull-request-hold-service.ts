import { getLogger } from '@mq/common';

const log = getLogger('PullRequestHoldService');

/** A pull that found nothing and waits for messages on its queue. */
export interface HeldPullRequest {
  readonly topic: string;
  readonly queueId: number;
  /** The queue offset the pull wants to read from. */
  readonly queueOffset: number;
  /** When the request was parked (ms). */
  readonly suspendTimestamp: number;
  /** How long it may stay parked (ms). */
  readonly holdTimeMs: number;
  /** Whether a message with this tags code would match the request's subscription. */
  matches(tagsCode: number | undefined): boolean;
  /** Re-executes the pull, without suspending again, and answers the client. */
  resume(): void;
}

/** Options of the hold service. */
export interface PullRequestHoldOptions {
  /** Period of the sweep that re-checks every parked request (5000 long polling, else shortPollingTimeMills). */
  checkIntervalMs: number;
  /** The queue's current max offset (next offset to be written). */
  maxOffset(topic: string, queueId: number): number;
  now?: () => number;
}

/**
 * Parks empty pulls per `topic@queueId` and resumes them when a message for that queue
 * arrives (the store's dispatch calls {@link notifyMessageArriving}), or when their hold time
 * is over (a periodic sweep).
 */
export class PullRequestHoldService {
  private readonly held = new Map<string, HeldPullRequest[]>();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly options: PullRequestHoldOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts the periodic sweep. */
  start(): void {
    this.timer ??= setInterval(() => this.sweep(), this.options.checkIntervalMs);
    this.timer.unref();
  }

  /** Stops the sweep and answers every parked request now. */
  shutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const all = [...this.held.values()].flat();
    this.held.clear();
    for (const request of all) this.resume(request);
  }

  /** Parks a request until data arrives or its hold time is over. */
  suspend(request: HeldPullRequest): void {
    const key = holdKey(request.topic, request.queueId);
    const list = this.held.get(key);
    if (list) list.push(request);
    else this.held.set(key, [request]);
  }

  /** Number of parked requests (for stats and tests). */
  get size(): number {
    let total = 0;
    for (const list of this.held.values()) total += list.length;
    return total;
  }

  /**
   * A message was dispatched to (topic, queueId): `maxOffset` is its queue offset + 1 and
   * `tagsCode` its tag hash. Resumes the parked requests it satisfies, and those whose hold
   * time has passed.
   */
  notifyMessageArriving(topic: string, queueId: number, maxOffset: number, tagsCode?: number): void {
    const key = holdKey(topic, queueId);
    const list = this.held.get(key);
    if (!list) return;
    const now = this.now();
    const keep: HeldPullRequest[] = [];
    const ready: HeldPullRequest[] = [];
    for (const request of list) {
      let max = maxOffset;
      if (max <= request.queueOffset) max = this.options.maxOffset(topic, queueId);
      const arrived = max > request.queueOffset && request.matches(tagsCode);
      const expired = now >= request.suspendTimestamp + request.holdTimeMs;
      (arrived || expired ? ready : keep).push(request);
    }
    if (keep.length > 0) this.held.set(key, keep);
    else this.held.delete(key);
    for (const request of ready) this.resume(request);
  }

  private sweep(): void {
    for (const key of [...this.held.keys()]) {
      const list = this.held.get(key);
      if (!list || list.length === 0) continue;
      const { topic, queueId } = list[0];
      this.notifyMessageArriving(topic, queueId, this.options.maxOffset(topic, queueId));
    }
  }

  private resume(request: HeldPullRequest): void {
    try {
      request.resume();
    } catch (err) {
      log.error({ err, topic: request.topic, queueId: request.queueId }, 'resuming a held pull failed');
    }
  }
}

function holdKey(topic: string, queueId: number): string {
  return `${topic}@${queueId}`;
}

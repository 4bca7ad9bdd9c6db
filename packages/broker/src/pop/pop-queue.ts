/** A popped message that has not been acked yet. */
export interface InFlightMessage {
  readonly offset: number;
  readonly commitLogOffset: number;
  /** Offset the pop that delivered it started reading at (the handle's `startOffset`). */
  startOffset: number;
  popTime: number;
  invisibleTime: number;
  /** Times a FIFO queue delivered this offset (1 on first delivery); 1 for other pops. */
  deliveries: number;
  /** Being copied to the retry topic: no longer ackable. */
  reviving: boolean;
}

/** Epoch ms at which an in-flight message becomes visible again. */
export function nextVisibleTime(message: InFlightMessage): number {
  return message.popTime + message.invisibleTime;
}

/**
 * POP state of one queue for one group: where the next pop reads, and what is in flight.
 * The committed consumer offset is the lowest in-flight offset (or the read position), so a
 * restart redelivers whatever was not acked.
 */
export class PopQueue {
  /** Next queue offset to read; undefined until initialised from the committed offset. */
  nextOffset: number | undefined;
  readonly inFlight = new Map<number, InFlightMessage>();
  /** attempt id of the last FIFO pop: a retried receive with the same id is not blocked. */
  lastAttemptId: string | undefined;
  /** A pop of this queue is running (the `topic@group@queueId` lock). */
  busy = false;
  /** Popped in order mode: expired messages are redelivered in place, not revived. */
  fifo = false;

  constructor(
    readonly group: string,
    /** The real topic read: the normal topic or the POP retry topic. */
    readonly topic: string,
    readonly queueId: number,
    readonly topicType: number,
  ) {}

  /** Offset to commit: nothing below it is outstanding. */
  commitOffset(): number {
    let lowest = this.nextOffset ?? 0;
    for (const offset of this.inFlight.keys()) lowest = Math.min(lowest, offset);
    return lowest;
  }

  /** In-flight messages whose invisible time has passed. */
  expired(now: number): InFlightMessage[] {
    return [...this.inFlight.values()].filter((m) => !m.reviving && nextVisibleTime(m) <= now);
  }

  /** FIFO: a visible-later message of the last batch is outstanding and the attempt differs. */
  isBlocked(now: number, attemptId: string | undefined): boolean {
    const pending = [...this.inFlight.values()].some((m) => nextVisibleTime(m) > now);
    return pending && (attemptId === undefined || attemptId !== this.lastAttemptId);
  }
}

import type { PopPollGate } from './pop-types';

/** `maxPopPollingSize`: POP requests held at once in the whole broker. */
export const MAX_POP_POLLING_SIZE = 100_000;
/** `popPollingSize`: POP requests held at once for one `topic@group@queueId`. */
export const POP_POLLING_SIZE = 1024;

/**
 * Counts the remoting POP and NOTIFICATION requests being held for long polling, per
 * `topic@group@queueId` and in total, and refuses new holds past the limits (POLLING_FULL).
 */
export class PopPollingLimits {
  private total = 0;
  private readonly perKey = new Map<string, number>();

  constructor(
    private readonly maxTotal = MAX_POP_POLLING_SIZE,
    private readonly maxPerKey = POP_POLLING_SIZE,
  ) {}

  /** Requests held now for the queue (POLLING_INFO's `pollingNum`). */
  held(topic: string, group: string, queueId: number): number {
    return this.perKey.get(pollingKey(topic, group, queueId)) ?? 0;
  }

  /** A gate admitting holds of one request on the queue. */
  gate(topic: string, group: string, queueId: number): PopPollGate {
    const key = pollingKey(topic, group, queueId);
    return {
      tryHold: () => {
        const held = this.perKey.get(key) ?? 0;
        if (this.total >= this.maxTotal || held >= this.maxPerKey) return false;
        this.total += 1;
        this.perKey.set(key, held + 1);
        return true;
      },
      release: () => {
        this.total -= 1;
        const held = (this.perKey.get(key) ?? 1) - 1;
        if (held === 0) this.perKey.delete(key);
        else this.perKey.set(key, held);
      },
    };
  }
}

function pollingKey(topic: string, group: string, queueId: number): string {
  return `${topic}@${group}@${queueId}`;
}

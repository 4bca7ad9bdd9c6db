import { Admin } from '@mq/client';

const POLL_MS = 100;
/** A drain counts as done at this share of the backlog: the last pull batches commit late. */
const DRAINED_SHARE = 0.99;

/** Polls `probe` every 100 ms until it returns a value; errors count as "not yet". Throws after `timeoutMs`. */
async function pollUntil<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, abandon: () => string | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = ` (last error: ${(err as Error).message})`;
    }
    const gone = abandon();
    if (gone) throw new Error(`gave up waiting for ${what}: ${gone}`);
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms${lastError}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Admin calls the workloads need, against one side's name server and broker. */
export class BrokerProbe {
  constructor(
    private readonly admin: Admin,
    private readonly brokerAddr: string,
    /** Why the side's servers are gone, if they are. */
    private readonly abandon: () => string | undefined,
  ) {}

  /** Creates `topic` with `queues` queues on the broker and waits until the name server routes it. */
  async createTopic(topic: string, queues: number, timeoutMs = 30_000): Promise<void> {
    await this.admin.createTopic(this.brokerAddr, { topic, readQueueNums: queues, writeQueueNums: queues });
    await pollUntil(`the route of ${topic}`, timeoutMs, async () => this.admin.topicRoute(topic), this.abandon);
  }

  /** Waits until the topic's queues hold `count` messages in all. */
  async waitForMessages(topic: string, count: number, timeoutMs: number): Promise<void> {
    await pollUntil(`${count} messages in ${topic}`, timeoutMs, async () => ((await this.messageCount(topic)) >= count ? true : undefined), this.abandon);
  }

  private async messageCount(topic: string): Promise<number> {
    return (await this.admin.topicStats(topic)).reduce((sum, queue) => sum + queue.maxOffset - queue.minOffset, 0);
  }

  /**
   * Consume TPS of `group` draining a `backlog` of `topic`, from the offsets the consumer
   * commits on the broker (with each pull): messages consumed between the first progress and
   * 99 % of the backlog, over the time between the two polls.
   */
  async measureDrain(group: string, topic: string, backlog: number, timeoutMs: number): Promise<number> {
    const consumed = async (): Promise<number> => backlog - (await this.admin.consumerProgress(group, topic)).totalLag;
    const first = await pollUntil(`${group} to start consuming ${topic}`, timeoutMs, async () => {
      const count = await consumed();
      return count > 0 ? { count, at: performance.now() } : undefined;
    }, this.abandon);
    const last = await pollUntil(`${group} to consume ${backlog} messages of ${topic}`, timeoutMs, async () => {
      const count = await consumed();
      return count >= backlog * DRAINED_SHARE ? { count, at: performance.now() } : undefined;
    }, this.abandon);
    const seconds = Math.max(last.at - first.at, POLL_MS) / 1000;
    return (last.count - first.count) / seconds;
  }
}

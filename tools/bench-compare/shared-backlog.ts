import { BrokerProbe } from './broker-probe';
import { MqBenchTools } from './mq-bench';
import { MESSAGE_SIZE, TOPIC_QUEUES } from './profile';

const BACKLOG_TOPIC = 'BenchCompare_backlog';
/** Senders that fill the backlog (not measured). */
const FILL_THREADS = 32;

/** The backlog topic and how many messages it holds. */
export interface Backlog {
  topic: string;
  stored: number;
}

/**
 * One backlog per started side, filled on first use and drained by every backlog workload
 * with a group of its own: a new group starts at offset 0 while the queue's first message is
 * still in memory, so each consumer reads the whole backlog, and the side fills it only once.
 */
export class SharedBacklog {
  private filled: Promise<Backlog> | undefined;

  constructor(
    private readonly probe: BrokerProbe,
    private readonly filler: MqBenchTools,
    private readonly size: number,
    private readonly timeoutMs: number,
  ) {}

  /** The filled backlog; the first call fills it. */
  get(): Promise<Backlog> {
    this.filled ??= this.fill();
    return this.filled;
  }

  private async fill(): Promise<Backlog> {
    await this.probe.createTopic(BACKLOG_TOPIC, TOPIC_QUEUES);
    const stored = await this.filler.sendCount({ topic: BACKLOG_TOPIC, threads: FILL_THREADS, count: this.size, messageSize: MESSAGE_SIZE, timeoutMs: this.timeoutMs });
    if (stored === 0) throw new Error(`the backlog producer stored nothing in ${BACKLOG_TOPIC}`);
    await this.probe.waitForMessages(BACKLOG_TOPIC, stored, this.timeoutMs);
    return { topic: BACKLOG_TOPIC, stored };
  }
}

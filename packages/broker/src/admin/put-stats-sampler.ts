import type { MessageStore } from '@mq/store';
import type { TopicConfigManager } from '../topic/topic-config-manager';

/** Source of the broker's running total of stored messages. */
export type PutTotalSource = () => number;

const SAMPLE_INTERVAL_MS = 1_000;
/** Samples kept: enough for the 600 s window of Java's tps triples. */
const MAX_SAMPLES = 601;
const TPS_WINDOWS_S = [10, 60, 600] as const;

interface Sample {
  at: number;
  total: number;
}

/**
 * Samples the stored-message total once a second, like Java's `StoreStatsService`, to
 * answer the tps triples (10 s, 1 min, 10 min) and the day counters of GET_BROKER_RUNTIME_INFO.
 */
export class PutStatsSampler {
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private todayMorning: Sample | undefined;
  private yesterdayMorning: Sample | undefined;

  constructor(private readonly source: PutTotalSource) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  shutdown(): void {
    clearInterval(this.timer);
  }

  /** Takes one sample now (the timer does it every second). */
  sample(now = Date.now()): void {
    const sample = { at: now, total: this.source() };
    this.samples.push(sample);
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    if (!this.todayMorning || dayOf(this.todayMorning.at) !== dayOf(now)) {
      this.yesterdayMorning = this.todayMorning ?? sample;
      this.todayMorning = sample;
    }
  }

  /** `"<10s> <60s> <600s>"` put tps, as Java prints them. */
  putTps(): string {
    return TPS_WINDOWS_S.map((window) => this.tpsOver(window).toFixed(2)).join(' ');
  }

  /** Totals at the first sample of yesterday and today, and now. */
  totals(): { yesterdayMorning: number; todayMorning: number; now: number } {
    return {
      yesterdayMorning: this.yesterdayMorning?.total ?? 0,
      todayMorning: this.todayMorning?.total ?? 0,
      now: this.source(),
    };
  }

  private tpsOver(windowS: number): number {
    const last = this.samples[this.samples.length - 1];
    const first = this.samples[Math.max(0, this.samples.length - 1 - windowS)];
    if (!last || !first || last.at === first.at) return 0;
    return ((last.total - first.total) * 1000) / (last.at - first.at);
  }
}

function dayOf(time: number): string {
  return new Date(time).toDateString();
}

/** Messages stored in every queue of every topic: the running put total the sampler follows. */
export function storedMessageTotal(topics: TopicConfigManager, store: MessageStore): number {
  let total = 0;
  for (const name of topics.topicNames()) {
    const config = topics.selectTopicConfig(name);
    const queues = Math.max(config?.readQueueNums ?? 0, config?.writeQueueNums ?? 0);
    for (let queueId = 0; queueId < queues; queueId++) total += store.getMaxOffsetInQueue(name, queueId);
  }
  return total;
}

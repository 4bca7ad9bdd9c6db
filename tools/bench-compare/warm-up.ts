import { MESSAGE_SIZE, TOPIC_QUEUES } from './profile';
import { WorkloadContext } from './workload';

const WARM_UP_TOPIC = 'BenchCompare_warm_up';
const WARM_UP_MESSAGES = 1000;
const WARM_UP_THREADS = 16;
const WARM_UP_TIMEOUT_MS = 60_000;

/**
 * A thousand sends, not measured, before a freshly started side's first workload: a cold JVM
 * broker answers a first burst of many senders with `[TIMEOUT_CLEAN_QUEUE] broker busy`, and
 * both brokers are slow to answer while their first store files and connections are set up.
 */
export async function warmUp(ctx: WorkloadContext): Promise<void> {
  await ctx.probe.createTopic(WARM_UP_TOPIC, TOPIC_QUEUES);
  const stored = await ctx.filler.sendCount({ topic: WARM_UP_TOPIC, threads: WARM_UP_THREADS, count: WARM_UP_MESSAGES, messageSize: MESSAGE_SIZE, timeoutMs: WARM_UP_TIMEOUT_MS });
  if (stored === 0) throw new Error(`no warm-up send to ${ctx.cluster.side} succeeded`);
}

import { DriverName } from './benchmark-driver';
import { FlushDiskType } from './cluster-side';
import { sampleWhile } from './process-stats';
import { MESSAGE_SIZE, TOPIC_QUEUES } from './profile';
import { benchName, DRIVER_DESCRIPTIONS, usageFigures, Workload } from './workload';

/** A benchmark producer with `threads` synchronous senders of 1 KiB bodies, for the profile's send duration. */
export function sendWorkload(driver: DriverName, threads: number, flushDiskType: FlushDiskType): Workload {
  const id = `${driver}-producer-${threads}-${flushDiskType === 'SYNC_FLUSH' ? 'sync' : 'async'}`;
  return {
    id,
    description: `${DRIVER_DESCRIPTIONS[driver]} producer, ${threads} sender${threads > 1 ? 's' : ''}, ${flushDiskType}`,
    flushDiskType,
    grpc: false,
    async run(ctx) {
      const topic = benchName(id);
      await ctx.probe.createTopic(topic, TOPIC_QUEUES);
      const run = { topic, threads, messageSize: MESSAGE_SIZE, durationMs: ctx.profile.sendDurationMs };
      const [report, usage] = await sampleWhile(ctx.cluster.brokerPids, () => ctx.drivers[driver].send(run));
      return { ...report, ...usageFigures(usage) };
    },
  };
}

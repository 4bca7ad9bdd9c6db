import { DriverName } from './benchmark-driver';
import { sampleWhile } from './process-stats';
import { benchName, DRIVER_DESCRIPTIONS, usageFigures, Workload } from './workload';

/** A benchmark consumer (push, 20 threads) of a new group draining the side's backlog. */
export function backlogWorkload(driver: DriverName): Workload {
  const id = `${driver}-consumer-backlog`;
  return {
    id,
    description: `${DRIVER_DESCRIPTIONS[driver]} consumer draining a backlog, ASYNC_FLUSH`,
    flushDiskType: 'ASYNC_FLUSH',
    grpc: false,
    async run(ctx) {
      const { topic, stored } = await ctx.backlog.get();
      const group = benchName(id);
      const consumer = ctx.drivers[driver].startConsumer({ topic, group });
      try {
        const drain = () => ctx.probe.measureDrain(group, topic, stored, ctx.profile.drainTimeoutMs);
        const [consumeTps, usage] = await sampleWhile(ctx.cluster.brokerPids, drain);
        return { consumeTps, ...usageFigures(usage) };
      } finally {
        await consumer.stop();
      }
    },
  };
}

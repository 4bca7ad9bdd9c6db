import { BenchmarkDriver, DriverName } from './benchmark-driver';
import { BrokerProbe } from './broker-probe';
import { FlushDiskType, RunningCluster } from './cluster-side';
import { MqBenchTools } from './mq-bench';
import { ProcessUsage } from './process-stats';
import { Profile } from './profile';
import { SharedBacklog } from './shared-backlog';

/** The figures of one workload on one side; absent where the workload does not measure it. */
export interface Figures {
  sendTps?: number;
  consumeTps?: number;
  rtAvgMs?: number;
  rtP99Ms?: number;
  rtMaxMs?: number;
  /** Peak RSS of the side's broker process(es) while measuring, MiB. */
  rssMiB?: number;
  /** CPU of the side's broker process(es) while measuring, % of one core. */
  cpuPercent?: number;
  /** Sends or receives that failed (reported, not compared). */
  failures?: number;
}

/** What a workload runs against: one side's cluster and the tools to drive and observe it. */
export interface WorkloadContext {
  readonly cluster: RunningCluster;
  readonly probe: BrokerProbe;
  readonly drivers: Readonly<Record<DriverName, BenchmarkDriver>>;
  /** Warms the broker up (it starts faster than a JVM). */
  readonly filler: MqBenchTools;
  /** The messages the backlog workloads drain. */
  readonly backlog: SharedBacklog;
  readonly profile: Profile;
}

/** One row group of the comparison. */
export interface Workload {
  readonly id: string;
  readonly description: string;
  readonly flushDiskType: FlushDiskType;
  /** Needs the side's gRPC endpoint (Apache: its proxy). */
  readonly grpc: boolean;
  run(ctx: WorkloadContext): Promise<Figures>;
}

/** How a driver is named in workload descriptions (its name prefixes the workload ids). */
export const DRIVER_DESCRIPTIONS: Readonly<Record<DriverName, string>> = {
  java: 'Java benchmark',
  'mq-bench': 'mq bench',
};

/** The broker figures of a sampled run. */
export function usageFigures(usage: ProcessUsage): Figures {
  return { rssMiB: usage.rssMaxMiB, cpuPercent: usage.cpuPercent };
}

/** The topic or group a workload uses on its own, named after it. */
export function benchName(workloadId: string): string {
  return `BenchCompare_${workloadId.replace(/-/g, '_')}`;
}

import path from 'node:path';
import { ClusterPorts, brokerConfig } from '../../e2e/support/cluster';

/** Which implementation a figure belongs to. */
export type SideName = 'ours' | 'apache';

/** The two flush modes of RocketMQ's `flushDiskType`. */
export type FlushDiskType = 'ASYNC_FLUSH' | 'SYNC_FLUSH';

/** A side's servers, up and routing, for the workloads of one flush mode. */
export interface RunningCluster {
  readonly side: SideName;
  readonly namesrvAddr: string;
  readonly brokerAddr: string;
  /** `127.0.0.1:<port>` of the gRPC API (ours: the broker itself; Apache: its proxy), when started with gRPC. */
  readonly grpcEndpoint: string | undefined;
  /** The processes whose RSS and CPU count as "the broker" for a remoting workload. */
  readonly brokerPids: readonly number[];
  /** The same for a gRPC workload (Apache adds its proxy). */
  readonly grpcServerPids: readonly number[];
  /** Why a server is gone, or undefined while all run. */
  exitReason(): string | undefined;
  /** Stops every server of the side (whole process groups). Idempotent. */
  stop(): Promise<void>;
}

/** How a cluster of one side is started. */
export interface ClusterSide {
  readonly name: SideName;
  /** Starts the servers in `workDir` (exists, empty); with `grpc`, also the gRPC endpoint. */
  start(options: { workDir: string; flushDiskType: FlushDiskType; grpc: boolean }): Promise<RunningCluster>;
}

/** Commit-log segments as RocketMQ ships them (1 GiB would only cost page-cache warm-up here). */
const COMMIT_LOG_FILE_SIZE = 256 * 1024 * 1024;
/** RocketMQ's default consume-queue file: 300 000 entries of 20 bytes. */
const CONSUME_QUEUE_FILE_SIZE = 300_000 * 20;

/**
 * broker.conf for both sides: the e2e single master (same ports layout, auto-created topics
 * and groups, relaxed disk guards) with production-sized store files and the flush mode under test.
 */
export function benchBrokerConfig(ports: ClusterPorts, workDir: string, flushDiskType: FlushDiskType): Record<string, string | number | boolean> {
  return {
    ...brokerConfig(ports, workDir),
    brokerName: 'broker-bench',
    flushDiskType,
    mappedFileSizeCommitLog: COMMIT_LOG_FILE_SIZE,
    mappedFileSizeConsumeQueue: CONSUME_QUEUE_FILE_SIZE,
    storePathCommitLog: path.join(workDir, 'store', 'commitlog'),
  };
}

/** Sizes and time limits of one bench run. */
export interface Profile {
  readonly name: 'full' | 'short';
  /** How long each producer run sends (the Java Producer at least 14 s, see java-benchmark.ts). */
  readonly sendDurationMs: number;
  /** Messages queued before a backlog workload starts its consumer. */
  readonly backlog: number;
  readonly backlogFillTimeoutMs: number;
  readonly drainTimeoutMs: number;
  readonly grpcSendDurationMs: number;
  readonly grpcReceiveTimeoutMs: number;
  /** gRPC sends in flight at once. */
  readonly grpcConcurrency: number;
}

/** Every message body is 1 KiB. */
export const MESSAGE_SIZE = 1024;
/** Queues of every benchmark topic (RocketMQ's defaultTopicQueueNums). */
export const TOPIC_QUEUES = 8;

/**
 * The documented run, about 13 minutes on 2 cores. The Java Producer's figures are its last
 * report, a window of its final ~9 s: 30 s leaves its JVM 20 s to start and warm up first.
 */
export const FULL_PROFILE: Profile = {
  name: 'full',
  sendDurationMs: 30_000,
  backlog: 50_000,
  backlogFillTimeoutMs: 180_000,
  drainTimeoutMs: 180_000,
  grpcSendDurationMs: 15_000,
  grpcReceiveTimeoutMs: 60_000,
  grpcConcurrency: 32,
};

/** The CI run: about a minute for both sides. */
export const SHORT_PROFILE: Profile = {
  name: 'short',
  sendDurationMs: 4_000,
  backlog: 5_000,
  backlogFillTimeoutMs: 30_000,
  drainTimeoutMs: 30_000,
  grpcSendDurationMs: 2_000,
  grpcReceiveTimeoutMs: 15_000,
  grpcConcurrency: 16,
};

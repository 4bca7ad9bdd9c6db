import { backlogWorkload } from './backlog-workload';
import { grpcSendReceive } from './grpc-send-receive';
import { sendWorkload } from './send-workload';
import { Workload } from './workload';

/** Every workload `--workloads` can pick, in run order within a flush mode. */
export const WORKLOADS: readonly Workload[] = [
  sendWorkload('java', 1, 'ASYNC_FLUSH'),
  sendWorkload('mq-bench', 1, 'ASYNC_FLUSH'),
  sendWorkload('java', 8, 'ASYNC_FLUSH'),
  sendWorkload('mq-bench', 8, 'ASYNC_FLUSH'),
  sendWorkload('java', 64, 'ASYNC_FLUSH'),
  sendWorkload('mq-bench', 64, 'ASYNC_FLUSH'),
  backlogWorkload('java'),
  backlogWorkload('mq-bench'),
  grpcSendReceive,
  sendWorkload('java', 1, 'SYNC_FLUSH'),
  sendWorkload('mq-bench', 1, 'SYNC_FLUSH'),
  sendWorkload('java', 64, 'SYNC_FLUSH'),
  sendWorkload('mq-bench', 64, 'SYNC_FLUSH'),
];

/** What a full run measures unless `--workloads` says otherwise: everything but the 8-sender rows. */
export const FULL_WORKLOADS: readonly string[] = WORKLOADS.map((workload) => workload.id).filter((id) => !/-producer-8-/.test(id));

/**
 * What `--short` measures, for CI: rows whose tools start in a second or two (no JVM client),
 * and no gRPC, which would add the Apache proxy's start-up.
 */
export const SHORT_WORKLOADS: readonly string[] = ['mq-bench-producer-8-async', 'mq-bench-consumer-backlog'];

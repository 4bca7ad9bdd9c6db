import { runGrpcWorkload } from './grpc-bench';
import { sampleWhile } from './process-stats';
import { MESSAGE_SIZE, TOPIC_QUEUES } from './profile';
import { benchName, usageFigures, Workload } from './workload';

/** The official Node gRPC client: sends for a while with many in flight, then receives and acks them all. */
export const grpcSendReceive: Workload = {
  id: 'grpc-send-receive',
  description: 'rocketmq-client-nodejs over gRPC: send, then receive + ack, ASYNC_FLUSH',
  flushDiskType: 'ASYNC_FLUSH',
  grpc: true,
  async run(ctx) {
    const endpoint = ctx.cluster.grpcEndpoint;
    if (!endpoint) throw new Error(`the ${ctx.cluster.side} cluster was started without its gRPC endpoint`);
    const topic = benchName(this.id);
    await ctx.probe.createTopic(topic, TOPIC_QUEUES);
    const spec = {
      endpoint,
      topic,
      group: `${topic}_group`,
      messageSize: MESSAGE_SIZE,
      concurrency: ctx.profile.grpcConcurrency,
      sendDurationMs: ctx.profile.grpcSendDurationMs,
      receiveTimeoutMs: ctx.profile.grpcReceiveTimeoutMs,
    };
    const [result, usage] = await sampleWhile(ctx.cluster.grpcServerPids, () => runGrpcWorkload(spec));
    return {
      sendTps: result.sendTps,
      consumeTps: result.receiveTps,
      rtAvgMs: result.sendRt.avgMs,
      rtP99Ms: result.sendRt.p99Ms,
      rtMaxMs: result.sendRt.maxMs,
      failures: result.sendFailed + Math.max(0, result.sent - result.received),
      ...usageFigures(usage),
    };
  },
};

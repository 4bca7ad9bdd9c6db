import { SystemTopic } from '@mq/common';
import type { ClientOptions } from '../client-options';
import type { ProducerOptions } from '../producer/producer-options';
import { AsyncTraceDispatcher, MAX_TRACE_MESSAGE_SIZE, type TraceSender } from './async-trace-dispatcher';
import type { TraceOptions } from './trace-options';

/** Whose records a dispatcher carries; part of the trace producer's group name. */
export type TraceDispatcherType = 'PRODUCE' | 'CONSUME';

/** Prefix of trace producer groups (Java's `TraceConstants.GROUP_NAME_PREFIX`). */
export const TRACE_GROUP_NAME_PREFIX = '_INNER_TRACE_PRODUCER';
/** Instance name prefix of trace producers, which share one client per name server list. */
export const TRACE_INSTANCE_NAME = 'PID_CLIENT_INNER_TRACE_PRODUCER';
const DEFAULT_TRACE_BATCH = 10;
const TRACE_SEND_TIMEOUT_MS = 5000;

let traceProducerCounter = 0;

/** The settings of a host's trace producer, named as Java names it. */
export function traceProducerOptions(host: ClientOptions, hostGroup: string, type: TraceDispatcherType): ProducerOptions {
  const namesrvAddr = host.namesrvAddr ?? process.env.NAMESRV_ADDR;
  return {
    namesrvAddr,
    clientIp: host.clientIp,
    pollNameServerIntervalMs: host.pollNameServerIntervalMs,
    heartbeatBrokerIntervalMs: host.heartbeatBrokerIntervalMs,
    requestTimeoutMs: host.requestTimeoutMs,
    instanceName: `${TRACE_INSTANCE_NAME}_${namesrvAddr ?? ''}`,
    group: `${TRACE_GROUP_NAME_PREFIX}-${hostGroup}-${type}-${++traceProducerCounter}`,
    sendMsgTimeoutMs: TRACE_SEND_TIMEOUT_MS,
    maxMessageSize: MAX_TRACE_MESSAGE_SIZE,
  };
}

/**
 * The dispatcher of a producer or consumer with `enableTrace`, or undefined when trace is
 * off. `createProducer` builds the internal trace producer (a plain `Producer`, trace off).
 */
export function createTraceDispatcher(
  host: ClientOptions & TraceOptions,
  hostGroup: string,
  type: TraceDispatcherType,
  createProducer: (options: ProducerOptions) => TraceSender,
): AsyncTraceDispatcher | undefined {
  if (!host.enableTrace) return undefined;
  return new AsyncTraceDispatcher({
    traceTopic: host.customizedTraceTopic?.trim() || SystemTopic.TRACE,
    batchNum: host.traceMsgBatchNum ?? DEFAULT_TRACE_BATCH,
    createSender: () => createProducer(traceProducerOptions(host, hostGroup, type)),
  });
}

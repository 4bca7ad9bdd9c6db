/** Message trace settings of producers and consumers (Java's `ClientConfig` trace fields). */
export interface TraceOptions {
  /** Send a trace record for every send, consumption and transaction end; default false. */
  enableTrace?: boolean;
  /** Topic the trace records go to; default `RMQ_SYS_TRACE_TOPIC`. */
  customizedTraceTopic?: string;
  /** Trace records per trace message; default 10, at most 20 (`traceMsgBatchNum`). */
  traceMsgBatchNum?: number;
}

/** Names of the trace fields, for option types that leave them out of their resolved settings. */
export type TraceOptionKey = keyof TraceOptions;

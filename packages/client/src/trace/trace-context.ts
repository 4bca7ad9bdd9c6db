/**
 * The trace records of RocketMQ's message trace (Java's `TraceContext`/`TraceBean`), in the
 * shape the trace data format carries them.
 */

/** Record kinds, by the names written into the trace data (Java's `TraceType`). */
export type TraceType = 'Pub' | 'Recall' | 'SubBefore' | 'SubAfter' | 'EndTransaction';

/** Java's `MessageType`; the trace data carries the ordinal. */
export const TraceMessageType = {
  Normal_Msg: 0,
  Trans_Msg_Half: 1,
  Trans_msg_Commit: 2,
  Delay_Msg: 3,
  Order_Msg: 4,
} as const;
export type TraceMessageType = (typeof TraceMessageType)[keyof typeof TraceMessageType];

/** How a listener call ended (Java's `ConsumeReturnType`); SubAfter carries the ordinal as its context code. */
export const ConsumeReturnType = {
  SUCCESS: 0,
  TIME_OUT: 1,
  EXCEPTION: 2,
  RETURNNULL: 3,
  FAILED: 4,
} as const;
export type ConsumeReturnType = (typeof ConsumeReturnType)[keyof typeof ConsumeReturnType];

/** Transaction outcomes written by EndTransaction records (Java's `LocalTransactionState` names). */
export type TraceTransactionState = 'COMMIT_MESSAGE' | 'ROLLBACK_MESSAGE' | 'UNKNOW';

/** Region id used when a broker or message names none (Java's `MixAll.DEFAULT_TRACE_REGION_ID`). */
export const DEFAULT_TRACE_REGION_ID = 'DefaultRegion';

/** One traced message. `tags`, `keys` and `transactionId` are written as `null` when absent, as Java writes them. */
export interface TraceBean {
  topic: string;
  msgId: string;
  offsetMsgId: string;
  tags?: string;
  keys?: string;
  storeHost: string;
  clientHost: string;
  retryTimes: number;
  bodyLength: number;
  msgType: TraceMessageType;
  transactionId?: string;
  transactionState?: TraceTransactionState;
  fromTransactionCheck: boolean;
}

/** One trace record: what happened to its beans, when, where and how long it took. */
export interface TraceContext {
  traceType: TraceType;
  /** Epoch ms the traced step started. */
  timeStamp: number;
  regionId: string;
  groupName: string;
  costTime: number;
  success: boolean;
  /** Ties a SubAfter to its SubBefore. */
  requestId: string;
  /** SubAfter: the {@link ConsumeReturnType} ordinal. */
  contextCode: number;
  traceBeans: TraceBean[];
}

/** A bean with Java's defaults (empty strings, zeros, a normal message) under `fields`. */
export function createTraceBean(fields: Partial<TraceBean> = {}): TraceBean {
  return {
    topic: '',
    msgId: '',
    offsetMsgId: '',
    tags: '',
    keys: '',
    storeHost: '',
    clientHost: '',
    retryTimes: 0,
    bodyLength: 0,
    msgType: TraceMessageType.Normal_Msg,
    fromTransactionCheck: false,
    ...fields,
  };
}

import { DriverResult } from './java';

/** One SendResult as the drivers report it (body and tags added for messages they built). */
export interface SentMessage {
  status: string;
  /** The client's unique id (UNIQ_KEY); comma-separated ids for a batch. */
  msgId: string;
  offsetMsgId: string;
  queueId: number;
  queueOffset: number;
  body?: string;
  tags?: string | null;
}

/** One delivered or looked-up MessageExt. */
export interface ReceivedMessage {
  body: string;
  tags: string | null;
  keys: string | null;
  msgId: string;
  queueId: number;
  queueOffset: number;
  reconsumeTimes: number;
}

/** Per queue id (as a string key): the broker's max offset or a committed offset. */
export type OffsetsByQueue = Record<string, number>;

export interface ProduceResult extends DriverResult {
  sent: SentMessage[];
  storedPerQueue: OffsetsByQueue;
}

export interface PushConsumeResult extends DriverResult {
  sent: SentMessage[];
  consumers: { instance: string; queues: number[]; received: ReceivedMessage[] }[];
}

export interface LitePullResult extends DriverResult {
  sent: SentMessage[];
  received: ReceivedMessage[];
  committed?: OffsetsByQueue;
}

export interface QueryResult extends DriverResult {
  sent: SentMessage[];
  byKey: { key: string; found: ReceivedMessage[] }[];
  byId: { offsetMsgId: string; found: ReceivedMessage }[];
}

export interface ResumeResult extends DriverResult {
  sent: SentMessage[];
  committedBeforeRestart: OffsetsByQueue;
  firstRun: ReceivedMessage[];
  secondRun: ReceivedMessage[];
}

export interface ClusterProbeResult extends DriverResult {
  brokers: { brokerName: string; addrs: Record<string, string> }[];
}

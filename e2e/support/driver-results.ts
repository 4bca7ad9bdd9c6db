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

/** A delivered message with its times, as the advanced drivers report it. */
export interface TimedMessage extends ReceivedMessage {
  bornTimestamp: number;
  /** When the broker stored this copy (a retry or a scheduled delivery is a new copy). */
  storeTimestamp: number;
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

/** The record a send stored, looked up by its offset message id. */
export interface StoredRecord {
  topic: string;
  queueId: number;
  storeTimestamp: number;
  properties: Record<string, string>;
}

export interface DelayedDeliveryResult extends DriverResult {
  topic: string;
  /** `property` when the client has no timer API and the driver set TIMER_DELIVER_MS itself. */
  timerApi: 'setDeliverTimeMs' | 'property';
  sent: (SentMessage & { scheduled: number; deliverAtMs: number | null })[];
  stored: StoredRecord[];
  received: TimedMessage[];
}

export interface TransactionResult extends DriverResult {
  sent: (SentMessage & { localState: string })[];
  /** Message body to the number of check-backs the producer answered for it. */
  checks: Record<string, number>;
  received: TimedMessage[];
}

/** A request the broker refused: its response code and remark. */
export interface Refusal {
  code: number;
  remark?: string;
  message?: string;
}

export interface RetryDlqResult extends DriverResult {
  group: string;
  deadLetterTopic: string;
  unknownSendBack: Refusal;
  sent: SentMessage[];
  deliveries: TimedMessage[];
  deadLetters: (TimedMessage & { topic: string })[];
}

export interface SqlFilterResult extends DriverResult {
  malformed: Refusal;
  sent: SentMessage[];
  /** What the group of expression j received. */
  received: TimedMessage[][];
}

export interface ResetOffsetByTimeResult extends DriverResult {
  sent: SentMessage[];
  resetTimestamp: number;
  resetOffsets: OffsetsByQueue;
  beforeReset: TimedMessage[];
  afterReset: TimedMessage[];
}

import type { MessageExt, MessageQueue } from '@mq/common';
import type {
  BodyInit,
  CheckTransactionStateRequestHeader,
  ConsumeMessageDirectlyResult,
  ConsumerData,
  ConsumerRunningInfo,
  TopicRouteData,
} from '@mq/remoting';

/** What the shared client instance needs from a producer registered with it. */
export interface ProducerMember {
  readonly group: string;
  /** Topics whose routes the instance keeps fresh for this producer. */
  publishTopics(): Iterable<string>;
  /** A topic's route changed (or was first fetched). */
  onTopicRouteChanged(topic: string, route: TopicRouteData): void;
  /** A broker asks about a half message of this producer's group; transactional producers answer. */
  checkTransactionState?(brokerAddr: string, message: MessageExt, header: CheckTransactionStateRequestHeader): void;
}

/** What the shared client instance needs from a consumer registered with it. */
export interface ConsumerMember {
  readonly group: string;
  /** This consumer's part of the heartbeat. */
  heartbeatData(): BodyInit<typeof ConsumerData>;
  /** Topics whose routes the instance keeps fresh for this consumer. */
  subscribeTopics(): Iterable<string>;
  /** A topic's route changed (or was first fetched). */
  onTopicRouteChanged(topic: string, route: TopicRouteData): void;
  /** Rebalance now (NOTIFY_CONSUMER_IDS_CHANGED). */
  rebalanceSoon(): void;
  /** Persist offsets now (timer and shutdown). */
  persistOffsets(): Promise<void>;
  /** RESET_CONSUMER_CLIENT_OFFSET: move these queues to these offsets. */
  resetOffsets?(topic: string, offsets: ReadonlyArray<[MessageQueue, number]>): Promise<void>;
  /** GET_CONSUMER_RUNNING_INFO. */
  runningInfo?(): Promise<BodyInit<typeof ConsumerRunningInfo>>;
  /** CONSUME_MESSAGE_DIRECTLY. */
  consumeDirectly?(message: MessageExt, brokerName: string | undefined): Promise<BodyInit<typeof ConsumeMessageDirectlyResult>>;
}

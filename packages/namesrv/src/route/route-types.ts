/**
 * Shapes the route table keeps and takes in. What it hands out uses the protocol catalogue's
 * body types (`TopicRouteData`, `ClusterInfo`, `TopicList`, ... from `@mq/remoting`).
 */

/** A broker's metadata version (`DataVersion`): changes whenever its topic configs change. */
export interface DataVersion {
  counter: number;
  stateVersion: number;
  timestamp: number;
}

/** The part of a broker's `TopicConfig` the name server keeps. */
export interface RegisteredTopicConfig {
  topicName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  topicSysFlag: number;
}

/** The queues one broker serves for one topic (a `QueueData` whose broker name is known). */
export interface QueueEntry {
  brokerName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  topicSysFlag: number;
}

/** One broker group: the master (id 0) and slaves (id ≥ 1) sharing a `brokerName`. */
export interface BrokerGroup {
  cluster: string;
  brokerName: string;
  brokerAddrs: Map<number, string>;
  enableActingMaster: boolean;
  zoneName?: string;
}

import {
  MQError,
  MessageQueue,
  SystemGroup,
  decodeOffsetMessageId,
  decodeStoredRecord,
  decodeStoredRecords,
  formatHostAddress,
  getLogger,
  getRetryTopic,
  parseJavaProperties,
  type MessageExt,
} from '@mq/common';
import {
  ClusterInfo,
  ConsumeStats,
  ConsumerConnection,
  CreateTopicRequestHeader,
  DeleteSubscriptionGroupRequestHeader,
  DeleteTopicFromNamesrvRequestHeader,
  DeleteTopicRequestHeader,
  GetConsumeStatsRequestHeader,
  GetConsumerConnectionListRequestHeader,
  GetProducerConnectionListRequestHeader,
  GetTopicStatsInfoRequestHeader,
  KVTable,
  MessageRequestModeSerializeWrapper,
  ProducerConnection,
  QueryMessageRequestHeader,
  RemotingCommand,
  RequestCode,
  ResetOffsetBody,
  ResetOffsetRequestHeader,
  ResponseCode,
  SubscriptionGroupConfig,
  TopicList,
  TopicStatsTable,
  ViewMessageRequestHeader,
  type BodyInit,
  type ExtFields,
  type MessageRequestMode,
  type TopicRouteData,
} from '@mq/remoting';
import type { ClientOptions } from '../client-options';
import { pullMessage, type PullResult } from '../consumer/pull-api';
import { MQClientInstance } from '../instance/mq-client-instance';
import { brokerAddressOf, MASTER_ID } from '../instance/topic-route';
import type { ConsumerProgress, CreateTopicOptions, QueueProgress, QueueStats } from './admin-types';
import { cleanExpiredConsumeQueue, queryTopicConsumeByWho, viewBrokerStatsData, type BrokerStatsData } from './broker-maintenance';
import { addWritePerm, deleteKvConfig, getKvConfig, putKvConfig, wipeWritePerm, type WritePermChange } from './namesrv-maintenance';
import { getAllMessageRequestMode, setMessageRequestMode } from './message-request-mode';

const log = getLogger('Admin');
const QUERY_TIMEOUT_MS = 15_000;

/**
 * Operator calls against name servers and brokers (Java's `DefaultMQAdminExt`, what mqadmin
 * uses): topics, subscription groups, cluster and broker state, consumer progress and
 * connections, message queries and offset resets. Failures are MQError with the server's code.
 *
 * ```ts
 * const admin = new Admin({ namesrvAddr });
 * await admin.start();
 * await admin.createTopicInCluster('DefaultCluster', { topic: 'Orders', writeQueueNums: 8 });
 * const { totalLag } = await admin.consumerProgress('Billing');
 * await admin.shutdown();
 * ```
 */
export class Admin {
  private readonly instance: MQClientInstance;
  private state: 'created' | 'running' | 'stopped' = 'created';

  constructor(options: ClientOptions) {
    this.instance = MQClientInstance.acquire({ instanceName: `admin-${Date.now()}-${process.pid}`, ...options });
  }

  async start(): Promise<void> {
    if (this.state !== 'created') throw new MQError(ResponseCode.SYSTEM_ERROR, `The Admin service state is ${this.state}, it can be started only once`);
    this.instance.registerAdmin();
    this.state = 'running';
  }

  /** Closes the connections (when no other client shares them). Idempotent. */
  async shutdown(): Promise<void> {
    if (this.state !== 'running') {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopped';
    await this.instance.unregisterAdmin();
  }

  // ---- name server -----------------------------------------------------------------------

  /** Brokers by name and broker names by cluster (GET_BROKER_CLUSTER_INFO). */
  async clusterInfo(): Promise<ClusterInfo> {
    const response = await this.namesrvCall(RequestCode.GET_BROKER_CLUSTER_INFO);
    return ClusterInfo.decode(requireBody(response));
  }

  /** Every topic the name servers know (GET_ALL_TOPIC_LIST_FROM_NAMESERVER). */
  async topicList(): Promise<string[]> {
    const response = await this.namesrvCall(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER);
    return TopicList.decode(requireBody(response)).topicList;
  }

  /** A topic's route; MQError(TOPIC_NOT_EXIST) when it has none. */
  async topicRoute(topic: string): Promise<TopicRouteData> {
    const route = await this.instance.api.getTopicRoute(topic);
    if (!route) throw new MQError(ResponseCode.TOPIC_NOT_EXIST, `No topic route info in name server for the topic: ${topic}`);
    return route;
  }

  /** The master address of every broker in `cluster`. */
  async clusterMasters(cluster: string): Promise<string[]> {
    const info = await this.clusterInfo();
    const names = (info.clusterAddrTable as Record<string, string[]>)[cluster];
    if (!names) throw new MQError(ResponseCode.SYSTEM_ERROR, `cluster [${cluster}] not exist`);
    const brokers = info.brokerAddrTable as Record<string, ClusterInfo['brokerAddrTable'][string]>;
    return names.map((name) => brokerAddressOf(brokers[name], MASTER_ID)).filter((addr): addr is string => addr !== undefined);
  }

  // ---- topics ------------------------------------------------------------------------------

  /** Creates or updates a topic on one broker (UPDATE_AND_CREATE_TOPIC). */
  async createTopic(brokerAddr: string, options: CreateTopicOptions): Promise<void> {
    const header = CreateTopicRequestHeader.encode({
      topic: options.topic,
      defaultTopic: 'TBW102',
      readQueueNums: options.readQueueNums ?? 8,
      writeQueueNums: options.writeQueueNums ?? 8,
      perm: options.perm ?? 6,
      topicFilterType: options.topicFilterType ?? 'SINGLE_TAG',
      topicSysFlag: options.topicSysFlag ?? 0,
      order: options.order ?? false,
      attributes: options.attributes ?? '',
    });
    await this.brokerCall(brokerAddr, RequestCode.UPDATE_AND_CREATE_TOPIC, header);
  }

  /** Creates or updates a topic on every master of `cluster`. */
  async createTopicInCluster(cluster: string, options: CreateTopicOptions): Promise<void> {
    for (const addr of await this.clusterMasters(cluster)) await this.createTopic(addr, options);
  }

  /** Deletes a topic from every master of `cluster` (DELETE_TOPIC_IN_BROKER), then from every name server (DELETE_TOPIC_IN_NAMESRV). */
  async deleteTopic(cluster: string, topic: string): Promise<void> {
    for (const addr of await this.clusterMasters(cluster)) {
      await this.brokerCall(addr, RequestCode.DELETE_TOPIC_IN_BROKER, DeleteTopicRequestHeader.encode({ topic }));
    }
    const header = DeleteTopicFromNamesrvRequestHeader.encode({ topic, clusterName: cluster });
    for (const addr of this.instance.api.namesrvAddresses) {
      await this.brokerCall(addr, RequestCode.DELETE_TOPIC_IN_NAMESRV, header);
    }
  }

  /** Min/max offsets of every queue of a topic, over all its brokers (GET_TOPIC_STATS_INFO). */
  async topicStats(topic: string): Promise<QueueStats[]> {
    const stats: QueueStats[] = [];
    for (const addr of routeBrokerAddresses(await this.topicRoute(topic))) {
      const response = await this.brokerCall(addr, RequestCode.GET_TOPIC_STATS_INFO, GetTopicStatsInfoRequestHeader.encode({ topic }));
      for (const [mq, offsets] of TopicStatsTable.decode(requireBody(response)).offsetTable) {
        stats.push({ mq: toMessageQueue(mq), ...offsets });
      }
    }
    return stats.sort((a, b) => a.mq.compareTo(b.mq));
  }

  // ---- subscription groups -------------------------------------------------------------------

  /** Creates or updates a subscription group on one broker (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP); unset fields take Java's defaults. */
  async createSubscriptionGroup(brokerAddr: string, config: BodyInit<typeof SubscriptionGroupConfig> & { groupName: string }): Promise<void> {
    await this.brokerCall(brokerAddr, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, {}, SubscriptionGroupConfig.encode(config));
  }

  /** Deletes a subscription group from one broker (DELETE_SUBSCRIPTIONGROUP), optionally with its offsets. */
  async deleteSubscriptionGroup(brokerAddr: string, groupName: string, cleanOffset = false): Promise<void> {
    await this.brokerCall(brokerAddr, RequestCode.DELETE_SUBSCRIPTIONGROUP, DeleteSubscriptionGroupRequestHeader.encode({ groupName, cleanOffset }));
  }

  // ---- brokers -----------------------------------------------------------------------------

  /** A broker's runtime statistics (GET_BROKER_RUNTIME_INFO), e.g. `brokerVersionDesc`, `putTps`. */
  async brokerRuntimeInfo(brokerAddr: string): Promise<Record<string, string>> {
    const response = await this.brokerCall(brokerAddr, RequestCode.GET_BROKER_RUNTIME_INFO);
    return KVTable.decode(requireBody(response)).table as Record<string, string>;
  }

  /** A broker's configuration (GET_BROKER_CONFIG), key by key. */
  async brokerConfig(brokerAddr: string): Promise<Map<string, string>> {
    const response = await this.brokerCall(brokerAddr, RequestCode.GET_BROKER_CONFIG);
    return parseJavaProperties((response.body ?? Buffer.alloc(0)).toString('latin1'));
  }

  /** Changes broker configuration keys at runtime (UPDATE_BROKER_CONFIG). */
  async updateBrokerConfig(brokerAddr: string, properties: Readonly<Record<string, string>>): Promise<void> {
    const text = Object.entries(properties).map(([key, value]) => `${key}=${value}\n`).join('');
    await this.brokerCall(brokerAddr, RequestCode.UPDATE_BROKER_CONFIG, {}, Buffer.from(text, 'utf8'));
  }

  // ---- consumers and producers -------------------------------------------------------------------

  /** Per-queue lag of a group over the brokers of its retry topic (GET_CONSUME_STATS); `topic` narrows it. */
  async consumerProgress(group: string, topic?: string): Promise<ConsumerProgress> {
    const queues: QueueProgress[] = [];
    let consumeTps = 0;
    for (const addr of routeBrokerAddresses(await this.topicRoute(getRetryTopic(group)))) {
      const header = GetConsumeStatsRequestHeader.encode({ consumerGroup: group, topic });
      const stats = ConsumeStats.decode(requireBody(await this.brokerCall(addr, RequestCode.GET_CONSUME_STATS, header)));
      consumeTps += stats.consumeTps;
      for (const [mq, offsets] of stats.offsetTable) {
        queues.push({ mq: toMessageQueue(mq), ...offsets, lag: Math.max(0, offsets.brokerOffset - offsets.consumerOffset) });
      }
    }
    queues.sort((a, b) => a.mq.compareTo(b.mq));
    return { queues, consumeTps, totalLag: queues.reduce((sum, queue) => sum + queue.lag, 0) };
  }

  /** The online clients of a consumer group and their subscriptions (GET_CONSUMER_CONNECTION_LIST). */
  async consumerConnections(group: string): Promise<ConsumerConnection> {
    const addr = anyBrokerAddress(await this.topicRoute(getRetryTopic(group)));
    const header = GetConsumerConnectionListRequestHeader.encode({ consumerGroup: group });
    return ConsumerConnection.decode(requireBody(await this.brokerCall(addr, RequestCode.GET_CONSUMER_CONNECTION_LIST, header)));
  }

  /** The online clients of a producer group, asked of a broker hosting `topic` (GET_PRODUCER_CONNECTION_LIST). */
  async producerConnections(group: string, topic: string): Promise<ProducerConnection> {
    const addr = anyBrokerAddress(await this.topicRoute(topic));
    const header = GetProducerConnectionListRequestHeader.encode({ producerGroup: group });
    return ProducerConnection.decode(requireBody(await this.brokerCall(addr, RequestCode.GET_PRODUCER_CONNECTION_LIST, header)));
  }

  /**
   * Moves a group's offsets on `topic` to the first message stored at or after `timestamp`
   * (`-1`: the end), on every broker (INVOKE_BROKER_TO_RESET_OFFSET). Without `force`, only
   * offsets that move backwards change. Resolves with the new offsets.
   */
  async resetOffsetByTime(group: string, topic: string, timestamp: number, force = true): Promise<Array<[MessageQueue, number]>> {
    const reset: Array<[MessageQueue, number]> = [];
    const header = ResetOffsetRequestHeader.encode({ topic, group, timestamp, isForce: force });
    for (const addr of routeBrokerAddresses(await this.topicRoute(topic))) {
      const response = await this.brokerCall(addr, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, header);
      if (!response.body) continue;
      for (const [mq, offset] of ResetOffsetBody.decode(response.body).offsetTable) reset.push([toMessageQueue(mq), offset]);
    }
    return reset.sort(([a], [b]) => a.compareTo(b));
  }

  // ---- messages ------------------------------------------------------------------------------------

  /** The message an offsetMsgId points at, read from the broker inside the id (VIEW_MESSAGE_BY_ID). */
  async viewMessage(offsetMsgId: string): Promise<MessageExt> {
    const { storeHost, commitLogOffset } = decodeOffsetMessageId(offsetMsgId);
    const header = ViewMessageRequestHeader.encode({ offset: commitLogOffset });
    const response = await this.brokerCall(formatHostAddress(storeHost), RequestCode.VIEW_MESSAGE_BY_ID, header);
    return decodeStoredRecord(requireBody(response)).message;
  }

  /**
   * A message by id, like mqadmin `queryMsgById`: as an offsetMsgId first, then as a client
   * UNIQ_KEY on every broker of `topic`. MQError(NO_MESSAGE) when neither finds it.
   */
  async queryMessageById(topic: string, msgId: string): Promise<MessageExt> {
    try {
      return await this.viewMessage(msgId);
    } catch (error) {
      log.debug({ msgId, err: (error as Error).message }, 'not an offsetMsgId here, trying it as a unique key');
    }
    const [found] = await this.queryMessages(topic, msgId, 32, 0, Number.MAX_SAFE_INTEGER, true);
    if (!found) throw new MQError(ResponseCode.NO_MESSAGE, `query message by id finished, but no message: ${msgId}`);
    return found;
  }

  /** Messages of `topic` whose KEYS contain `key`, stored in [begin, end], from every broker (QUERY_MESSAGE). */
  async queryMessageByKey(topic: string, key: string, maxNum = 64, begin = 0, end = Number.MAX_SAFE_INTEGER): Promise<MessageExt[]> {
    return this.queryMessages(topic, key, maxNum, begin, end, false);
  }

  /** The message at `offset` of a queue, like mqadmin `queryMsgByOffset` (PULL_MESSAGE as TOOLS_CONSUMER); undefined when none. */
  async queryMessageByOffset(mq: MessageQueue, offset: number): Promise<MessageExt | undefined> {
    return (await this.pullMessages(mq, offset, 1)).messages[0];
  }

  /** Messages of `topic` whose client UNIQ_KEY is `uniqueKey`, from every broker (QUERY_MESSAGE with `_UNIQUE_KEY_QUERY`). */
  async queryMessageByUniqueKey(topic: string, uniqueKey: string, maxNum = 32): Promise<MessageExt[]> {
    return this.queryMessages(topic, uniqueKey, maxNum, 0, Number.MAX_SAFE_INTEGER, true);
  }

  /**
   * Up to `maxMsgNums` messages of a queue from `offset`, without suspending and without
   * committing (PULL_MESSAGE as `group`, TOOLS_CONSUMER by default), like mqadmin `printMsg`.
   */
  async pullMessages(mq: MessageQueue, offset: number, maxMsgNums: number, subExpression = '*', group: string = SystemGroup.TOOLS_CONSUMER): Promise<PullResult> {
    this.checkRunning();
    const header = { consumerGroup: group, queueOffset: offset, maxMsgNums, sysFlag: 0x4, commitOffset: 0, suspendTimeoutMillis: 0, subscription: subExpression, subVersion: 0, expressionType: 'TAG' };
    return pullMessage(this.instance, mq, header, undefined, this.instance.api.timeoutMs);
  }

  /** The first offset of a queue whose message was stored at or after `timestamp` (SEARCH_OFFSET_BY_TIMESTAMP). */
  async searchOffset(mq: MessageQueue, timestamp: number): Promise<number> {
    return this.instance.api.searchOffset(await this.queueBrokerAddress(mq), mq, timestamp);
  }

  // ---- name server maintenance -------------------------------------------------------------

  /** Creates or updates a KV config entry on every name server (PUT_KV_CONFIG). */
  async putKvConfig(namespace: string, key: string, value: string): Promise<void> {
    this.checkRunning();
    await putKvConfig(this.instance.api, namespace, key, value);
  }

  /** A KV config value (GET_KV_CONFIG), or undefined when no name server has the key. */
  async getKvConfig(namespace: string, key: string): Promise<string | undefined> {
    this.checkRunning();
    return getKvConfig(this.instance.api, namespace, key);
  }

  /** Deletes a KV config entry from every name server (DELETE_KV_CONFIG). */
  async deleteKvConfig(namespace: string, key: string): Promise<void> {
    this.checkRunning();
    await deleteKvConfig(this.instance.api, namespace, key);
  }

  /** Takes the write permission from a broker's topics on every name server (WIPE_WRITE_PERM_OF_BROKER). */
  async wipeWritePerm(brokerName: string): Promise<WritePermChange[]> {
    this.checkRunning();
    return wipeWritePerm(this.instance.api, brokerName);
  }

  /** Gives the write permission back to a broker's topics on every name server (ADD_WRITE_PERM_OF_BROKER). */
  async addWritePerm(brokerName: string): Promise<WritePermChange[]> {
    this.checkRunning();
    return addWritePerm(this.instance.api, brokerName);
  }

  // ---- broker maintenance and statistics --------------------------------------------------------

  /** Asks a broker to drop consume queues whose messages have all expired (CLEAN_EXPIRED_CONSUMEQUEUE). */
  async cleanExpiredConsumeQueue(brokerAddr: string): Promise<void> {
    this.checkRunning();
    await cleanExpiredConsumeQueue(this.instance.api, brokerAddr);
  }

  /** Groups that consume `topic` on any broker of its route (QUERY_TOPIC_CONSUME_BY_WHO), sorted. */
  async queryTopicConsumeByWho(topic: string): Promise<string[]> {
    this.checkRunning();
    const groups = new Set<string>();
    for (const addr of routeBrokerAddresses(await this.topicRoute(topic))) {
      for (const group of await queryTopicConsumeByWho(this.instance.api, addr, topic)) groups.add(group);
    }
    return [...groups].sort();
  }

  /** One broker statistic, e.g. `TOPIC_PUT_NUMS` keyed by topic (VIEW_BROKER_STATS_DATA). */
  async viewBrokerStatsData(brokerAddr: string, statsName: string, statsKey: string): Promise<BrokerStatsData> {
    this.checkRunning();
    return viewBrokerStatsData(this.instance.api, brokerAddr, statsName, statsKey);
  }

  // ---- server-side rebalancing (5.x) -------------------------------------------------------------

  /**
   * Sets whether `consumerGroup` pulls or pops the queues of `topic` that `brokerAddr` assigns
   * to consumers with client rebalancing off (SET_MESSAGE_REQUEST_MODE, mqadmin `setConsumeMode`).
   * In POP mode a consumer also pops the queues of the `popShareQueueNum` consumers after it
   * (≤ 0: every consumer pops every queue). MQError NO_PERMISSION for a retry topic,
   * TOPIC_NOT_EXIST, SUBSCRIPTION_GROUP_NOT_EXIST.
   */
  async setMessageRequestMode(brokerAddr: string, topic: string, consumerGroup: string, mode: MessageRequestMode, popShareQueueNum = 0): Promise<void> {
    this.checkRunning();
    await setMessageRequestMode(this.instance.api, brokerAddr, { topic, consumerGroup, mode, popShareQueueNum });
  }

  /** Every topic/group mode set on one broker (GET_ALL_MESSAGE_REQUEST_MODE). */
  async getAllMessageRequestMode(brokerAddr: string): Promise<MessageRequestModeSerializeWrapper> {
    this.checkRunning();
    return getAllMessageRequestMode(this.instance.api, brokerAddr);
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private async queryMessages(topic: string, key: string, maxNum: number, beginTimestamp: number, endTimestamp: number, uniqueKeyQuery: boolean): Promise<MessageExt[]> {
    const header = QueryMessageRequestHeader.encode({ topic, key, maxNum, beginTimestamp, endTimestamp, uniqueKeyQuery });
    const found: MessageExt[] = [];
    for (const addr of routeBrokerAddresses(await this.topicRoute(topic))) {
      const response = await this.brokerCall(addr, RequestCode.QUERY_MESSAGE, header, undefined, [ResponseCode.QUERY_NOT_FOUND], QUERY_TIMEOUT_MS);
      if (response.code !== ResponseCode.SUCCESS || !response.body) continue;
      found.push(...decodeStoredRecords(response.body).filter((message) => message.topic === topic));
    }
    return found;
  }

  private async queueBrokerAddress(mq: MessageQueue): Promise<string> {
    const broker = (await this.topicRoute(mq.topic)).brokerDatas.find((data) => data.brokerName === mq.brokerName);
    const addr = broker && (brokerAddressOf(broker, MASTER_ID) ?? brokerAddressOf(broker, MASTER_ID + 1));
    if (!addr) throw new MQError(ResponseCode.SYSTEM_ERROR, `broker ${mq.brokerName} is not in the route of ${mq.topic}`);
    return addr;
  }

  private async namesrvCall(code: number): Promise<RemotingCommand> {
    const request = RemotingCommand.createRequest(code);
    const response = await this.instance.api.invokeNamesrv(request);
    if (response.code !== ResponseCode.SUCCESS) throw new MQError(response.code, response.remark ?? `name server answered ${response.code} to ${code}`);
    return response;
  }

  private brokerCall(addr: string, code: number, header: ExtFields = {}, body?: Buffer, accepted: readonly number[] = [], timeoutMs?: number): Promise<RemotingCommand> {
    this.checkRunning();
    return this.instance.api.call(addr, RemotingCommand.createRequest(code, header, body), timeoutMs, accepted);
  }

  private checkRunning(): void {
    if (this.state !== 'running') throw new MQError(ResponseCode.SYSTEM_ERROR, `The Admin is ${this.state}: call start() first`);
  }
}

/** The address of every broker in a route, its master when it has one. */
function routeBrokerAddresses(route: TopicRouteData): string[] {
  return route.brokerDatas
    .map((broker) => brokerAddressOf(broker, MASTER_ID) ?? brokerAddressOf(broker, MASTER_ID + 1))
    .filter((addr): addr is string => addr !== undefined);
}

function anyBrokerAddress(route: TopicRouteData): string {
  const addresses = routeBrokerAddresses(route);
  const addr = addresses[Math.floor(Math.random() * addresses.length)];
  if (!addr) throw new MQError(ResponseCode.SYSTEM_ERROR, 'the route names no broker address');
  return addr;
}

function toMessageQueue(mq: { topic?: string; brokerName?: string; queueId: number }): MessageQueue {
  return new MessageQueue(mq.topic ?? '', mq.brokerName ?? '', mq.queueId);
}

function requireBody(response: RemotingCommand): Buffer {
  if (!response.body || response.body.length === 0) throw new MQError(ResponseCode.SYSTEM_ERROR, `response ${response.code} has no body`);
  return response.body;
}

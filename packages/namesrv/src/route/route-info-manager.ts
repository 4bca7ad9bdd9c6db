import { PermName, TopicSysFlag, getLogger, namesrvConfigSchema } from '@mq/common';
import { BrokerLiveTable, type BrokerLiveInfo } from './broker-live-table';
import { MASTER_ID } from './flags';
import type { BrokerData, ClusterInfo, TopicList, TopicRouteData } from '@mq/remoting';
import type { BrokerGroup, DataVersion, QueueEntry, RegisteredTopicConfig } from './route-types';

/** Settings of the route table (names as in RocketMQ's `NamesrvConfig`). */
export interface RouteInfoManagerOptions {
  /** Drop a broker's topics that a later full registration no longer lists. Default false. */
  deleteTopicWithBrokerRegistration?: boolean;
  /** Present the lowest-id slave as master in routes when a master is gone. Default false. */
  supportActingMaster?: boolean;
  /** Expiry for brokers that send no `heartbeatTimeoutMillis`. Default 120 000 ms (Java's `DEFAULT_BROKER_CHANNEL_EXPIRED_TIME`). */
  brokerChannelExpiredTime?: number;
  /** Clock, replaceable in tests. Default `Date.now`. */
  now?: () => number;
}

/** One REGISTER_BROKER request, decoded. */
export interface BrokerRegistration {
  clusterName: string;
  brokerAddr: string;
  brokerName: string;
  /** 0 = master, ≥ 1 = slave. */
  brokerId: number;
  haServerAddr: string;
  zoneName?: string;
  heartbeatTimeoutMillis?: number;
  /** Absent for brokers older than 5.0, which do not send it. */
  enableActingMaster?: boolean;
  dataVersion: DataVersion;
  topicConfigs: readonly RegisteredTopicConfig[];
  /** Absent: keep what the broker advertised before; empty: it has none. */
  filterServerList?: readonly string[];
  /** The connection it came over, so that closing it unregisters the broker. */
  channel?: object;
}

/** What a registering broker is told: for slaves, where their master is. */
export interface RegisterBrokerResult {
  masterAddr?: string;
  haServerAddr?: string;
}

/** A broker address to remove (UNREGISTER_BROKER header). */
export interface BrokerAddress {
  clusterName: string;
  brokerAddr: string;
  brokerName: string;
  brokerId: number;
}

/**
 * The name server's route table (`RouteInfoManager`): clusters, broker groups, the queues
 * each broker serves per topic, and broker liveness. Single-threaded, so no locks.
 */
export class RouteInfoManager {
  private readonly topicQueueTable = new Map<string, Map<string, QueueEntry>>();
  private readonly brokerAddrTable = new Map<string, BrokerGroup>();
  private readonly clusterAddrTable = new Map<string, Set<string>>();
  private readonly liveTable = new BrokerLiveTable();
  private readonly log = getLogger('RouteInfoManager');
  private readonly now: () => number;
  private readonly defaultExpiry: number;

  constructor(private readonly options: RouteInfoManagerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.defaultExpiry = options.brokerChannelExpiredTime ?? namesrvConfigSchema.brokerChannelExpiredTime.defaultValue;
  }

  /**
   * Records a broker's registration (heartbeat). Returns `null` when RocketMQ refuses it: an
   * unknown broker id whose first registration carries exactly one topic (an incremental
   * registration must follow a full one).
   */
  registerBroker(reg: BrokerRegistration): RegisterBrokerResult | null {
    this.addToCluster(reg.clusterName, reg.brokerName);
    const known = this.brokerAddrTable.get(reg.brokerName);
    const brokerData = known ?? this.newBrokerData(reg);
    brokerData.enableActingMaster = reg.enableActingMaster === true;
    brokerData.zoneName = reg.zoneName;
    const addrs = brokerData.brokerAddrs;

    removeAddrUnderOtherIds(addrs, reg.brokerAddr, reg.brokerId);
    if (this.isStaleReplacement(reg, addrs)) {
      this.liveTable.remove(reg.clusterName, reg.brokerAddr);
      return {};
    }
    if (!addrs.has(reg.brokerId) && reg.topicConfigs.length === 1) {
      this.log.warn({ brokerName: reg.brokerName, brokerId: reg.brokerId }, 'incremental registration before a full one');
      return null;
    }
    const registerFirst = known === undefined || !addrs.get(reg.brokerId);
    addrs.set(reg.brokerId, reg.brokerAddr);

    if (this.updatesTopicRoutes(reg, brokerData)) this.applyTopicConfigs(reg, brokerData, registerFirst);
    this.recordLiveness(reg);
    return this.masterOf(reg, brokerData);
  }

  /** Removes broker addresses (UNREGISTER_BROKER, closed connection, expiry). */
  unregisterBrokers(brokers: readonly BrokerAddress[]): void {
    const removedNames = new Set<string>();
    const reducedNames = new Set<string>();
    for (const broker of brokers) {
      if (this.unregisterOne(broker)) removedNames.add(broker.brokerName);
      else reducedNames.add(broker.brokerName);
    }
    this.cleanTopics(removedNames, reducedNames);
  }

  /** Refreshes a broker's liveness (QUERY_DATA_VERSION, BROKER_HEARTBEAT). */
  updateBrokerInfoUpdateTimestamp(clusterName: string, brokerAddr: string): void {
    this.liveTable.touch(clusterName, brokerAddr, this.now());
  }

  /** The DataVersion the broker last registered with, if it is live. */
  queryBrokerTopicConfig(clusterName: string, brokerAddr: string): DataVersion | undefined {
    return this.liveTable.get(clusterName, brokerAddr)?.dataVersion;
  }

  /** Whether `dataVersion` differs from what the broker last registered (or it is unknown). */
  isBrokerTopicConfigChanged(clusterName: string, brokerAddr: string, dataVersion: DataVersion): boolean {
    const previous = this.queryBrokerTopicConfig(clusterName, brokerAddr);
    return previous === undefined || !sameDataVersion(previous, dataVersion);
  }

  /** Unregisters every broker whose last heartbeat is older than its timeout; returns them. */
  scanNotActiveBroker(): BrokerLiveInfo[] {
    const expired = this.liveTable.expired(this.now());
    for (const info of expired) {
      this.log.warn({ clusterName: info.clusterName, brokerAddr: info.brokerAddr }, 'broker channel expired');
      this.onBrokerGone(info);
    }
    return expired;
  }

  /** Unregisters the broker that registered over `channel` (its connection closed). */
  onChannelDestroy(channel: object): void {
    const info = this.liveTable.findByChannel(channel);
    if (info) this.onBrokerGone(info);
  }

  /** The route of `topic`, or `undefined` when no live broker serves it. */
  pickupTopicRouteData(topic: string): TopicRouteData | undefined {
    const queueMap = this.topicQueueTable.get(topic);
    if (!queueMap) return undefined;
    const groups = [...queueMap.keys()]
      .map((brokerName) => this.brokerAddrTable.get(brokerName))
      .filter((group): group is BrokerGroup => group !== undefined)
      .map(cloneGroup);
    if (groups.length === 0) return undefined;
    const queueDatas = [...queueMap.values()].map((queueData) => ({ ...queueData }));
    if (this.options.supportActingMaster) promoteActingMasters(groups, queueDatas);
    return { queueDatas, brokerDatas: groups.map(toBrokerData), filterServerTable: this.filterServersOf(groups) };
  }

  /** All clusters and broker groups (GET_BROKER_CLUSTER_INFO). */
  getAllClusterInfo(): ClusterInfo {
    const brokerAddrTable: Record<string, BrokerData> = {};
    for (const [name, group] of this.brokerAddrTable) brokerAddrTable[name] = toBrokerData(group);
    const clusterAddrTable: Record<string, string[]> = {};
    for (const [cluster, names] of this.clusterAddrTable) clusterAddrTable[cluster] = [...names];
    return { brokerAddrTable, clusterAddrTable };
  }

  /** The member addresses of one broker group (GET_BROKER_MEMBER_GROUP). */
  getBrokerMemberGroup(brokerName: string): Map<number, string> {
    return new Map(this.brokerAddrTable.get(brokerName)?.brokerAddrs ?? []);
  }

  /** Every topic with a route. */
  getAllTopicList(): TopicList {
    return { topicList: [...this.topicQueueTable.keys()] };
  }

  /** Topics served by any broker of `cluster`. */
  getTopicsByCluster(cluster: string): TopicList {
    const brokerNames = this.clusterAddrTable.get(cluster) ?? new Set<string>();
    const topics = [...this.topicQueueTable]
      .filter(([, queueMap]) => [...brokerNames].some((name) => queueMap.has(name)))
      .map(([topic]) => topic);
    return { topicList: topics };
  }

  /** Cluster and broker names, which brokers register as topics, plus one broker address. */
  getSystemTopicList(): TopicList {
    const names = new Set<string>();
    for (const [cluster, brokerNames] of this.clusterAddrTable) {
      names.add(cluster);
      for (const brokerName of brokerNames) names.add(brokerName);
    }
    const firstAddr = [...this.brokerAddrTable.values()].find((data) => data.brokerAddrs.size > 0)?.brokerAddrs.values().next().value;
    return firstAddr === undefined ? { topicList: [...names] } : { topicList: [...names], brokerAddr: firstAddr };
  }

  /** Topics flagged as unit topics. */
  getUnitTopics(): TopicList {
    return this.topicsWhoseFlag((flag) => (flag & TopicSysFlag.FLAG_UNIT) !== 0);
  }

  /** Topics flagged as having unit subscriptions. */
  getHasUnitSubTopicList(): TopicList {
    return this.topicsWhoseFlag((flag) => (flag & TopicSysFlag.FLAG_UNIT_SUB) !== 0);
  }

  /** Non-unit topics that have unit subscriptions. */
  getHasUnitSubUnUnitTopicList(): TopicList {
    return this.topicsWhoseFlag((flag) => (flag & TopicSysFlag.FLAG_UNIT) === 0 && (flag & TopicSysFlag.FLAG_UNIT_SUB) !== 0);
  }

  /** Drops a topic's route, everywhere or (with `clusterName`) on that cluster's brokers only. */
  deleteTopic(topic: string, clusterName?: string): void {
    if (!clusterName) {
      this.topicQueueTable.delete(topic);
      return;
    }
    const queueMap = this.topicQueueTable.get(topic);
    const brokerNames = this.clusterAddrTable.get(clusterName);
    if (!queueMap || !brokerNames) return;
    for (const brokerName of brokerNames) queueMap.delete(brokerName);
    if (queueMap.size === 0) this.topicQueueTable.delete(topic);
  }

  /**
   * Merges queue data into a topic's route (REGISTER_TOPIC_IN_NAMESRV). Like RocketMQ, it stops
   * at the first queue data whose broker is unknown.
   */
  registerTopic(topic: string, queueDatas: readonly QueueEntry[]): void {
    if (queueDatas.length === 0) return;
    const queueMap = this.topicQueueMap(topic);
    for (const queueData of queueDatas) {
      if (!this.brokerAddrTable.has(queueData.brokerName)) {
        this.log.warn({ topic, brokerName: queueData.brokerName }, 'register topic names an unknown broker');
        return;
      }
      queueMap.set(queueData.brokerName, { ...queueData });
    }
  }

  /** Clears the WRITE bit of every topic on `brokerName`; returns how many topics it touched. */
  wipeWritePermOfBroker(brokerName: string): number {
    return this.forEachQueueOf(brokerName, (queueData) => {
      queueData.perm &= ~PermName.PERM_WRITE;
    });
  }

  /** Sets every topic on `brokerName` back to read+write; returns how many topics it touched. */
  addWritePermOfBroker(brokerName: string): number {
    return this.forEachQueueOf(brokerName, (queueData) => {
      queueData.perm = PermName.PERM_READ | PermName.PERM_WRITE;
    });
  }

  private newBrokerData(reg: BrokerRegistration): BrokerGroup {
    const data: BrokerGroup = {
      cluster: reg.clusterName,
      brokerName: reg.brokerName,
      brokerAddrs: new Map(),
      enableActingMaster: false,
    };
    this.brokerAddrTable.set(reg.brokerName, data);
    return data;
  }

  private addToCluster(clusterName: string, brokerName: string): void {
    const names = this.clusterAddrTable.get(clusterName) ?? new Set<string>();
    names.add(brokerName);
    this.clusterAddrTable.set(clusterName, names);
  }

  /** A different address already holds this id and has registered a newer state version. */
  private isStaleReplacement(reg: BrokerRegistration, addrs: Map<number, string>): boolean {
    const oldAddr = addrs.get(reg.brokerId);
    if (oldAddr === undefined || oldAddr === reg.brokerAddr) return false;
    const oldInfo = this.liveTable.get(reg.clusterName, oldAddr);
    if (!oldInfo || oldInfo.dataVersion.stateVersion <= reg.dataVersion.stateVersion) return false;
    this.log.warn({ brokerName: reg.brokerName, brokerId: reg.brokerId, oldAddr, brokerAddr: reg.brokerAddr }, 'registration conflicts with a newer broker, ignored');
    return true;
  }

  /** Only the master, or the lowest-id slave of a 5.x group, defines topic routes. */
  private updatesTopicRoutes(reg: BrokerRegistration, brokerData: BrokerGroup): boolean {
    if (reg.brokerId === MASTER_ID) return true;
    return reg.enableActingMaster !== undefined && reg.brokerId === minKey(brokerData.brokerAddrs);
  }

  private applyTopicConfigs(reg: BrokerRegistration, brokerData: BrokerGroup, registerFirst: boolean): void {
    if (this.options.deleteTopicWithBrokerRegistration) this.dropTopicsNotIn(reg);
    const actingMaster = reg.brokerId !== MASTER_ID && brokerData.enableActingMaster;
    const versionChanged = this.isBrokerTopicConfigChanged(reg.clusterName, reg.brokerAddr, reg.dataVersion);
    for (const config of reg.topicConfigs) {
      if (!registerFirst && !versionChanged && this.topicQueueTable.get(config.topicName)?.has(reg.brokerName)) continue;
      const perm = actingMaster ? config.perm & ~PermName.PERM_WRITE : config.perm;
      this.putQueueData(config.topicName, {
        brokerName: reg.brokerName,
        readQueueNums: config.readQueueNums,
        writeQueueNums: config.writeQueueNums,
        perm,
        topicSysFlag: config.topicSysFlag,
      });
    }
  }

  private dropTopicsNotIn(reg: BrokerRegistration): void {
    const listed = new Set(reg.topicConfigs.map((config) => config.topicName));
    for (const [topic, queueMap] of this.topicQueueTable) {
      if (listed.has(topic) || !queueMap.delete(reg.brokerName)) continue;
      if (queueMap.size === 0) this.topicQueueTable.delete(topic);
    }
  }

  private putQueueData(topic: string, queueData: QueueEntry): void {
    const queueMap = this.topicQueueMap(topic);
    const previous = queueMap.get(queueData.brokerName);
    if (previous && sameQueueData(previous, queueData)) return;
    queueMap.set(queueData.brokerName, queueData);
    this.log.info({ topic, ...queueData }, previous ? 'topic route changed' : 'topic route added');
  }

  private topicQueueMap(topic: string): Map<string, QueueEntry> {
    let queueMap = this.topicQueueTable.get(topic);
    if (!queueMap) {
      queueMap = new Map();
      this.topicQueueTable.set(topic, queueMap);
    }
    return queueMap;
  }

  private recordLiveness(reg: BrokerRegistration): void {
    const previous = this.liveTable.get(reg.clusterName, reg.brokerAddr);
    this.liveTable.put({
      clusterName: reg.clusterName,
      brokerAddr: reg.brokerAddr,
      lastUpdateTimestamp: this.now(),
      heartbeatTimeoutMillis: reg.heartbeatTimeoutMillis ?? this.defaultExpiry,
      dataVersion: { ...reg.dataVersion },
      haServerAddr: reg.haServerAddr,
      channel: reg.channel,
      filterServers: reg.filterServerList ?? previous?.filterServers,
    });
    if (!previous) this.log.info({ clusterName: reg.clusterName, brokerAddr: reg.brokerAddr, brokerName: reg.brokerName, brokerId: reg.brokerId }, 'new broker registered');
  }

  private masterOf(reg: BrokerRegistration, brokerData: BrokerGroup): RegisterBrokerResult {
    if (reg.brokerId === MASTER_ID) return {};
    const masterAddr = brokerData.brokerAddrs.get(MASTER_ID);
    const master = masterAddr === undefined ? undefined : this.liveTable.get(reg.clusterName, masterAddr);
    return master ? { masterAddr, haServerAddr: master.haServerAddr } : {};
  }

  /** Removes one address; returns true when its broker group is now empty and gone. */
  private unregisterOne(broker: BrokerAddress): boolean {
    this.liveTable.remove(broker.clusterName, broker.brokerAddr);
    const brokerData = this.brokerAddrTable.get(broker.brokerName);
    if (!brokerData) return false;
    for (const [id, addr] of brokerData.brokerAddrs) {
      if (addr === broker.brokerAddr) brokerData.brokerAddrs.delete(id);
    }
    this.log.info({ ...broker }, 'broker unregistered');
    if (brokerData.brokerAddrs.size > 0) return false;
    this.brokerAddrTable.delete(broker.brokerName);
    const names = this.clusterAddrTable.get(broker.clusterName);
    names?.delete(broker.brokerName);
    if (names?.size === 0) this.clusterAddrTable.delete(broker.clusterName);
    return true;
  }

  /** Drops routes of vanished broker groups; read-only routes for acting-master groups without a master. */
  private cleanTopics(removedNames: Set<string>, reducedNames: Set<string>): void {
    for (const [topic, queueMap] of this.topicQueueTable) {
      for (const brokerName of removedNames) queueMap.delete(brokerName);
      if (queueMap.size === 0) {
        this.topicQueueTable.delete(topic);
        continue;
      }
      for (const brokerName of reducedNames) {
        const queueData = queueMap.get(brokerName);
        if (queueData && this.hasLostMasterInActingMode(brokerName)) queueData.perm &= ~PermName.PERM_WRITE;
      }
    }
  }

  private hasLostMasterInActingMode(brokerName: string): boolean {
    const brokerData = this.brokerAddrTable.get(brokerName);
    return brokerData !== undefined && brokerData.enableActingMaster && minKey(brokerData.brokerAddrs) !== MASTER_ID;
  }

  private onBrokerGone(info: BrokerLiveInfo): void {
    const located = this.locate(info.clusterName, info.brokerAddr);
    if (located) this.unregisterBrokers([located]);
    else this.liveTable.remove(info.clusterName, info.brokerAddr);
  }

  /** Finds the broker name and id an address is registered under in a cluster. */
  private locate(clusterName: string, brokerAddr: string): BrokerAddress | undefined {
    for (const data of this.brokerAddrTable.values()) {
      if (data.cluster !== clusterName) continue;
      for (const [brokerId, addr] of data.brokerAddrs) {
        if (addr === brokerAddr) return { clusterName, brokerAddr, brokerName: data.brokerName, brokerId };
      }
    }
    return undefined;
  }

  private filterServersOf(groups: readonly BrokerGroup[]): Record<string, string[]> {
    const table: Record<string, string[]> = {};
    if (!this.liveTable.hasFilterServers()) return table;
    for (const group of groups) {
      for (const addr of group.brokerAddrs.values()) {
        const servers = this.liveTable.get(group.cluster, addr)?.filterServers;
        if (servers) table[addr] = [...servers];
      }
    }
    return table;
  }

  /** RocketMQ judges a topic's flags by its first queue data. */
  private topicsWhoseFlag(matches: (topicSysFlag: number) => boolean): TopicList {
    const topics: string[] = [];
    for (const [topic, queueMap] of this.topicQueueTable) {
      const first = queueMap.values().next().value;
      if (first && matches(first.topicSysFlag)) topics.push(topic);
    }
    return { topicList: topics };
  }

  private forEachQueueOf(brokerName: string, update: (queueData: QueueEntry) => void): number {
    let count = 0;
    for (const queueMap of this.topicQueueTable.values()) {
      const queueData = queueMap.get(brokerName);
      if (!queueData) continue;
      update(queueData);
      count++;
    }
    return count;
  }
}

function removeAddrUnderOtherIds(addrs: Map<number, string>, brokerAddr: string, brokerId: number): void {
  for (const [id, addr] of addrs) {
    if (addr === brokerAddr && id !== brokerId) addrs.delete(id);
  }
}

function minKey(addrs: Map<number, string>): number | undefined {
  let min: number | undefined;
  for (const id of addrs.keys()) if (min === undefined || id < min) min = id;
  return min;
}

function cloneGroup(group: BrokerGroup): BrokerGroup {
  return { ...group, brokerAddrs: new Map(group.brokerAddrs) };
}

function toBrokerData(group: BrokerGroup): BrokerData {
  return { ...group, brokerAddrs: Object.fromEntries(group.brokerAddrs) };
}

function sameDataVersion(a: DataVersion, b: DataVersion): boolean {
  return a.counter === b.counter && a.timestamp === b.timestamp && a.stateVersion === b.stateVersion;
}

function sameQueueData(a: QueueEntry, b: QueueEntry): boolean {
  return (
    a.readQueueNums === b.readQueueNums &&
    a.writeQueueNums === b.writeQueueNums &&
    a.perm === b.perm &&
    a.topicSysFlag === b.topicSysFlag
  );
}

/**
 * Acting-master view (`supportActingMaster`): a group with no master whose queues are
 * read-only shows its lowest-id slave under id 0, so clients can still read from it.
 */
function promoteActingMasters(groups: BrokerGroup[], queueDatas: readonly QueueEntry[]): void {
  for (const data of groups) {
    const lowest = minKey(data.brokerAddrs);
    if (lowest === undefined || lowest === MASTER_ID || !data.enableActingMaster) continue;
    const queueData = queueDatas.find((candidate) => candidate.brokerName === data.brokerName);
    if (!queueData || (queueData.perm & PermName.PERM_WRITE) !== 0) continue;
    const addr = data.brokerAddrs.get(lowest) as string;
    data.brokerAddrs.delete(lowest);
    data.brokerAddrs.set(MASTER_ID, addr);
  }
}

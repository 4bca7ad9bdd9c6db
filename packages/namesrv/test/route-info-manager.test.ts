import { RouteInfoManager, type BrokerRegistration } from '../src/route/route-info-manager';
import type { RegisteredTopicConfig } from '../src/route/route-types';

function topic(topicName: string, extra: Partial<RegisteredTopicConfig> = {}): RegisteredTopicConfig {
  return { topicName, readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0, ...extra };
}

function registration(overrides: Partial<BrokerRegistration> = {}): BrokerRegistration {
  return {
    clusterName: 'DefaultCluster',
    brokerAddr: '10.0.0.1:10911',
    brokerName: 'broker-a',
    brokerId: 0,
    haServerAddr: '10.0.0.1:10912',
    enableActingMaster: false,
    dataVersion: { counter: 1, stateVersion: 0, timestamp: 1000 },
    topicConfigs: [topic('TopicTest'), topic('TBW102', { perm: 7, readQueueNums: 8, writeQueueNums: 8 })],
    ...overrides,
  };
}

const slave: Partial<BrokerRegistration> = { brokerId: 1, brokerAddr: '10.0.0.2:10911', haServerAddr: '10.0.0.2:10912' };

describe('RouteInfoManager', () => {
  let clock: number;
  let routes: RouteInfoManager;

  beforeEach(() => {
    clock = 1_000_000;
    routes = new RouteInfoManager({ now: () => clock });
  });

  it('routes a topic to the registered master', () => {
    expect(routes.registerBroker(registration())).toEqual({});
    const route = routes.pickupTopicRouteData('TopicTest');
    expect(route).toEqual({
      queueDatas: [{ brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 }],
      brokerDatas: [
        { cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: { 0: '10.0.0.1:10911' }, enableActingMaster: false, zoneName: undefined },
      ],
      filterServerTable: {},
    });
    expect(routes.pickupTopicRouteData('Unknown')).toBeUndefined();
  });

  it('tells a slave where its master and HA server are; slaves do not change routes', () => {
    routes.registerBroker(registration());
    const result = routes.registerBroker(registration({ ...slave, topicConfigs: [topic('TopicTest', { perm: 4 }), topic('Other')] }));
    expect(result).toEqual({ masterAddr: '10.0.0.1:10911', haServerAddr: '10.0.0.1:10912' });
    const route = routes.pickupTopicRouteData('TopicTest');
    expect(route?.queueDatas[0].perm).toBe(6);
    expect(route?.brokerDatas[0].brokerAddrs).toEqual({ 0: '10.0.0.1:10911', 1: '10.0.0.2:10911' });
    expect(routes.pickupTopicRouteData('Other')).toBeUndefined();
  });

  it('answers a slave without a live master with no master address', () => {
    expect(routes.registerBroker(registration(slave))).toEqual({});
  });

  it('refuses a first registration that carries exactly one topic', () => {
    expect(routes.registerBroker(registration({ topicConfigs: [topic('Only')] }))).toBeNull();
    routes.registerBroker(registration());
    expect(routes.registerBroker(registration({ topicConfigs: [topic('Only')], dataVersion: { counter: 2, stateVersion: 0, timestamp: 2000 } }))).toEqual({});
    expect(routes.pickupTopicRouteData('Only')).toBeDefined();
  });

  it('keeps topics missing from a later registration unless deleteTopicWithBrokerRegistration', () => {
    routes.registerBroker(registration());
    routes.registerBroker(registration({ topicConfigs: [topic('TBW102'), topic('New')], dataVersion: { counter: 2, stateVersion: 0, timestamp: 2 } }));
    expect(routes.pickupTopicRouteData('TopicTest')).toBeDefined();

    const deleting = new RouteInfoManager({ deleteTopicWithBrokerRegistration: true });
    deleting.registerBroker(registration());
    deleting.registerBroker(registration({ topicConfigs: [topic('TBW102'), topic('New')], dataVersion: { counter: 2, stateVersion: 0, timestamp: 2 } }));
    expect(deleting.pickupTopicRouteData('TopicTest')).toBeUndefined();
    expect(deleting.pickupTopicRouteData('New')).toBeDefined();
  });

  it('updates queue data only when the data version changes', () => {
    routes.registerBroker(registration());
    routes.registerBroker(registration({ topicConfigs: [topic('TopicTest', { writeQueueNums: 8 }), topic('TBW102')] }));
    expect(routes.pickupTopicRouteData('TopicTest')?.queueDatas[0].writeQueueNums).toBe(4);
    routes.registerBroker(registration({ topicConfigs: [topic('TopicTest', { writeQueueNums: 8 }), topic('TBW102')], dataVersion: { counter: 2, stateVersion: 0, timestamp: 1000 } }));
    expect(routes.pickupTopicRouteData('TopicTest')?.queueDatas[0].writeQueueNums).toBe(8);
  });

  it('moves an address that switches from slave to master', () => {
    routes.registerBroker(registration(slave));
    routes.registerBroker(registration({ brokerAddr: slave.brokerAddr }));
    expect(routes.getAllClusterInfo().brokerAddrTable['broker-a'].brokerAddrs).toEqual({ 0: '10.0.0.2:10911' });
  });

  it('reports data version changes and refreshes liveness on query', () => {
    const version = { counter: 1, stateVersion: 0, timestamp: 1000 };
    expect(routes.isBrokerTopicConfigChanged('DefaultCluster', '10.0.0.1:10911', version)).toBe(true);
    routes.registerBroker(registration());
    expect(routes.isBrokerTopicConfigChanged('DefaultCluster', '10.0.0.1:10911', version)).toBe(false);
    expect(routes.isBrokerTopicConfigChanged('DefaultCluster', '10.0.0.1:10911', { ...version, counter: 2 })).toBe(true);
    expect(routes.queryBrokerTopicConfig('DefaultCluster', '10.0.0.1:10911')).toEqual(version);

    clock += 100_000;
    routes.updateBrokerInfoUpdateTimestamp('DefaultCluster', '10.0.0.1:10911');
    clock += 100_000;
    expect(routes.scanNotActiveBroker()).toEqual([]);
  });

  it('expires brokers after 120 s, or their own heartbeatTimeoutMillis', () => {
    routes.registerBroker(registration());
    routes.registerBroker(registration({ ...slave, heartbeatTimeoutMillis: 10_000 }));
    clock += 10_001;
    expect(routes.scanNotActiveBroker().map((info) => info.brokerAddr)).toEqual(['10.0.0.2:10911']);
    expect(routes.getBrokerMemberGroup('broker-a')).toEqual(new Map([[0, '10.0.0.1:10911']]));
    clock += 110_000;
    expect(routes.scanNotActiveBroker()).toHaveLength(1);
    expect(routes.pickupTopicRouteData('TopicTest')).toBeUndefined();
    expect(routes.getAllClusterInfo().clusterAddrTable).toEqual({});
    expect(routes.getAllTopicList().topicList).toEqual([]);
  });

  it('unregisters the broker whose connection closed, keeping the group while an address is left', () => {
    const masterChannel = {};
    const slaveChannel = {};
    routes.registerBroker(registration({ channel: masterChannel }));
    routes.registerBroker(registration({ ...slave, channel: slaveChannel }));
    routes.onChannelDestroy(masterChannel);
    const route = routes.pickupTopicRouteData('TopicTest');
    expect(route?.brokerDatas[0].brokerAddrs).toEqual({ 1: '10.0.0.2:10911' });
    routes.onChannelDestroy({});
    routes.onChannelDestroy(slaveChannel);
    expect(routes.pickupTopicRouteData('TopicTest')).toBeUndefined();
  });

  it('clears the WRITE bit when an acting-master group loses its master, and promotes the slave in routes', () => {
    const acting = new RouteInfoManager({ supportActingMaster: true });
    acting.registerBroker(registration({ enableActingMaster: true }));
    acting.registerBroker(registration({ ...slave, enableActingMaster: true }));
    acting.unregisterBrokers([{ clusterName: 'DefaultCluster', brokerAddr: '10.0.0.1:10911', brokerName: 'broker-a', brokerId: 0 }]);
    const route = acting.pickupTopicRouteData('TopicTest');
    expect(route?.queueDatas[0].perm).toBe(4);
    expect(route?.brokerDatas[0].brokerAddrs).toEqual({ 0: '10.0.0.2:10911' });
  });

  it('lists topics: all, by cluster, system, unit flags', () => {
    routes.registerBroker(registration({ topicConfigs: [topic('U', { topicSysFlag: 1 }), topic('S', { topicSysFlag: 2 }), topic('US', { topicSysFlag: 3 })] }));
    routes.registerBroker(registration({ clusterName: 'Other', brokerName: 'broker-b', brokerAddr: '10.0.0.9:10911' }));
    expect(routes.getAllTopicList().topicList.sort()).toEqual(['S', 'TBW102', 'TopicTest', 'U', 'US']);
    expect(routes.getTopicsByCluster('DefaultCluster').topicList.sort()).toEqual(['S', 'U', 'US']);
    expect(routes.getTopicsByCluster('Nope').topicList).toEqual([]);
    expect(routes.getSystemTopicList()).toEqual({ topicList: ['DefaultCluster', 'broker-a', 'Other', 'broker-b'], brokerAddr: '10.0.0.1:10911' });
    expect(routes.getUnitTopics().topicList.sort()).toEqual(['U', 'US']);
    expect(routes.getHasUnitSubTopicList().topicList.sort()).toEqual(['S', 'US']);
    expect(routes.getHasUnitSubUnUnitTopicList().topicList).toEqual(['S']);
  });

  it('deletes a topic everywhere or per cluster', () => {
    routes.registerBroker(registration());
    routes.registerBroker(registration({ clusterName: 'Other', brokerName: 'broker-b', brokerAddr: '10.0.0.9:10911' }));
    routes.deleteTopic('TopicTest', 'Other');
    expect(routes.pickupTopicRouteData('TopicTest')?.brokerDatas.map((data: { brokerName?: string }) => data.brokerName)).toEqual(['broker-a']);
    routes.deleteTopic('TopicTest', 'DefaultCluster');
    expect(routes.pickupTopicRouteData('TopicTest')).toBeUndefined();
    routes.deleteTopic('TBW102');
    expect(routes.getAllTopicList().topicList).toEqual([]);
  });

  it('wipes and restores write permission per broker', () => {
    routes.registerBroker(registration());
    expect(routes.wipeWritePermOfBroker('broker-a')).toBe(2);
    expect(routes.pickupTopicRouteData('TBW102')?.queueDatas[0].perm).toBe(5);
    expect(routes.addWritePermOfBroker('broker-a')).toBe(2);
    expect(routes.pickupTopicRouteData('TBW102')?.queueDatas[0].perm).toBe(6);
    expect(routes.wipeWritePermOfBroker('nobody')).toBe(0);
  });

  it('merges registered topics only for known brokers', () => {
    routes.registerBroker(registration());
    routes.registerTopic('Merged', [{ brokerName: 'broker-a', readQueueNums: 2, writeQueueNums: 2, perm: 6, topicSysFlag: 0 }]);
    expect(routes.pickupTopicRouteData('Merged')?.queueDatas).toHaveLength(1);
    routes.registerTopic('Ghost', [{ brokerName: 'broker-z', readQueueNums: 2, writeQueueNums: 2, perm: 6, topicSysFlag: 0 }]);
    expect(routes.pickupTopicRouteData('Ghost')).toBeUndefined();
  });

  it('lists filter servers per broker address', () => {
    routes.registerBroker(registration({ filterServerList: ['10.0.0.1:30000'] }));
    expect(routes.pickupTopicRouteData('TopicTest')?.filterServerTable).toEqual({ '10.0.0.1:10911': ['10.0.0.1:30000'] });
  });

  it('ignores a registration for a taken id from an older state version', () => {
    routes.registerBroker(registration({ dataVersion: { counter: 1, stateVersion: 5, timestamp: 1 } }));
    expect(routes.registerBroker(registration({ brokerAddr: '10.0.0.7:10911', dataVersion: { counter: 1, stateVersion: 1, timestamp: 1 } }))).toEqual({});
    expect(routes.getBrokerMemberGroup('broker-a')).toEqual(new Map([[0, '10.0.0.1:10911']]));
  });
});

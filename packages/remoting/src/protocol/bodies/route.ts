import { bodyCodec, BodyOf } from '../json/body-codec';
import { bean, list, map, prop } from '../json/body-schema';

/** A topic's queues on one broker (`perm` bits: 1 inherit, 2 write, 4 read). */
export const QueueData = bodyCodec(
  bean('QueueData', {
    brokerName: prop('string'),
    perm: prop('int', 0),
    readQueueNums: prop('int', 0),
    topicSysFlag: prop('int', 0),
    writeQueueNums: prop('int', 0),
  }),
);
/** A decoded QueueData. */
export type QueueData = BodyOf<typeof QueueData>;

/** One broker group: `brokerAddrs` maps brokerId (0 = master) to `ip:port` (bare numeric keys on the wire). */
export const BrokerData = bodyCodec(
  bean('BrokerData', {
    brokerAddrs: prop(map('long', 'string'), {}),
    brokerName: prop('string'),
    cluster: prop('string'),
    enableActingMaster: prop('boolean', false),
    zoneName: prop('string'),
  }),
);
/** A decoded BrokerData. */
export type BrokerData = BodyOf<typeof BrokerData>;

/** 5.x static-topic mapping of one broker. */
export const TopicQueueMappingInfo = bodyCodec(
  bean('TopicQueueMappingInfo', {
    bname: prop('string'),
    currIdMap: prop(map('int', 'int')),
    dirty: prop('boolean', false),
    epoch: prop('long', 0),
    scope: prop('string'),
    topic: prop('string'),
    totalQueues: prop('int', 0),
  }),
);
/** A decoded TopicQueueMappingInfo. */
export type TopicQueueMappingInfo = BodyOf<typeof TopicQueueMappingInfo>;

/**
 * GET_ROUTEINFO_BY_TOPIC body (§4.4). Leave `topicQueueMappingByBroker` out: a non-empty one
 * switches Java clients to logical-queue routing. Encode with style `standard` when the
 * request's version ≥ 401 or it carried `acceptStandardJsonOnly=true` (§4.3).
 */
export const TopicRouteData = bodyCodec(
  bean('TopicRouteData', {
    orderTopicConf: prop('string'),
    queueDatas: prop(list(QueueData.type), []),
    brokerDatas: prop(list(BrokerData.type), []),
    filterServerTable: prop(map('string', list('string')), {}),
    topicQueueMappingByBroker: prop(map('string', TopicQueueMappingInfo.type)),
  }),
);
/** A decoded TopicRouteData. */
export type TopicRouteData = BodyOf<typeof TopicRouteData>;

/** GET_BROKER_CLUSTER_INFO body: brokers by name, broker names by cluster (always bare numeric keys). */
export const ClusterInfo = bodyCodec(
  bean('ClusterInfo', {
    brokerAddrTable: prop(map('string', BrokerData.type), {}),
    clusterAddrTable: prop(map('string', list('string')), {}),
  }),
);
/** A decoded ClusterInfo. */
export type ClusterInfo = BodyOf<typeof ClusterInfo>;

import {
  GetRouteInfoRequestHeader,
  GetTopicsByClusterRequestHeader,
  MQVersion,
  RequestCode,
  ResponseCode,
  type RemotingCommand,
  type TopicList,
} from '@mq/remoting';
import { NAMESPACE_ORDER_TOPIC_CONFIG } from '../kv/kv-config-manager';
import { encodeClusterInfo, encodeTopicList, encodeTopicRouteData } from '../wire/namesrv-bodies';
import { failure, success, type NamesrvServices, type ProcessorTable } from './namesrv-services';

/** Where RocketMQ 5.x sends people who ask for a topic that has no route. */
const APPLY_TOPIC_URL = 'https://rocketmq.apache.org/docs/bestPractice/06FAQ';

/** Processors for route and topic-list queries from clients and admin tools. */
export function routeProcessors(services: NamesrvServices): ProcessorTable {
  const { routes, config } = services;
  const topicList = (list: () => TopicList, enabled: () => boolean) => (request: RemotingCommand) =>
    enabled() ? success(request, undefined, encodeTopicList(list())) : failure(request, ResponseCode.SYSTEM_ERROR, 'disable');
  const always = () => true;
  const whenTopicListEnabled = () => config.enableTopicList;
  return [
    [RequestCode.GET_ROUTEINFO_BY_TOPIC, (request) => getRouteInfoByTopic(services, request)],
    [RequestCode.GET_BROKER_CLUSTER_INFO, (request) => success(request, undefined, encodeClusterInfo(routes.getAllClusterInfo()))],
    [RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, topicList(() => routes.getAllTopicList(), () => config.enableAllTopicList)],
    [RequestCode.GET_TOPICS_BY_CLUSTER, (request) => getTopicsByCluster(services, request)],
    [RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, topicList(() => routes.getSystemTopicList(), always)],
    [RequestCode.GET_UNIT_TOPIC_LIST, topicList(() => routes.getUnitTopics(), whenTopicListEnabled)],
    [RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, topicList(() => routes.getHasUnitSubTopicList(), whenTopicListEnabled)],
    [RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST, topicList(() => routes.getHasUnitSubUnUnitTopicList(), whenTopicListEnabled)],
  ];
}

function getRouteInfoByTopic(services: NamesrvServices, request: RemotingCommand): RemotingCommand {
  const header = GetRouteInfoRequestHeader.decode(request.extFields);
  if (isWaitingForService(services)) return failure(request, ResponseCode.SYSTEM_ERROR, 'name server not ready');
  const route = services.routes.pickupTopicRouteData(header.topic);
  if (!route) {
    const remark = `No topic route info in name server for the topic: ${header.topic}\nSee ${APPLY_TOPIC_URL} for further details.`;
    return failure(request, ResponseCode.TOPIC_NOT_EXIST, remark);
  }
  if (services.config.orderMessageEnable) {
    route.orderTopicConf = services.kvConfig.getKVConfig(NAMESPACE_ORDER_TOPIC_CONFIG, header.topic);
  }
  const standardJson = request.version >= MQVersion.V4_9_4 || header.acceptStandardJsonOnly === true;
  return success(request, undefined, encodeTopicRouteData(route, standardJson));
}

function isWaitingForService({ config, startedAt }: NamesrvServices): boolean {
  return config.needWaitForService && Date.now() - startedAt < config.waitSecondsForService * 1000;
}

function getTopicsByCluster({ routes, config }: NamesrvServices, request: RemotingCommand): RemotingCommand {
  if (!config.enableTopicList) return failure(request, ResponseCode.SYSTEM_ERROR, 'disable');
  const { cluster } = GetTopicsByClusterRequestHeader.decode(request.extFields);
  return success(request, undefined, encodeTopicList(routes.getTopicsByCluster(cluster)));
}

import { crc32, getLogger } from '@mq/common';
import {
  BrokerHeartbeatRequestHeader,
  QueryDataVersionRequestHeader,
  QueryDataVersionResponseHeader,
  RegisterBrokerRequestHeader,
  RegisterBrokerResponseHeader,
  RegisterTopicRequestHeader,
  RequestCode,
  ResponseCode,
  UnregisterBrokerRequestHeader,
  type RemotingChannel,
  type RemotingCommand,
} from '@mq/remoting';
import { NAMESPACE_ORDER_TOPIC_CONFIG } from '../kv/kv-config-manager';
import { decodeDataVersion, decodeRegistrationBody, decodeRouteQueueDatas, encodeDataVersion, encodeKVTable } from '../wire/namesrv-bodies';
import { failure, success, type NamesrvServices, type ProcessorTable } from './namesrv-services';

const log = getLogger('BrokerRequestProcessor');

/** Processors for what brokers send: registration, heartbeats, data version, topic registration. */
export function brokerProcessors(services: NamesrvServices): ProcessorTable {
  return [
    [RequestCode.REGISTER_BROKER, (request, channel) => registerBroker(services, request, channel)],
    [RequestCode.UNREGISTER_BROKER, (request) => unregisterBroker(services, request)],
    [RequestCode.BROKER_HEARTBEAT, (request) => brokerHeartbeat(services, request)],
    [RequestCode.QUERY_DATA_VERSION, (request) => queryDataVersion(services, request)],
    [RequestCode.REGISTER_TOPIC_IN_NAMESRV, (request) => registerTopic(services, request)],
  ];
}

function registerBroker(services: NamesrvServices, request: RemotingCommand, channel: RemotingChannel): RemotingCommand {
  const header = RegisterBrokerRequestHeader.decode(request.extFields);
  if (header.bodyCrc32 !== 0 && crc32(request.body ?? Buffer.alloc(0)) !== header.bodyCrc32) {
    log.warn({ peer: channel.remoteAddress, brokerName: header.brokerName }, 'register broker: crc32 not match');
    return failure(request, ResponseCode.SYSTEM_ERROR, 'crc32 not match');
  }
  const body = decodeRegistrationBody(request.body, header.compressed, request.version);
  const result = services.routes.registerBroker({
    clusterName: header.clusterName,
    brokerAddr: header.brokerAddr,
    brokerName: header.brokerName,
    brokerId: header.brokerId,
    haServerAddr: header.haServerAddr,
    zoneName: header.zoneName,
    heartbeatTimeoutMillis: header.heartbeatTimeoutMillis,
    enableActingMaster: header.enableActingMaster,
    ...body,
    channel,
  });
  if (!result) return failure(request, ResponseCode.SYSTEM_ERROR, 'register broker failed');
  return success(request, RegisterBrokerResponseHeader.encode(result), orderTopicConfigFor(services));
}

/** The ORDER_TOPIC_CONFIG namespace, returned to brokers so they learn which topics are ordered. */
function orderTopicConfigFor(services: NamesrvServices): Buffer | undefined {
  if (!services.config.returnOrderTopicConfigToBroker) return undefined;
  const table = services.kvConfig.getKVListByNamespace(NAMESPACE_ORDER_TOPIC_CONFIG);
  return table && encodeKVTable(table);
}

function unregisterBroker(services: NamesrvServices, request: RemotingCommand): RemotingCommand {
  const header = UnregisterBrokerRequestHeader.decode(request.extFields);
  services.routes.unregisterBrokers([header]);
  return success(request);
}

function brokerHeartbeat(services: NamesrvServices, request: RemotingCommand): RemotingCommand {
  const header = BrokerHeartbeatRequestHeader.decode(request.extFields);
  services.routes.updateBrokerInfoUpdateTimestamp(header.clusterName, header.brokerAddr);
  return success(request);
}

function queryDataVersion(services: NamesrvServices, request: RemotingCommand): RemotingCommand {
  const { clusterName, brokerAddr } = QueryDataVersionRequestHeader.decode(request.extFields);
  const brokerVersion = request.body && request.body.length > 0 ? decodeDataVersion(request.body) : undefined;
  const { routes } = services;
  const changed = brokerVersion === undefined || routes.isBrokerTopicConfigChanged(clusterName, brokerAddr, brokerVersion);
  routes.updateBrokerInfoUpdateTimestamp(clusterName, brokerAddr);
  const known = routes.queryBrokerTopicConfig(clusterName, brokerAddr);
  return success(request, QueryDataVersionResponseHeader.encode({ changed }), known && encodeDataVersion(known));
}

function registerTopic(services: NamesrvServices, request: RemotingCommand): RemotingCommand {
  const { topic } = RegisterTopicRequestHeader.decode(request.extFields);
  if (request.body && request.body.length > 0) services.routes.registerTopic(topic, decodeRouteQueueDatas(request.body));
  return success(request);
}

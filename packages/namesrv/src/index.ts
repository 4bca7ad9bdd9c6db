/**
 * @mq/namesrv — the RocketMQ NameServer: route table, broker registration and liveness,
 * KV config, and the request processors that answer brokers, clients and admin tools.
 *
 * @packageDocumentation
 */
export { NamesrvController, startNamesrv } from './namesrv-controller';
export type { NamesrvConfig } from '@mq/common';
export { NamesrvConfigStore } from './config/namesrv-config-store';
export { KVConfigManager, NAMESPACE_ORDER_TOPIC_CONFIG } from './kv/kv-config-manager';
export {
  RouteInfoManager,
  type BrokerAddress,
  type BrokerRegistration,
  type RegisterBrokerResult,
  type RouteInfoManagerOptions,
} from './route/route-info-manager';
export { BrokerLiveTable, type BrokerLiveInfo } from './route/broker-live-table';
export { BrokerHousekeeping } from './route/broker-housekeeping';
export type { DataVersion, RegisteredTopicConfig } from './route/route-types';

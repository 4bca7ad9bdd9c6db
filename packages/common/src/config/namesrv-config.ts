import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigEnv } from './config-loader';
import { configField, type ConfigOf } from './config-schema';

/**
 * Keys of Java's `NettyServerConfig` for a server listening on `listenPort` (9876 for the
 * name server, 10911 for a broker). Both read them from the same `.properties` file.
 */
export function nettyServerConfigSchema(listenPort: number) {
  return {
    listenPort: configField.int(listenPort, 'TCP port the server listens on'),
    bindAddress: configField.string('0.0.0.0', 'Local address to bind'),
    serverWorkerThreads: configField.int(8, 'Java worker threads (informational in Node)'),
    serverCallbackExecutorThreads: configField.int(0, 'Java callback threads (informational in Node)'),
    serverSelectorThreads: configField.int(3, 'Java selector threads (informational in Node)'),
    serverOnewaySemaphoreValue: configField.int(256, 'Concurrent one-way requests in flight'),
    serverAsyncSemaphoreValue: configField.int(64, 'Concurrent async requests in flight'),
    serverChannelMaxIdleTimeSeconds: configField.int(120, 'Close a connection idle for this long'),
    serverSocketSndBufSize: configField.int(0, 'SO_SNDBUF; 0 keeps the OS default'),
    serverSocketRcvBufSize: configField.int(0, 'SO_RCVBUF; 0 keeps the OS default'),
    serverSocketBacklog: configField.int(1024, 'listen() backlog'),
    enableShutdownGracefully: configField.boolean(false, 'Wait for in-flight requests at shutdown'),
    shutdownWaitTimeSeconds: configField.int(30, 'Longest graceful shutdown wait'),
  };
}

/**
 * Java's `NamesrvConfig` keys and defaults (plus `brokerChannelExpiredTime`), and the name
 * server's `NettyServerConfig` (port 9876).
 */
export const namesrvConfigSchema = {
  rocketmqHome: configField.string('', 'RocketMQ home directory', { env: ConfigEnv.ROCKETMQ_HOME }),
  kvConfigPath: configField.string(join(homedir(), 'namesrv', 'kvConfig.json'), 'Where the KV config is persisted'),
  configStorePath: configField.string(join(homedir(), 'namesrv', 'namesrv.properties'), 'Where updated config is persisted'),
  productEnvName: configField.string('center', 'Product environment name'),
  clusterTest: configField.boolean(false, 'Cluster test mode'),
  orderMessageEnable: configField.boolean(false, 'Serve ORDER_TOPIC_CONFIG from the KV config'),
  returnOrderTopicConfigToBroker: configField.boolean(true, 'Return order topic config on broker registration'),
  clientRequestThreadPoolNums: configField.int(8, 'Java client request threads (informational in Node)'),
  defaultThreadPoolNums: configField.int(16, 'Java default threads (informational in Node)'),
  clientRequestThreadPoolQueueCapacity: configField.int(50000, 'Queued client requests before rejecting'),
  defaultThreadPoolQueueCapacity: configField.int(10000, 'Queued other requests before rejecting'),
  scanNotActiveBrokerInterval: configField.long(5000, 'ms between scans for expired brokers'),
  /** Not a Java key: Java hard-codes `DEFAULT_BROKER_CHANNEL_EXPIRED_TIME`; this implementation lets it be set. */
  brokerChannelExpiredTime: configField.long(120_000, 'ms without a heartbeat before a broker that sets no heartbeatTimeoutMillis expires'),
  unRegisterBrokerQueueCapacity: configField.int(3000, 'Queued broker unregistrations'),
  supportActingMaster: configField.boolean(false, 'Slave acting master support'),
  enableAllTopicList: configField.boolean(true, 'Answer GET_ALL_TOPIC_LIST_FROM_NAMESERVER'),
  enableTopicList: configField.boolean(true, 'Answer topic list requests'),
  notifyMinBrokerIdChanged: configField.boolean(false, 'Notify brokers when the minimum broker id changes'),
  enableControllerInNamesrv: configField.boolean(false, 'Run the controller inside the name server'),
  needWaitForService: configField.boolean(false, 'Delay serving routes after start'),
  waitSecondsForService: configField.int(45, 'Seconds to delay when needWaitForService'),
  deleteTopicWithBrokerRegistration: configField.boolean(false, 'Drop topics a registering broker no longer reports'),
  configBlackList: configField.string('configBlackList;configStorePath;kvConfigPath', 'Keys UPDATE_NAMESRV_CONFIG may not change'),
  ...nettyServerConfigSchema(9876),
};

/** The name server's typed config. */
export type NamesrvConfig = ConfigOf<typeof namesrvConfigSchema>;

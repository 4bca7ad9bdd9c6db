import os from 'node:os';
import { ConfigEnv, configField, defaultConfig, nettyServerConfigSchema, type ConfigOf } from '@mq/common';
import { MESSAGE_REQUEST_MODES } from '@mq/remoting';

/** `brokerRole` values: a master (asynchronous or synchronous replication) or a slave. */
export const BROKER_ROLES = ['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE'] as const;
/** `brokerRole`: a master (asynchronous or synchronous replication) or a slave. */
export type BrokerRole = (typeof BROKER_ROLES)[number];

/** Broker port BrokerStartup sets over NettyServerConfig's own default. */
export const DEFAULT_BROKER_LISTEN_PORT = 10911;

/**
 * The broker's own keys, named and defaulted as RocketMQ's `BrokerConfig` (5.3.x), plus the
 * broker's `NettyServerConfig` keys (`listenPort` 10911, `bindAddress`, ...) and the two
 * `MessageStoreConfig` keys the broker itself reads (`brokerRole`, `haListenPort`), so an
 * Apache `broker.conf` applies unchanged. Times are milliseconds unless the name says otherwise.
 */
export const brokerConfigSchema = {
  rocketmqHome: configField.string('', 'RocketMQ home directory', { env: ConfigEnv.ROCKETMQ_HOME }),
  namesrvAddr: configField.string('', '`;`-separated name-server addresses', { env: ConfigEnv.NAMESRV_ADDR }),
  brokerIP1: configField.string(localIPv4Address(), 'Address advertised to clients and name servers'),
  brokerIP2: configField.string(localIPv4Address(), 'Address advertised for HA (haServerAddr)'),
  brokerName: configField.string(os.hostname(), 'Broker name (default: the host name)'),
  brokerClusterName: configField.string('DefaultCluster', 'Cluster the broker belongs to'),
  brokerId: configField.long(0, '0 = master, >= 1 = slave'),
  brokerPermission: configField.int(6, 'Broker-wide permission bits (6 = read + write)'),
  defaultTopicQueueNums: configField.int(8, 'Queue count of TBW102, the auto-create template'),
  autoCreateTopicEnable: configField.boolean(true, 'Create topics on first send'),
  clusterTopicEnable: configField.boolean(true, 'Create the cluster-name topic'),
  brokerTopicEnable: configField.boolean(true, 'Create the broker-name topic'),
  autoCreateSubscriptionGroup: configField.boolean(true, 'Create consumer groups on first use'),
  msgTraceTopicName: configField.string('RMQ_SYS_TRACE_TOPIC', 'Message trace topic'),
  traceTopicEnable: configField.boolean(false, 'Create the message trace topic'),
  rejectTransactionMessage: configField.boolean(false, 'Refuse transactional messages'),
  startAcceptSendRequestTimeStamp: configField.long(0, 'Sends before this time (ms) are refused'),
  longPollingEnable: configField.boolean(true, 'Hold pulls until messages arrive'),
  shortPollingTimeMills: configField.long(1000, 'Hold time of a pull without long polling'),
  notifyConsumerIdsChangedEnable: configField.boolean(true, 'Tell consumers when their group changes'),
  transferMsgByHeap: configField.boolean(true, 'Copy pulled bodies onto the heap (same bytes either way)'),
  regionId: configField.string('DefaultRegion', 'Region of this broker'),
  traceOn: configField.boolean(true, 'Tracing allowed on this broker'),
  storeReplyMessageEnable: configField.boolean(true, 'Also store request/reply replies in the commit log'),
  registerBrokerTimeoutMills: configField.int(24000, 'Timeout of REGISTER_BROKER'),
  registerNameServerPeriod: configField.int(30000, 'Period of full re-registration (clamped to 10-60 s)'),
  forceRegister: configField.boolean(true, 'Register even when nothing changed'),
  slaveReadEnable: configField.boolean(false, 'Let consumers read from slaves'),
  litePullMessageEnable: configField.boolean(true, 'Serve LITE_PULL_MESSAGE'),
  enablePropertyFilter: configField.boolean(false, 'SQL92 property filtering'),
  flushConsumerOffsetInterval: configField.int(5000, 'Period of consumerOffset.json persistence'),
  channelExpiredTimeout: configField.long(120000, 'Drop clients without a heartbeat for this long'),
  reviveQueueNum: configField.int(8, 'Queues of the POP revive topic'),
  serverLoadBalancerEnable: configField.boolean(true, 'QUERY_ASSIGNMENT allocates among the group (false: every client gets every queue)'),
  defaultMessageRequestMode: configField.enum(MESSAGE_REQUEST_MODES, 'PULL', 'Mode QUERY_ASSIGNMENT answers for a topic/group that setConsumeMode never set'),
  defaultPopShareQueueNum: configField.int(-1, 'popShareQueueNum of that default mode when it is POP (-1: every client pops every queue)'),
  loadBalancePollNameServerInterval: configField.long(30000, 'Age (ms) after which QUERY_ASSIGNMENT re-reads a topic route from the name server'),
  clearRetryTopicWhenDeleteTopic: configField.boolean(true, 'DELETE_TOPIC_IN_BROKER also drops the POP retry topics of the groups consuming the topic'),
  useServerSideResetOffset: configField.boolean(true, 'Reset offsets on the broker side'),
  transactionTimeOut: configField.long(6000, 'Age (ms) before a half message is first checked back'),
  transactionCheckMax: configField.int(15, 'Check-backs before a half message is discarded'),
  transactionCheckInterval: configField.long(30000, 'Period (ms) of the transaction check-back scan'),
  flushDelayOffsetInterval: configField.long(10000, 'MessageStoreConfig: period (ms) of delayOffset.json persistence'),
  grpcServerPort: configField.int(8081, 'Port of the RocketMQ 5 gRPC API (plaintext and TLS); negative disables it'),
  grpcClientConsumerMinLongPollingTimeoutMillis: configField.long(5000, 'Shortest long polling of a gRPC ReceiveMessage; a deadline leaving less is refused'),
  grpcClientConsumerMaxLongPollingTimeoutMillis: configField.long(20000, 'Longest long polling of a gRPC receive or pull, also told to push consumers in their Settings'),
  defaultInvisibleTimeMills: configField.long(60000, 'ProxyConfig: invisible time of auto-renewed (push consumer) gRPC receives'),
  enableProxyAutoRenew: configField.boolean(true, 'ProxyConfig: keep auto-renewed gRPC receives invisible until acked'),
  renewAheadTimeMillis: configField.long(10000, 'ProxyConfig: renew a receipt handle this long before it expires'),
  renewMaxTimeMillis: configField.long(3 * 3600 * 1000, 'ProxyConfig: stop renewing (release) a message held this long'),
  renewSchedulePeriodMillis: configField.long(5000, 'ProxyConfig: period of the receipt-handle renewal scan'),
  invisibleTimeMillisWhenClear: configField.long(1000, 'ProxyConfig: invisible time of handles released when their client goes away'),
  recallMessageEnable: configField.boolean(false, 'Serve RECALL_MESSAGE (cancel a pending timer message)'),
  allowRecallWhenBrokerNotWriteable: configField.boolean(true, 'Serve RECALL_MESSAGE while brokerPermission forbids writes'),
  timerWheelEnable: configField.boolean(true, 'MessageStoreConfig: serve 5.x timer messages (TIMER_* properties)'),
  timerMaxDelaySec: configField.int(259200, 'MessageStoreConfig: farthest timer delivery time, in seconds (3 days)'),
  timerPrecisionMs: configField.long(1000, 'MessageStoreConfig: timer slot length (ms)'),
  brokerRole: configField.enum(BROKER_ROLES, 'ASYNC_MASTER', 'MessageStoreConfig: master or slave'),
  haListenPort: configField.int(DEFAULT_BROKER_LISTEN_PORT + 1, 'MessageStoreConfig: HA port; BrokerStartup sets listenPort + 1'),
  ...nettyServerConfigSchema(DEFAULT_BROKER_LISTEN_PORT),
};

/** The broker's typed settings (see {@link brokerConfigSchema}). */
export type BrokerConfig = ConfigOf<typeof brokerConfigSchema>;

/** RocketMQ's defaults, with `ROCKETMQ_HOME` and `NAMESRV_ADDR` taken from `env`. */
export function defaultBrokerConfig(env: Readonly<Record<string, string | undefined>> = process.env): BrokerConfig {
  return defaultConfig(brokerConfigSchema, env);
}

/** The first non-internal IPv4 address of this host, else 127.0.0.1 (Java prefers a site-local IPv4 too). */
function localIPv4Address(): string {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
}

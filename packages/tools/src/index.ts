/**
 * @mq/tools — `mqadmin`, RocketMQ's admin command line (same sub-command names, option
 * letters and table layouts), and its programmatic pieces: the command registry, the runner,
 * argument parsers and the formatters that reproduce mqadmin's output.
 *
 * @packageDocumentation
 */
export type { AdminCommand, CommandContext, CommandOption, CommandResult } from './cli/admin-command';
export {
  booleanOption,
  brokerTarget,
  integerOption,
  optionalString,
  parseTimestamp,
  permOption,
  requiredString,
  validateAttributes,
  type BrokerTarget,
  type RawOptions,
} from './cli/args';
export { describeError, errorCodeName } from './cli/error-description';
export { buildProgram, renderResult, runMqadmin, type ProgramOutput } from './cli/program';
export { ADMIN_COMMANDS, findCommand } from './cli/registry';
export { clusterMembers, type ClusterMember } from './cli/targets';
export { readQueue, type QueueRange, type QueueReadEnd } from './cli/queue-reader';
export { frontStringAtLeast, javaFormat, javaString } from './format/java-format';
export { formatMessageDetail, formatMessageLine, messageExtString, messageSummary } from './format/message';
export { formatDateTime, timeMillisToHumanString2 } from './format/time';
export { mqVersionDesc } from './format/version';
export { formatBrokerConfig } from './commands/get-broker-config';
export { formatBrokerStatus } from './commands/broker-status';
export { formatClusterBaseInfo, formatClusterMoreStats, type ClusterMemberStats } from './commands/cluster-list';
export { formatConsumerConnection } from './commands/consumer-connection';
export { formatConsumerProgress } from './commands/consumer-progress';
export { formatMessagesByKey } from './commands/query-msg-by-key';
export { formatProducerConnection } from './commands/producer-connection';
export { formatResetOffsets } from './commands/reset-offset-by-time';
export { formatSendResult } from './commands/send-message';
export { compute24HourSum, formatStatsAll, type TopicGroupStats } from './commands/stats-all';
export { formatTopicClusterRows, type TopicClusterRow } from './commands/topic-list';
export { formatTopicRouteList } from './commands/topic-route';
export { formatTopicStatus } from './commands/topic-status';
export { formatWritePermChanges } from './commands/write-perm';
export { formatTopicConfig, orderConf, parseUpdateTopicArgs, type UpdateTopicArgs } from './commands/update-topic';
export { attributesToMap, formatSubGroupConfig, parseUpdateSubGroupArgs, type SubGroupConfig } from './commands/update-sub-group';
export { parseConsumeMessageArgs, type ConsumeMessageArgs } from './commands/consume-message';
export { splitMessageIds } from './commands/query-msg-by-id';

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
export { formatBrokerConfig, type BrokerConfigSection } from './commands/get-broker-config';
export { formatBrokerStatus } from './commands/broker-status';
export { formatClusterBaseInfo, formatClusterMoreStats, type ClusterMemberStats } from './commands/cluster-list';
export { formatConsumerConnection } from './commands/consumer-connection';
export { formatConsumerProgress } from './commands/consumer-progress';
export {
  collectGroupConsumeSummaries,
  formatGroupConsumeSummaries,
  groupOfRetryTopic,
  summarizeGroup,
  type GroupConsumeSummary,
} from './commands/consumer-progress-groups';
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
export { formatConsumeModeSummary, parseSetConsumeModeArgs, setConsumeModeCommand, type SetConsumeModeArgs } from './commands/set-consume-mode';
export { parseConsumeMessageArgs, type ConsumeMessageArgs } from './commands/consume-message';
export { splitMessageIds } from './commands/query-msg-by-id';
export { formatMessageTrace, queryMsgTraceByIdCommand } from './commands/query-msg-trace-by-id';
export { runMq, mqUsage, workloadUsage, renderSummary } from './bench/bench-command';
export { BENCH_WORKLOADS, type BenchOutcome, type BenchWorkloadCommand } from './bench/bench-workloads';
export type { BenchRunContext, RunTiming } from './bench/bench-session';
export { parseBenchArgv, describeOptions, type BenchOptionSpec } from './bench/options/argv-parser';
export { parseRunOptions, DEFAULT_NAMESRV_ADDR, DEFAULT_REPORT_INTERVAL_MS, type BenchRunOptions } from './bench/options/run-options';
export type { CompressionSettings } from './bench/options/compression-options';
export { parseProducerOptions, ASYNC_SEND_WINDOW, DEFAULT_BENCH_TOPIC, type ProducerBenchOptions } from './bench/options/producer-options';
export { parseConsumerOptions, type BenchFilter, type ConsumerBenchOptions } from './bench/options/consumer-options';
export {
  parseTransactionProducerOptions,
  TX_BODY_HEADER_SIZE,
  type TransactionOutcomeRates,
  type TransactionProducerBenchOptions,
} from './bench/options/transaction-producer-options';
export { parseBatchProducerOptions, type BatchProducerBenchOptions } from './bench/options/batch-producer-options';
export { parseTimerProducerOptions, MAX_TIMER_PLAN_SIZE, type TimerProducerBenchOptions } from './bench/options/timer-producer-options';
export { processBenchOutput, type BenchOutput } from './bench/report/bench-output';
export { formatSummaryJson, formatSummaryTable, throughput, type BenchSummary, type BenchWorkload } from './bench/report/bench-summary';
export {
  formatBatchLine,
  formatConsumerLine,
  formatProducerCompleteLine,
  formatProducerLine,
  formatTimerLine,
  formatTransactionLine,
  type BatchLineFigures,
  type ConsumerLineFigures,
  type ProducerLineFigures,
  type TransactionLineFigures,
} from './bench/report/report-lines';
export type { LatencySummary } from './bench/stats/latency-histogram';
export { runProducerBench } from './bench/workloads/producer-bench';
export { runConsumerBench } from './bench/workloads/consumer-bench';
export { runTransactionProducerBench } from './bench/workloads/transaction-producer-bench';
export { runBatchProducerBench } from './bench/workloads/batch-producer-bench';
export { runTimerProducerBench } from './bench/workloads/timer-producer-bench';

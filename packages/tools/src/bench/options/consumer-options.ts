import { CommonErrorCode, MQError } from '@mq/common';
import { booleanOption, integerOption, optionalString, type RawOptions } from '../../cli/args';
import type { BenchOptionSpec } from './argv-parser';
import { decimalOption } from './option-values';
import { DEFAULT_BENCH_TOPIC } from './producer-options';
import { REPORT_INTERVAL_SPEC, RUN_OPTION_SPECS, parseRunOptions, type BenchRunOptions } from './run-options';
import { TRACE_AND_ACL_SPECS, refuseTraceAndAcl } from './unsupported-options';

/** A subscription filter: its type and the file holding the expression (Java's `-f` and `-e`). */
export interface BenchFilter {
  type: 'TAG' | 'SQL92';
  expressionFile: string;
}

/** `mq bench consumer`: Java's `benchmark/Consumer` settings. */
export interface ConsumerBenchOptions extends BenchRunOptions {
  /** `-t`, default `BenchmarkTest`. */
  topic: string;
  /** `-w`, messages consumed in parallel, default 20. */
  threadCount: number;
  /** The consumer group: `-g` (default `benchmark_consumer`), plus `_<now % 100>` with `-p true`. */
  group: string;
  /** `-f` and `-e`; subscribes to `*` when absent. */
  filter?: BenchFilter;
  /** `-r`, share of deliveries answered RECONSUME_LATER, default 0. */
  failRate: number;
}

/** Options of `mq bench consumer`, Java's letters and defaults. */
export const CONSUMER_OPTION_SPECS: readonly BenchOptionSpec[] = [
  { short: 't', long: 'topic', arg: 'topic', description: `Topic name, Default: ${DEFAULT_BENCH_TOPIC}` },
  { short: 'w', long: 'threadCount', arg: 'count', description: 'Thread count (messages consumed in parallel), Default: 20' },
  { short: 'g', long: 'group', arg: 'group', description: 'Consumer group name, Default: benchmark_consumer' },
  { short: 'p', long: 'groupPrefixEnable', arg: 'boolean', description: 'Is group prefix enable (appends _<now % 100> to the group), Default: false' },
  { short: 'f', long: 'filterType', arg: 'type', description: 'TAG, SQL92' },
  { short: 'e', long: 'expression', arg: 'file', description: 'filter expression content file path.ie: ./test/expr' },
  { short: 'r', long: 'failRate', arg: 'rate', description: 'consumer fail rate, default 0' },
  { short: 'c', long: 'clientRebalanceEnable', arg: 'boolean', description: 'Client rebalance, Default: true (false is not supported)' },
  ...TRACE_AND_ACL_SPECS,
  REPORT_INTERVAL_SPEC,
  ...RUN_OPTION_SPECS,
];

function invalid(remark: string): MQError {
  return new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, remark);
}

function parseFilter(options: RawOptions): BenchFilter | undefined {
  const type = optionalString(options, 'filterType');
  const expressionFile = optionalString(options, 'expression');
  if (type === undefined && expressionFile === undefined) return undefined;
  if (type === undefined || expressionFile === undefined) throw invalid('options -f (filterType) and -e (expression file) go together');
  if (type !== 'TAG' && type !== 'SQL92') throw invalid(`Not support filter type! ${type} (use TAG or SQL92)`);
  return { type, expressionFile };
}

/** Typed consumer settings from parsed arguments; `now` picks the `-p` group suffix. */
export function parseConsumerOptions(options: RawOptions, env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): ConsumerBenchOptions {
  refuseTraceAndAcl(options);
  if (!booleanOption(options, 'clientRebalanceEnable', true)) {
    throw invalid('option --clientRebalanceEnable false is not supported: @mq/client always rebalances on the client');
  }
  const groupPrefix = optionalString(options, 'group') ?? 'benchmark_consumer';
  return {
    ...parseRunOptions(options, env),
    topic: optionalString(options, 'topic') ?? DEFAULT_BENCH_TOPIC,
    threadCount: integerOption(options, 'threadCount', 20, 1, 1000),
    group: booleanOption(options, 'groupPrefixEnable', false) ? `${groupPrefix}_${now() % 100}` : groupPrefix,
    filter: parseFilter(options),
    failRate: decimalOption(options, 'failRate', 0, 0, 1),
  };
}

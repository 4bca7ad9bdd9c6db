import { booleanOption, integerOption, optionalString, type RawOptions } from '../../cli/args';
import type { BenchOptionSpec } from './argv-parser';
import { COMPRESSION_SPECS, parseCompression, type CompressionSettings } from './compression-options';
import { DEFAULT_BENCH_TOPIC } from './producer-options';
import { REPORT_INTERVAL_SPEC, RUN_OPTION_SPECS, parseRunOptions, type BenchRunOptions } from './run-options';
import { TRACE_AND_ACL_SPECS, refuseTraceAndAcl } from './unsupported-options';

/** `mq bench batchproducer`: Java's `benchmark/BatchProducer` settings. */
export interface BatchProducerBenchOptions extends BenchRunOptions {
  /** `-t`, default `BenchmarkTest`. */
  topic: string;
  /** `-w`, concurrent senders, default 64. */
  threadCount: number;
  /** `-s`, body bytes, default 128. */
  messageSize: number;
  /** `-b`, messages per batch, default 16. */
  batchSize: number;
  /** `-k`, set KEYS to the send second, default false. */
  keyEnable: boolean;
  /** `-p`, bytes of generated user properties per message, default 0. */
  propertySize: number;
  /** `-l`, tags `tag0..tag<n-1>`, default 0 (no tag). */
  tagCount: number;
  /** `-c -ct -cl -ch`. */
  compression: CompressionSettings;
}

/** Options of `mq bench batchproducer`, Java's letters and defaults. */
export const BATCH_PRODUCER_OPTION_SPECS: readonly BenchOptionSpec[] = [
  { short: 't', long: 'topic', arg: 'topic', description: `Topic name, Default: ${DEFAULT_BENCH_TOPIC}` },
  { short: 'w', long: 'threadCount', arg: 'count', description: 'Thread count (concurrent senders), Default: 64' },
  { short: 's', long: 'messageSize', arg: 'bytes', description: 'Message Size, Default: 128' },
  { short: 'b', long: 'batchSize', arg: 'count', description: 'Batch Size, Default: 16' },
  { short: 'k', long: 'keyEnable', arg: 'boolean', description: 'Message Key Enable, Default: false' },
  { short: 'p', long: 'propertySize', arg: 'bytes', description: 'Property Size, Default: 0' },
  { short: 'l', long: 'tagCount', arg: 'count', description: 'Tag count, Default: 0' },
  ...COMPRESSION_SPECS,
  ...TRACE_AND_ACL_SPECS,
  REPORT_INTERVAL_SPEC,
  ...RUN_OPTION_SPECS,
];

/** Typed batch producer settings from parsed arguments. */
export function parseBatchProducerOptions(options: RawOptions, env: NodeJS.ProcessEnv = process.env): BatchProducerBenchOptions {
  refuseTraceAndAcl(options);
  return {
    ...parseRunOptions(options, env),
    topic: optionalString(options, 'topic') ?? DEFAULT_BENCH_TOPIC,
    threadCount: integerOption(options, 'threadCount', 64, 1, 100_000),
    messageSize: integerOption(options, 'messageSize', 128, 1),
    batchSize: integerOption(options, 'batchSize', 16, 1),
    keyEnable: booleanOption(options, 'keyEnable', false),
    propertySize: integerOption(options, 'propertySize', 0, 0),
    tagCount: integerOption(options, 'tagCount', 0, 0),
    compression: parseCompression(options),
  };
}

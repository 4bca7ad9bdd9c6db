import { CommonErrorCode, MQError } from '@mq/common';
import { booleanOption, integerOption, optionalString, type RawOptions } from '../../cli/args';
import type { BenchOptionSpec } from './argv-parser';
import { COMPRESSION_SPECS, parseCompression, type CompressionSettings } from './compression-options';
import { REPORT_INTERVAL_SPEC, RUN_OPTION_SPECS, parseRunOptions, type BenchRunOptions } from './run-options';
import { TRACE_AND_ACL_SPECS, refuseTraceAndAcl } from './unsupported-options';

/** `mq bench producer`: Java's `benchmark/Producer` settings. */
export interface ProducerBenchOptions extends BenchRunOptions {
  /** `-t`, default `BenchmarkTest`. */
  topic: string;
  /** `-w`, concurrent senders, default 64; 1 with `-y true` like Java. */
  threadCount: number;
  /** `-s`, body bytes, default 128. */
  messageSize: number;
  /** `-k`, set KEYS to the send second, default false. */
  keyEnable: boolean;
  /** `-p`, bytes of generated user properties, default 0. */
  propertySize: number;
  /** `-l`, tags `tag0..tag<n-1>`, default 0 (no tag). */
  tagCount: number;
  /** `-d`, send delay messages, default false. */
  delayEnable: boolean;
  /** `-e`, their delay level, default 1. */
  delayLevel: number;
  /** `-y`, asynchronous sends (up to {@link ASYNC_SEND_WINDOW} in flight), default false. */
  asyncEnable: boolean;
  /** `-c -ct -cl -ch`. */
  compression: CompressionSettings;
}

/** Java's `MAX_LENGTH_ASYNC_QUEUE`: async sends in flight before the sender waits. */
export const ASYNC_SEND_WINDOW = 10_000;

/** Java's default topic of every benchmark. */
export const DEFAULT_BENCH_TOPIC = 'BenchmarkTest';

/** Options of `mq bench producer`, Java's letters and defaults. */
export const PRODUCER_OPTION_SPECS: readonly BenchOptionSpec[] = [
  { short: 't', long: 'topic', arg: 'topic', description: `Topic name, Default: ${DEFAULT_BENCH_TOPIC}` },
  { short: 'w', long: 'threadCount', arg: 'count', description: 'Thread count (concurrent senders), Default: 64' },
  { short: 's', long: 'messageSize', arg: 'bytes', description: 'Message Size, Default: 128' },
  { short: 'k', long: 'keyEnable', arg: 'boolean', description: 'Message Key Enable, Default: false' },
  { short: 'p', long: 'propertySize', arg: 'bytes', description: 'Property Size, Default: 0' },
  { short: 'l', long: 'tagCount', arg: 'count', description: 'Tag count, Default: 0' },
  { short: 'q', long: 'messageQuantity', arg: 'count', description: 'Send message quantity, Default: 0, running forever' },
  { short: 'd', long: 'delayEnable', arg: 'boolean', description: 'Delay message Enable, Default: false' },
  { short: 'e', long: 'delayLevel', arg: 'level', description: 'Delay message level, Default: 1' },
  { short: 'y', long: 'asyncEnable', arg: 'boolean', description: 'Enable async produce, Default: false' },
  ...COMPRESSION_SPECS,
  ...TRACE_AND_ACL_SPECS,
  REPORT_INTERVAL_SPEC,
  ...RUN_OPTION_SPECS,
];

/** `-q` and `--messages` both bound the count; giving both is ambiguous. */
function messageBound(options: RawOptions, run: BenchRunOptions): number | undefined {
  const quantity = integerOption(options, 'messageQuantity', 0, 0);
  if (quantity > 0 && run.messages !== undefined) {
    throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, 'give either -q (messageQuantity) or --messages, not both');
  }
  return quantity > 0 ? quantity : run.messages;
}

/** Typed producer settings from parsed arguments; bad values are CLIENT_PARAMETER_CHECK_ERROR. */
export function parseProducerOptions(options: RawOptions, env: NodeJS.ProcessEnv = process.env): ProducerBenchOptions {
  refuseTraceAndAcl(options);
  const run = parseRunOptions(options, env);
  const asyncEnable = booleanOption(options, 'asyncEnable', false);
  return {
    ...run,
    messages: messageBound(options, run),
    topic: optionalString(options, 'topic') ?? DEFAULT_BENCH_TOPIC,
    threadCount: asyncEnable ? 1 : integerOption(options, 'threadCount', 64, 1, 100_000),
    messageSize: integerOption(options, 'messageSize', 128, 1),
    keyEnable: booleanOption(options, 'keyEnable', false),
    propertySize: integerOption(options, 'propertySize', 0, 0),
    tagCount: integerOption(options, 'tagCount', 0, 0),
    delayEnable: booleanOption(options, 'delayEnable', false),
    delayLevel: integerOption(options, 'delayLevel', 1, 1),
    asyncEnable,
    compression: parseCompression(options),
  };
}

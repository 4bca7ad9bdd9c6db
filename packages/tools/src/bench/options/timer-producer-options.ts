import { CommonErrorCode, MQError } from '@mq/common';
import { integerOption, optionalString, type RawOptions } from '../../cli/args';
import type { BenchOptionSpec } from './argv-parser';
import { DEFAULT_BENCH_TOPIC } from './producer-options';
import { DEFAULT_REPORT_INTERVAL_MS, RUN_OPTION_SPECS, parseRunOptions, type BenchRunOptions } from './run-options';

/** `mq bench timer`: Java's `benchmark/timer/TimerProducer` settings. */
export interface TimerProducerBenchOptions extends BenchRunOptions {
  /** `-t`, default `BenchmarkTest`. */
  topic: string;
  /** `-tc`, concurrent senders, default 16 (the Java help text says 64; its code uses 16). */
  threadCount: number;
  /** `-ms`, body bytes, default 1024 (help text: 128; code: 1024). */
  messageSize: number;
  /** `-p`, delivery times are rounded down to this many ms, default 1000. */
  precisionMs: number;
  /** `-st`, distinct delivery times, default 100. */
  slotsTotal: number;
  /** `-mt`, messages per slot and sender, default 5000 (help text: 100; code: 5000). */
  msgsTotalPerSlotThread: number;
  /** `-sd`, ms between two slots, default 1000. */
  slotDistanceMs: number;
}

/** Options of `mq bench timer`, Java's letters and the defaults its code uses. */
export const TIMER_PRODUCER_OPTION_SPECS: readonly BenchOptionSpec[] = [
  { short: 't', long: 'topic', arg: 'topic', description: `Send messages to which topic, default: ${DEFAULT_BENCH_TOPIC}` },
  { short: 'tc', long: 'threadCount', arg: 'count', description: 'Thread count (concurrent senders), default: 16' },
  { short: 'ms', long: 'messageSize', arg: 'bytes', description: 'Message Size, default: 1024' },
  { short: 'p', long: 'precisionMs', arg: 'ms', description: 'Precision (ms) for TimerMessage, default: 1000' },
  { short: 'st', long: 'slotsTotal', arg: 'count', description: 'Send messages to how many slots, default: 100' },
  { short: 'mt', long: 'msgsTotalPerSlotThread', arg: 'count', description: 'Messages total for each slot and each thread, default: 5000' },
  { short: 'sd', long: 'slotDis', arg: 'ms', description: 'Time distance between two slots, default: 1000' },
  ...RUN_OPTION_SPECS,
];

/** Largest `slotsTotal × msgsTotalPerSlotThread`: the shuffled delivery plan is held in memory (4 bytes each). */
export const MAX_TIMER_PLAN_SIZE = 1 << 24;

/** Typed timer producer settings from parsed arguments; the report interval is Java's fixed 10 s. */
export function parseTimerProducerOptions(options: RawOptions, env: NodeJS.ProcessEnv = process.env): TimerProducerBenchOptions {
  const parsed: TimerProducerBenchOptions = {
    ...parseRunOptions(options, env),
    reportIntervalMs: DEFAULT_REPORT_INTERVAL_MS,
    topic: optionalString(options, 'topic') ?? DEFAULT_BENCH_TOPIC,
    threadCount: integerOption(options, 'threadCount', 16, 1, 100_000),
    messageSize: integerOption(options, 'messageSize', 1024, 1),
    precisionMs: integerOption(options, 'precisionMs', 1000, 1),
    slotsTotal: integerOption(options, 'slotsTotal', 100, 1),
    msgsTotalPerSlotThread: integerOption(options, 'msgsTotalPerSlotThread', 5000, 1),
    slotDistanceMs: integerOption(options, 'slotDis', 1000, 0),
  };
  if (parsed.slotsTotal * parsed.msgsTotalPerSlotThread > MAX_TIMER_PLAN_SIZE) {
    throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `-st × -mt must stay within ${MAX_TIMER_PLAN_SIZE} messages per sender; bound longer runs with --duration`);
  }
  return parsed;
}

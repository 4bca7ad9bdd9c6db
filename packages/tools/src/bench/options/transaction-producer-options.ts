import { integerOption, optionalString, type RawOptions } from '../../cli/args';
import type { BenchOptionSpec } from './argv-parser';
import { decimalOption } from './option-values';
import { DEFAULT_BENCH_TOPIC } from './producer-options';
import { REPORT_INTERVAL_SPEC, RUN_OPTION_SPECS, parseRunOptions, type BenchRunOptions } from './run-options';
import { TRACE_AND_ACL_SPECS, refuseTraceAndAcl } from './unsupported-options';

/** How a transactional message should resolve: rates of Java's `benchmark/TransactionProducer`. */
export interface TransactionOutcomeRates {
  /** `-sr`: local transaction answers ROLLBACK, default 0. */
  sendRollbackRate: number;
  /** `-su`: local transaction answers UNKNOW (so the broker checks back), default 0. */
  sendUnknownRate: number;
  /** `-cr`: a check-back answers ROLLBACK, default 0. */
  checkRollbackRate: number;
  /** `-cu`: a check-back answers UNKNOW, default 0. */
  checkUnknownRate: number;
}

/** `mq bench tproducer`: Java's `benchmark/TransactionProducer` settings. */
export interface TransactionProducerBenchOptions extends BenchRunOptions, TransactionOutcomeRates {
  /** `-t`, default `BenchmarkTest`. */
  topic: string;
  /** `-w`, concurrent senders, default 32. */
  threadCount: number;
  /** `-s`, body bytes, default 2048; at least {@link TX_BODY_HEADER_SIZE}. */
  messageSize: number;
  /** `-b`, marks this run's messages so stale check-backs are rolled back; default the start time. */
  batchId: number;
  /** `-i`, ms each sender sleeps between messages, default 0. */
  sendIntervalMs: number;
}

/** Bytes at the head of a transactional body: batch id, message id, send outcome, 20 check outcomes. */
export const TX_BODY_HEADER_SIZE = 8 + 8 + 1 + 20;

/** Options of `mq bench tproducer`, Java's letters and defaults. */
export const TRANSACTION_PRODUCER_OPTION_SPECS: readonly BenchOptionSpec[] = [
  { short: 't', long: 'topic', arg: 'topic', description: `Topic name, Default: ${DEFAULT_BENCH_TOPIC}` },
  { short: 'w', long: 'threadCount', arg: 'count', description: 'Thread count (concurrent senders), Default: 32' },
  { short: 's', long: 'messageSize', arg: 'bytes', description: 'Message Size, Default: 2048' },
  { short: 'sr', long: 'sendRollbackRate', arg: 'rate', description: 'Send rollback rate, Default: 0.0' },
  { short: 'su', long: 'sendUnknownRate', arg: 'rate', description: 'Send unknown rate, Default: 0.0' },
  { short: 'cr', long: 'checkRollbackRate', arg: 'rate', description: 'Check rollback rate, Default: 0.0' },
  { short: 'cu', long: 'checkUnknownRate', arg: 'rate', description: 'Check unknown rate, Default: 0.0' },
  { short: 'b', long: 'batchId', arg: 'id', description: 'test batch id, Default: System.currentMillis()' },
  { short: 'i', long: 'sendInterval', arg: 'ms', description: 'sleep interval in millis between messages, Default: 0' },
  ...TRACE_AND_ACL_SPECS,
  REPORT_INTERVAL_SPEC,
  ...RUN_OPTION_SPECS,
];

/** Typed transaction producer settings from parsed arguments. */
export function parseTransactionProducerOptions(options: RawOptions, env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): TransactionProducerBenchOptions {
  refuseTraceAndAcl(options);
  return {
    ...parseRunOptions(options, env),
    topic: optionalString(options, 'topic') ?? DEFAULT_BENCH_TOPIC,
    threadCount: integerOption(options, 'threadCount', 32, 1, 100_000),
    messageSize: integerOption(options, 'messageSize', 2048, TX_BODY_HEADER_SIZE),
    sendRollbackRate: decimalOption(options, 'sendRollbackRate', 0, 0, 1),
    sendUnknownRate: decimalOption(options, 'sendUnknownRate', 0, 0, 1),
    checkRollbackRate: decimalOption(options, 'checkRollbackRate', 0, 0, 1),
    checkUnknownRate: decimalOption(options, 'checkUnknownRate', 0, 0, 1),
    batchId: integerOption(options, 'batchId', now()),
    sendIntervalMs: integerOption(options, 'sendInterval', 0, 0),
  };
}

import type { RawOptions } from '../cli/args';
import type { BenchRunContext } from './bench-session';
import type { BenchOptionSpec } from './options/argv-parser';
import { BATCH_PRODUCER_OPTION_SPECS, parseBatchProducerOptions } from './options/batch-producer-options';
import { CONSUMER_OPTION_SPECS, parseConsumerOptions } from './options/consumer-options';
import { PRODUCER_OPTION_SPECS, parseProducerOptions } from './options/producer-options';
import type { BenchRunOptions } from './options/run-options';
import { TIMER_PRODUCER_OPTION_SPECS, parseTimerProducerOptions } from './options/timer-producer-options';
import { TRANSACTION_PRODUCER_OPTION_SPECS, parseTransactionProducerOptions } from './options/transaction-producer-options';
import type { BenchSummary, BenchWorkload } from './report/bench-summary';
import { runBatchProducerBench } from './workloads/batch-producer-bench';
import { runConsumerBench } from './workloads/consumer-bench';
import { runProducerBench } from './workloads/producer-bench';
import { runTimerProducerBench } from './workloads/timer-producer-bench';
import { runTransactionProducerBench } from './workloads/transaction-producer-bench';

/** A finished run and how to print it. */
export interface BenchOutcome {
  summary: BenchSummary;
  json: boolean;
}

/** One `mq bench <workload>`: its Java counterpart, options and runner. */
export interface BenchWorkloadCommand {
  name: BenchWorkload;
  description: string;
  specs: readonly BenchOptionSpec[];
  /** Validates the parsed arguments (CLIENT_PARAMETER_CHECK_ERROR when bad) and runs. */
  run(options: RawOptions, context: BenchRunContext): Promise<BenchOutcome>;
}

function workload<O extends BenchRunOptions>(
  name: BenchWorkload,
  description: string,
  specs: readonly BenchOptionSpec[],
  parse: (options: RawOptions) => O,
  run: (options: O, context: BenchRunContext) => Promise<BenchSummary>,
): BenchWorkloadCommand {
  return {
    name,
    description,
    specs,
    async run(raw, context) {
      const options = parse(raw);
      return { summary: await run(options, context), json: options.json };
    },
  };
}

/** Every workload of `mq bench`, in Java's `example/benchmark` order. */
export const BENCH_WORKLOADS: readonly BenchWorkloadCommand[] = [
  workload('producer', 'Send messages (org.apache.rocketmq.example.benchmark.Producer)', PRODUCER_OPTION_SPECS, (raw) => parseProducerOptions(raw), runProducerBench),
  workload('consumer', 'Consume messages with a push consumer (benchmark.Consumer)', CONSUMER_OPTION_SPECS, (raw) => parseConsumerOptions(raw), runConsumerBench),
  workload('tproducer', 'Send transactional messages (benchmark.TransactionProducer)', TRANSACTION_PRODUCER_OPTION_SPECS, (raw) => parseTransactionProducerOptions(raw), runTransactionProducerBench),
  workload('batchproducer', 'Send message batches (benchmark.BatchProducer)', BATCH_PRODUCER_OPTION_SPECS, (raw) => parseBatchProducerOptions(raw), runBatchProducerBench),
  workload('timer', 'Send timer messages (benchmark.timer.TimerProducer)', TIMER_PRODUCER_OPTION_SPECS, (raw) => parseTimerProducerOptions(raw), runTimerProducerBench),
];

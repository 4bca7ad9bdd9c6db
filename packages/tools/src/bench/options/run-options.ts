import { integerOption, optionalString, type RawOptions } from '../../cli/args';
import type { BenchOptionSpec } from './argv-parser';
import { decimalOption } from './option-values';

/** How long a benchmark runs, where it connects and how it reports; shared by every workload. */
export interface BenchRunOptions {
  /** Name servers, `host:port;host:port`. */
  namesrvAddr: string;
  /** Stop after this many seconds; unbounded when absent. */
  durationSec?: number;
  /** Stop after this many messages sent (producers) or consumed (consumer); unbounded when absent. */
  messages?: number;
  /** Print one JSON summary object instead of report lines and the table. */
  json: boolean;
  /** Milliseconds between report lines (Java's `-ri`, default 10000). */
  reportIntervalMs: number;
}

/** The name server address when `-n` is absent. */
export const DEFAULT_NAMESRV_ADDR = '127.0.0.1:9876';
/** Java's report interval default (`-ri`). */
export const DEFAULT_REPORT_INTERVAL_MS = 10_000;

/** Options every workload accepts. */
export const RUN_OPTION_SPECS: readonly BenchOptionSpec[] = [
  { short: 'n', long: 'namesrvAddr', arg: 'addr', description: `Name server address list, eg: '192.168.0.1:9876;192.168.0.2:9876', Default: $NAMESRV_ADDR or ${DEFAULT_NAMESRV_ADDR}` },
  { long: 'duration', arg: 'seconds', description: 'Stop after this many seconds, Default: run until interrupted' },
  { long: 'messages', arg: 'count', description: 'Stop after this many messages (sent, or consumed), Default: unbounded' },
  { long: 'json', description: 'Print one JSON summary object at the end instead of the report' },
  { short: 'h', long: 'help', description: 'Print help' },
];

/** Java's `-ri`, offered by every workload except `timer` (fixed at 10 s there). */
export const REPORT_INTERVAL_SPEC: BenchOptionSpec = {
  short: 'ri',
  long: 'reportInterval',
  arg: 'ms',
  description: `The number of ms between reports, Default: ${DEFAULT_REPORT_INTERVAL_MS}`,
};

/** Reads the shared options; `env` supplies NAMESRV_ADDR. */
export function parseRunOptions(options: RawOptions, env: NodeJS.ProcessEnv = process.env): BenchRunOptions {
  const durationSec = options.duration === undefined ? undefined : decimalOption(options, 'duration', 0, 0.001, 31_536_000);
  const messages = options.messages === undefined ? undefined : integerOption(options, 'messages', 0, 1);
  return {
    namesrvAddr: optionalString(options, 'namesrvAddr') ?? (env.NAMESRV_ADDR?.trim() || DEFAULT_NAMESRV_ADDR),
    durationSec,
    messages,
    json: options.json === true,
    reportIntervalMs: integerOption(options, 'reportInterval', DEFAULT_REPORT_INTERVAL_MS, 1),
  };
}

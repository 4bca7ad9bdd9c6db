import pino, { type Logger, type LoggerOptions, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

let rootLogger: Logger | undefined;

/** Options for the process-wide logger. */
export interface LoggerSetup {
  /** pino level; default `MQ_LOG_LEVEL` from the environment, else `info`. */
  level?: string;
  /** Where lines go; default stdout. */
  destination?: DestinationStream;
  /** Fields added to every line (e.g. `{ brokerName }`). */
  base?: Record<string, unknown>;
}

/** Creates (or replaces) the one pino logger of this process. */
export function setupLogger(setup: LoggerSetup = {}): Logger {
  const options: LoggerOptions = {
    level: setup.level ?? process.env.MQ_LOG_LEVEL ?? 'info',
    base: { pid: process.pid, ...setup.base },
  };
  rootLogger = setup.destination ? pino(options, setup.destination) : pino(options);
  return rootLogger;
}

/**
 * A child logger for one component (`{ component: 'CommitLog' }`). Uses the process logger,
 * creating a default one on first use. In tests (`JEST_WORKER_ID` set) the default level is
 * `silent` unless `MQ_LOG_LEVEL` says otherwise.
 */
export function getLogger(component: string, fields: Record<string, unknown> = {}): Logger {
  if (!rootLogger) {
    const quietTests = process.env.JEST_WORKER_ID !== undefined && process.env.MQ_LOG_LEVEL === undefined;
    setupLogger(quietTests ? { level: 'silent' } : {});
  }
  return (rootLogger as Logger).child({ component, ...fields });
}

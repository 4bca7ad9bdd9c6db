import { parseCommandLine, type CommandLine } from '@mq/common';

/** A command-line mistake: reported with the usage text. */
export class UsageError extends Error {}

/**
 * Parses `argv` with `aliases` (short name → key) and refuses keys outside `known` and
 * positional arguments with a UsageError.
 */
export function parseOptions(argv: readonly string[], aliases: Readonly<Record<string, string>>, known: readonly string[]): ReadonlyMap<string, string> {
  let parsed: CommandLine;
  try {
    parsed = parseCommandLine(argv, aliases);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const unexpected = [...[...parsed.options.keys()].filter((key) => !known.includes(key)).map((key) => `--${key}`), ...parsed.positionals];
  if (unexpected.length > 0) throw new UsageError(`Unrecognized option: ${unexpected.join(' ')}`);
  return parsed.options;
}

/** Runs `shutdown` once on the first SIGINT or SIGTERM, then exits 0 (1 if shutdown failed). */
export function shutdownOnSignals(shutdown: () => Promise<void>): void {
  const stop = (): void => {
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Runs a program's `main`; a failure is printed (with `usage` for a UsageError) and exits 1. */
export function runProgram(name: string, usage: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    if (err instanceof UsageError) process.stderr.write(usage);
    process.exit(1);
  });
}

import type { ProgramOutput } from '../../cli/program';

/** Where a benchmark writes: report lines and summary on `out`, problems on `err`. */
export interface BenchOutput extends ProgramOutput {
  /** Replaces the live progress line; given only when stdout is a terminal. An empty line clears it. */
  progress?(line: string): void;
}

const CLEAR_LINE = '\r\u001b[2K';

/** The process's stdout and stderr, with a progress line when stdout is a terminal. */
export function processBenchOutput(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): BenchOutput {
  let progressShown = false;
  const clearProgress = (): void => {
    if (progressShown) stdout.write(CLEAR_LINE);
    progressShown = false;
  };
  return {
    out: (text) => {
      clearProgress();
      stdout.write(text);
    },
    err: (text) => {
      clearProgress();
      stderr.write(text);
    },
    progress: stdout.isTTY
      ? (line) => {
          stdout.write(`${CLEAR_LINE}${line}`);
          progressShown = line !== '';
        }
      : undefined,
  };
}

/** Closed-loop load for benchmarks: N callers, each starting its next operation when the previous one finished. */

/** What one timed run measured. */
export interface LoopFigures {
  /** Units (calls or messages) completed in the measured window, per second up to the last completion. */
  readonly rate: number;
  /** Units completed in the measured window. */
  readonly measured: number;
  /** Units completed in all, warm-up included. */
  readonly total: number;
}

/** How long a timed run lasts. */
export interface LoopTiming {
  /** Run but not counted, so JIT compilation and connection set-up stay out of the figure. */
  readonly warmupMs: number;
  readonly measureMs: number;
}

/** What an operation answers when there is nothing left to do (e.g. a drained backlog): every loop stops. */
export const DONE = 'done';

/**
 * Runs `callers` loops of `operation` for warm-up plus measure time; `operation` resolves with
 * how many units it completed (1 for a call, 16 for a batch) or {@link DONE}. Failures reject
 * the run.
 */
export async function timedLoops(callers: number, timing: LoopTiming, operation: (seq: number) => Promise<number | typeof DONE>): Promise<LoopFigures> {
  const started = Date.now();
  const measureFrom = started + timing.warmupMs;
  const stopAt = measureFrom + timing.measureMs;
  let seq = 0;
  let total = 0;
  let measured = 0;
  let lastUnitAt = measureFrom;
  let exhausted = false;
  const loop = async (): Promise<void> => {
    while (!exhausted && Date.now() < stopAt) {
      const units = await operation(seq++);
      if (units === DONE) {
        exhausted = true;
        break;
      }
      total += units;
      const now = Date.now();
      if (now >= measureFrom && units > 0) {
        measured += units;
        lastUnitAt = now;
      }
    }
  };
  await Promise.all(Array.from({ length: callers }, loop));
  // Up to the last completion: a drain's final empty long polls are not throughput.
  const seconds = Math.max(1, lastUnitAt - measureFrom) / 1000;
  return { rate: measured / seconds, measured, total };
}

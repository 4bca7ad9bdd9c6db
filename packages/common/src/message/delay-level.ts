import { CommonErrorCode, MQError } from '../errors';

/** The broker's default `messageDelayLevel`: levels 1..18. */
export const DEFAULT_MESSAGE_DELAY_LEVEL = '1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a `messageDelayLevel` string (store spec §7.1): space-separated `<number><unit>`
 * with unit s, m, h or d. Element i is level i+1; the result holds the delays in ms, so
 * `levels.length` is the maximum level. Raises MQError naming the bad element.
 */
export function parseDelayLevels(text: string = DEFAULT_MESSAGE_DELAY_LEVEL): number[] {
  return text.split(' ').map((element) => {
    const unit = UNIT_MS[element.slice(-1)];
    const amount = Number(element.slice(0, -1));
    if (unit === undefined || element.length < 2 || !Number.isSafeInteger(amount) || amount < 0) {
      throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `messageDelayLevel: "${element}" is not <number><s|m|h|d> in "${text}"`);
    }
    return amount * unit;
  });
}

/** The delay of `level` (1-based), clamped to the highest level as the broker does; 0 for level ≤ 0. */
export function delayOfLevel(levels: readonly number[], level: number): number {
  if (level <= 0 || levels.length === 0) return 0;
  return levels[Math.min(level, levels.length) - 1] as number;
}

/**
 * Java's text forms of `int`, `long` and `boolean`, as used in header `extFields` and as the
 * fallback for numbers that JSON bodies carry as strings.
 *
 * `long` values are JS numbers: exact up to 2^53 in magnitude. Larger values (in practice only
 * the `Long.MAX_VALUE`/`Long.MIN_VALUE` sentinels, e.g. a query's `endTimestamp`) round to the
 * nearest double, which is ±2^63; {@link formatJavaLong} writes ±2^63 back as the exact Java
 * bound, so the sentinels survive a decode/encode round trip.
 */

const INTEGER_TEXT = /^[+-]?\d+$/;
const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
/** Digits that a JS number always parses exactly (below 10^15 < 2^53). */
const EXACT_DIGITS = 15;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TWO_POW_63 = 2 ** 63;

/** Java's `Long.MAX_VALUE` as a JS number (rounds to 2^63; written back as 9223372036854775807). */
export const JAVA_LONG_MAX = TWO_POW_63;
/** Java's `Long.MIN_VALUE` as a JS number (-2^63, exact). */
export const JAVA_LONG_MIN = -TWO_POW_63;

/** `Integer.parseInt`: an optional sign and decimal digits within int32, else `undefined`. */
export function parseJavaInt(text: string): number | undefined {
  if (!INTEGER_TEXT.test(text)) return undefined;
  const value = Number(text);
  return value >= INT32_MIN && value <= INT32_MAX ? value : undefined;
}

/** `Long.parseLong`: an optional sign and decimal digits within int64, else `undefined`. */
export function parseJavaLong(text: string): number | undefined {
  if (!INTEGER_TEXT.test(text)) return undefined;
  if (text.length <= EXACT_DIGITS) return Number(text);
  const value = BigInt(text);
  return value >= INT64_MIN && value <= INT64_MAX ? Number(value) : undefined;
}

/** `Boolean.parseBoolean`: `"true"` in any letter case is true, anything else false. */
export function parseJavaBoolean(text: string): boolean {
  return text.length === 4 && text.toLowerCase() === 'true';
}

/** True when `value` is an integer a Java `int` holds. */
export function isJavaInt(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

/** True when `value` is an integer in Java's `long` range (±2^63 stand for the bounds). */
export function isJavaLong(value: number): boolean {
  return Number.isInteger(value) && value >= -TWO_POW_63 && value <= TWO_POW_63;
}

/** Decimal text of a `long`, never in exponent form; ±2^63 become Java's exact bounds. */
export function formatJavaLong(value: number): string {
  if (Number.isSafeInteger(value)) return String(value);
  const exact = BigInt(value);
  if (exact > INT64_MAX) return INT64_MAX.toString();
  return exact.toString();
}

/**
 * `Double.toString`: `0.0`, `1.5`, `1.0E10`, `1.0E-4` (plain notation for 10^-3 ≤ |x| < 10^7,
 * otherwise scientific). JSON has no NaN/Infinity; fastjson writes them as `null`.
 */
export function formatJavaDouble(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split('e');
  const javaMantissa = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${javaMantissa}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}

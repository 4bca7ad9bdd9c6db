import type { JavaNumber, NumericKind } from './sql92-ast';

/** A failed Java conversion (`NumberFormatException`): the filter evaluation errs, i.e. no match. */
export class ConversionError extends Error {}

const INTEGER_TEXT = /^[+-]?\d+$/;
/** Java `Double.valueOf` syntax (decimal forms, optional f/d suffix, NaN, Infinity), after trimming. */
const DOUBLE_TEXT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MAX_DIGITS = '9223372036854775807';
const LONG_MIN_DIGITS = '9223372036854775808';

/** Parses a property string as a Java number of `kind` (`Integer.valueOf`, `Long.valueOf`, `Double.valueOf`). */
export function parseJavaNumber(text: string, kind: NumericKind): JavaNumber {
  if (kind === 'double') return { kind, value: parseJavaDouble(text) };
  if (!INTEGER_TEXT.test(text)) throw new ConversionError(`For input string: "${text}"`);
  const value = Number(text);
  const fits = kind === 'int' ? value >= INT_MIN && value <= INT_MAX : fitsLong(text);
  if (!fits) throw new ConversionError(`For input string: "${text}"`);
  return { kind, value };
}

function fitsLong(text: string): boolean {
  const negative = text.startsWith('-');
  const digits = text.replace(/^[+-]?0*/, '');
  const limit = negative ? LONG_MIN_DIGITS : LONG_MAX_DIGITS;
  return digits.length < limit.length || (digits.length === limit.length && digits <= limit);
}

/** Java `Double.valueOf(text)` for decimal forms. */
export function parseJavaDouble(text: string): number {
  const trimmed = text.trim();
  if (!DOUBLE_TEXT.test(trimmed)) throw new ConversionError(`For input string: "${text}"`);
  return Number(trimmed.replace(/[fFdD]$/, ''));
}

/** Java `Double.compare`: NaN above everything and equal to itself, -0.0 below 0.0. */
export function compareJavaDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  if (a === 0 && b === 0) return Object.is(a, -0) === Object.is(b, -0) ? 0 : Object.is(a, -0) ? -1 : 1;
  return 0;
}

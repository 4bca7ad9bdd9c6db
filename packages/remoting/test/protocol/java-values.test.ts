import fc from 'fast-check';
import {
  formatJavaDouble,
  formatJavaLong,
  JAVA_LONG_MAX,
  JAVA_LONG_MIN,
  parseJavaBoolean,
  parseJavaInt,
  parseJavaLong,
} from '../../src/protocol';

describe('Java value text', () => {
  it('parses ints like Integer.parseInt', () => {
    expect(parseJavaInt('42')).toBe(42);
    expect(parseJavaInt('+7')).toBe(7);
    expect(parseJavaInt('-2147483648')).toBe(-2147483648);
    expect(parseJavaInt('2147483648')).toBeUndefined();
    for (const bad of ['', ' 1', '1.0', '0x10', '1e3', 'abc', '-']) expect(parseJavaInt(bad)).toBeUndefined();
  });

  it('parses longs like Long.parseLong, keeping the sentinels', () => {
    expect(parseJavaLong('1700000000000')).toBe(1700000000000);
    expect(parseJavaLong('9223372036854775807')).toBe(JAVA_LONG_MAX);
    expect(parseJavaLong('-9223372036854775808')).toBe(JAVA_LONG_MIN);
    expect(parseJavaLong('9223372036854775808')).toBeUndefined();
    expect(parseJavaLong('12.5')).toBeUndefined();
  });

  it('writes the long sentinels back exactly', () => {
    expect(formatJavaLong(parseJavaLong('9223372036854775807')!)).toBe('9223372036854775807');
    expect(formatJavaLong(JAVA_LONG_MIN)).toBe('-9223372036854775808');
    expect(formatJavaLong(2 ** 60)).toBe('1152921504606846976');
  });

  it('round-trips every safe integer', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => parseJavaLong(formatJavaLong(n)) === n));
  });

  it('parses booleans like Boolean.parseBoolean', () => {
    expect(parseJavaBoolean('true')).toBe(true);
    expect(parseJavaBoolean('TRUE')).toBe(true);
    expect(parseJavaBoolean('yes')).toBe(false);
    expect(parseJavaBoolean('')).toBe(false);
  });

  it('formats doubles like Double.toString', () => {
    expect(formatJavaDouble(0)).toBe('0.0');
    expect(formatJavaDouble(1.5)).toBe('1.5');
    expect(formatJavaDouble(3)).toBe('3.0');
    expect(formatJavaDouble(1e10)).toBe('1.0E10');
    expect(formatJavaDouble(1.25e-5)).toBe('1.25E-5');
    expect(formatJavaDouble(9999999)).toBe('9999999.0');
    expect(formatJavaDouble(0.001)).toBe('0.001');
    expect(formatJavaDouble(Number.NaN)).toBe('null');
  });
});

import fc from 'fast-check';
import { frontStringAtLeast, javaFormat, javaString } from '../src/format/java-format';
import { formatDateTime, timeMillisToHumanString2 } from '../src/format/time';
import { mqVersionDesc } from '../src/format/version';

describe('javaFormat', () => {
  it('pads %-Ns left-aligned and %Ns right-aligned, never truncating', () => {
    expect(javaFormat('%-6s|%6s|%-2s%n', 'ab', 'cd', 'long')).toBe('ab    |    cd|long\n');
  });

  it('formats %d, %.Nf and %N.Nf like Java', () => {
    expect(javaFormat('%-4d|%14d|%.2f|%9.2f|%.4f|%2.2f', 7, 12345, 1.005 * 100, 3.14159, 0.5, 0)).toBe('7   |         12345|100.50|     3.14|0.5000|0.00');
  });

  it('prints null for absent values and Java map syntax for Maps', () => {
    expect(javaFormat('[%s] %s', undefined, new Map([['a', '1'], ['b', '2']]))).toBe('[null] {a=1, b=2}');
    expect(javaString(null)).toBe('null');
  });

  it('zero-pads %0Nd like %04d in producerConnection', () => {
    expect(javaFormat('%04d|%03d|%05d', 1, 1234, -12)).toBe('0001|1234|-0012');
  });

  it('keeps %% and literal text', () => {
    expect(javaFormat('100%% of %s', 'it')).toBe('100% of it');
  });

  it('a left-aligned column is exactly max(width, length) wide (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }).filter((text) => !text.includes('%')), fc.integer({ min: 0, max: 60 }), (text, width) => {
        const out = javaFormat(`%-${width}s`, text);
        expect(out.length).toBe(Math.max(width, text.length));
        expect(out.startsWith(text)).toBe(true);
      }),
    );
  });

  it('frontStringAtLeast keeps at most N leading characters', () => {
    expect(frontStringAtLeast('abcdef', 3)).toBe('abc');
    expect(frontStringAtLeast('ab', 3)).toBe('ab');
  });
});

describe('time formats', () => {
  it('renders local time as yyyy-MM-dd HH:mm:ss and with ,SSS', () => {
    const at = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();
    expect(formatDateTime(at)).toBe('2024-01-02 03:04:05');
    expect(timeMillisToHumanString2(at)).toBe('2024-01-02 03:04:05,006');
  });
});

describe('mqVersionDesc', () => {
  it('names 4.x and 5.x ordinals like MQVersion.getVersionDesc', () => {
    expect(mqVersionDesc(409)).toBe('V4_9_8');
    expect(mqVersionDesc(479)).toBe('V5_3_3');
    expect(mqVersionDesc(412)).toBe('V5_0_0_SNAPSHOT');
    expect(mqVersionDesc(213)).toBe('V4_0_0');
    expect(mqVersionDesc(611)).toBe('V5_9_9');
    expect(mqVersionDesc(612)).toBe('HIGHER_VERSION');
    expect(mqVersionDesc(9999)).toBe('HIGHER_VERSION');
  });
});

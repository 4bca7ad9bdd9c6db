import fc from 'fast-check';
import { decodeProperties, encodeProperties, MQError } from '@mq/common';

const S1 = '\u0001';
const S2 = '\u0002';

describe('properties string codec', () => {
  it('writes name 0x01 value 0x02 with a trailing separator by default (5.2+ form)', () => {
    expect(encodeProperties(new Map([['TAGS', 'TagA'], ['KEYS', 'k1 k2']]))).toBe(`TAGS${S1}TagA${S2}KEYS${S1}k1 k2${S2}`);
  });

  it('can write the pre-5.2 form without the trailing separator', () => {
    expect(encodeProperties({ TAGS: 'TagA', WAIT: 'true' }, false)).toBe(`TAGS${S1}TagA${S2}WAIT${S1}true`);
    expect(encodeProperties({}, false)).toBe('');
  });

  it('skips undefined values', () => {
    expect(encodeProperties({ A: 'x', B: undefined })).toBe(`A${S1}x${S2}`);
  });

  it('refuses names or values containing a separator', () => {
    expect(() => encodeProperties({ [`A${S2}`]: 'x' })).toThrow(MQError);
    expect(() => encodeProperties({ A: `x${S1}y` })).toThrow(/reserved separator/);
  });

  it('parses both trailing-separator forms alike', () => {
    const expected = new Map([['TAGS', 'TagA'], ['UNIQ_KEY', 'ABC']]);
    expect(decodeProperties(`TAGS${S1}TagA${S2}UNIQ_KEY${S1}ABC${S2}`)).toEqual(expected);
    expect(decodeProperties(`TAGS${S1}TagA${S2}UNIQ_KEY${S1}ABC`)).toEqual(expected);
  });

  it('follows Java: drops empty names, empty values and short segments; keeps extra 0x01 in values; last duplicate wins', () => {
    const text = [`${S1}v`, `k${S1}`, `ab`, `x${S1}y`, `k${S1}a${S1}b`, `dup${S1}1`, `dup${S1}2`, `noseparator`, ''].join(S2);
    expect(decodeProperties(text)).toEqual(
      new Map([
        ['x', 'y'],
        ['k', `a${S1}b`],
        ['dup', '2'],
      ]),
    );
  });

  it('ignores a segment whose only 0x01 lies in a later segment', () => {
    expect(decodeProperties(`abc${S2}d${S1}e`)).toEqual(new Map([['d', 'e']]));
  });

  it('parses the empty string to no properties', () => {
    expect(decodeProperties('').size).toBe(0);
  });

  const name = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[\u0001\u0002]/.test(s));
  const value = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\u0001\u0002]/.test(s));

  it('round-trips any map of non-empty names and values, in both forms', () => {
    fc.assert(
      fc.property(fc.dictionary(name, value), fc.boolean(), (record, trailing) => {
        const map = new Map(Object.entries(record));
        expect(decodeProperties(encodeProperties(map, trailing))).toEqual(map);
      }),
    );
  });
});

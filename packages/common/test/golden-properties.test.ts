import { decodeProperties, encodeProperties } from '@mq/common';
import { goldenEntries, goldenFile, sortedObject } from './golden-manifest';

/** Properties strings from Java's MessageDecoder.messageProperties2String / string2messageProperties. */

describe.each(goldenEntries('properties-string').map((entry) => [entry.file, entry] as const))('golden properties %s', (file, entry) => {
  it('is the UTF-8 of the string Java built', () => {
    expect(goldenFile(file).toString('utf8')).toBe(entry.string);
  });

  it('encodes byte for byte from the same entries in the same order', () => {
    const input = new Map(entry.inputInJavaOrder.map(([name, value]) => [name, value ?? undefined]));
    expect(encodeProperties(input)).toBe(entry.string);
  });

  it('decodes to what Java decodes', () => {
    expect(sortedObject(decodeProperties(entry.string))).toEqual(entry.decoded);
  });
});

describe.each(goldenEntries('properties-decode').map((entry) => [entry.description, entry] as const))(
  'golden properties parsing: %s',
  (_description, entry) => {
    it('decodes to what Java decodes', () => {
      expect(sortedObject(decodeProperties(entry.string))).toEqual(entry.decoded);
    });
  },
);

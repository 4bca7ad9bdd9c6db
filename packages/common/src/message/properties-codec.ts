import { CommonErrorCode, MQError } from '../errors';

/** Separates a property name from its value (remoting spec §5.1). */
export const NAME_VALUE_SEPARATOR = '\u0001';
/** Ends each property entry. */
export const PROPERTY_SEPARATOR = '\u0002';
/** Largest properties string a record can carry (its length field is a signed int16). */
export const MAX_PROPERTIES_LENGTH = 32767;

/** Message properties as they are accepted by the encoder: a Map or a plain record. */
export type PropertiesInput =
  | ReadonlyMap<string, string | undefined>
  | Readonly<Record<string, string | undefined>>;

const SEPARATOR_CHARS = /[\u0001\u0002]/;

function entriesOf(properties: PropertiesInput): Iterable<readonly [string, string | undefined]> {
  return properties instanceof Map ? properties.entries() : Object.entries(properties);
}

/**
 * Serialises properties as `name 0x01 value 0x02 ...`. Entries with an undefined value are
 * skipped, as Java skips nulls. By default every entry, the last included, ends with 0x02
 * (the 5.2+ form); `trailingSeparator: false` gives the pre-5.2 form. Names and values that
 * contain a separator would corrupt the string, so they are refused with MESSAGE_ILLEGAL.
 */
export function encodeProperties(properties: PropertiesInput, trailingSeparator = true): string {
  let out = '';
  for (const [name, value] of entriesOf(properties)) {
    if (value === undefined) continue;
    if (SEPARATOR_CHARS.test(name) || SEPARATOR_CHARS.test(value)) {
      throw new MQError(
        CommonErrorCode.MESSAGE_ILLEGAL,
        `message property ${JSON.stringify(name)} contains a reserved separator character (\\u0001 or \\u0002)`,
      );
    }
    out += name + NAME_VALUE_SEPARATOR + value + PROPERTY_SEPARATOR;
  }
  return trailingSeparator ? out : out.slice(0, -1);
}

/**
 * Parses a properties string with Java's rules: segments split on 0x02; a segment counts
 * only if it has at least 3 characters and its first 0x01 is neither its first nor its last
 * character (so empty names and empty values are dropped); the value may contain further
 * 0x01; the last duplicate wins. Both the trailing-0x02 and the stripped form parse alike.
 */
export function decodeProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  const length = text.length;
  let index = 0;
  while (index < length) {
    let end = text.indexOf(PROPERTY_SEPARATOR, index);
    if (end < 0) end = length;
    if (end - index >= 3) {
      const separator = text.indexOf(NAME_VALUE_SEPARATOR, index);
      if (separator > index && separator < end - 1) {
        properties.set(text.slice(index, separator), text.slice(separator + 1, end));
      }
    }
    index = end + 1;
  }
  return properties;
}

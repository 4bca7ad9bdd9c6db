import { MQError } from '@mq/common';
import { ResponseCode } from '../response-code';
import { formatJavaDouble, formatJavaLong, isJavaInt, isJavaLong } from '../java-values';
import { BeanType, compareJavaStrings, JsonType, MapType } from './body-schema';
import { freshDefault } from './body-decoder';
import type { JsonValue } from './java-json-reader';

/**
 * How to write a body (spec §4.2, §4.3):
 * - `java` (default): fastjson's default output. Non-string map keys are bare (`{0:"a"}`),
 *   MessageQueue keys are objects in key position, map entries keep their order.
 * - `standard`: RFC 8259 JSON as the name server's browser-compatible route encoding:
 *   quoted numeric keys, MessageQueue keys as strings holding their JSON, map entries sorted
 *   by key, non-ASCII and `/` escaped, longs beyond 2^53 written as strings. Java reads both.
 */
export type JsonStyle = 'java' | 'standard';

const MAX_SAFE_LONG = Number.MAX_SAFE_INTEGER;

/**
 * Writes `value` as the JSON text Java writes for a value of `type` (body codecs give the
 * typed form of this).
 * @throws MQError SYSTEM_ERROR when the value does not match the schema.
 */
export function writeJavaJson(type: JsonType, value: unknown, style: JsonStyle = 'java'): string {
  return new JsonWriter(style).write(type, value);
}

class JsonWriter {
  constructor(private readonly style: JsonStyle) {}

  write(type: JsonType, value: unknown): string {
    if (value === undefined || value === null) return 'null';
    if (typeof type === 'string') return this.writeScalar(type, value);
    switch (type.kind) {
      case 'enum':
        return this.writeString(expect(value, 'string', type.values.join('|')));
      case 'list':
        return `[${expectArray(value).map((element) => this.write(type.element, element)).join(',')}]`;
      case 'map':
        return this.writeMap(type, value);
      case 'bean':
        return this.writeBean(type, value);
    }
  }

  private writeScalar(type: string, value: unknown): string {
    switch (type) {
      case 'string':
        return this.writeString(expect(value, 'string', type));
      case 'boolean':
        return String(expect(value, 'boolean', type));
      case 'double':
        return formatJavaDouble(expect(value, 'number', type));
      case 'int':
        return String(expectNumber(value, isJavaInt, type));
      case 'long':
        return this.writeLong(expectNumber(value, isJavaLong, type));
      default:
        return this.writeAny(value as JsonValue);
    }
  }

  private writeLong(value: number): string {
    const text = formatJavaLong(value);
    return this.style === 'standard' && Math.abs(value) > MAX_SAFE_LONG ? `"${text}"` : text;
  }

  private writeBean(type: BeanType, value: unknown): string {
    const object = expectObject(value);
    const parts: string[] = [];
    for (const name of type.order) {
      const prop = type.props[name];
      const propValue = object[name] ?? freshDefault(prop.default);
      if (propValue !== undefined && propValue !== null) {
        parts.push(`${this.writeString(name)}:${this.write(prop.type, propValue)}`);
      }
    }
    return `{${parts.join(',')}}`;
  }

  private writeMap(type: MapType, value: unknown): string {
    const entries = this.mapEntries(type, value);
    const parts = entries.map(([key, entry]) => `${this.writeKey(type, key)}:${this.write(type.value, entry)}`);
    return `{${parts.join(',')}}`;
  }

  private mapEntries(type: MapType, value: unknown): Array<[unknown, unknown]> {
    const entries = (typeof type.key === 'string' ? Object.entries(expectObject(value)) : expectArray(value)) as Array<
      [unknown, unknown]
    >;
    const present = entries.filter(([, entry]) => entry !== undefined && entry !== null);
    if (this.style === 'java') return present;
    const keyed = present.map((entry) => ({ entry, sortKey: this.writeKey(type, entry[0]) }));
    const numeric = type.key === 'int' || type.key === 'long';
    keyed.sort((a, b) =>
      numeric ? Number(a.entry[0]) - Number(b.entry[0]) : compareJavaStrings(a.sortKey, b.sortKey),
    );
    return keyed.map(({ entry }) => entry);
  }

  private writeKey(type: MapType, key: unknown): string {
    if (type.key === 'string') return this.writeString(String(key));
    if (typeof type.key === 'string') {
      const text = formatJavaLong(expectNumber(Number(key), type.key === 'int' ? isJavaInt : isJavaLong, type.key));
      return this.style === 'java' ? text : `"${text}"`;
    }
    const objectJson = this.write(type.key, key);
    return this.style === 'java' ? objectJson : this.writeString(objectJson);
  }

  /** Any parsed JSON value, as is (used for `json`-typed properties). */
  private writeAny(value: JsonValue): string {
    if (value === null) return 'null';
    if (typeof value === 'string') return this.writeString(value);
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
    if (typeof value === 'boolean') return String(value);
    if (Array.isArray(value)) return `[${value.map((element) => this.writeAny(element)).join(',')}]`;
    const parts = Object.entries(value).map(([key, entry]) => `${this.writeString(key)}:${this.writeAny(entry)}`);
    return `{${parts.join(',')}}`;
  }

  private writeString(text: string): string {
    return `"${text.replace(this.style === 'java' ? JAVA_ESCAPED : STANDARD_ESCAPED, escapeChar)}"`;
  }
}

/** fastjson's default escapes: quote, backslash, C0 controls, DEL…U+009F and U+2028. */
const JAVA_ESCAPED = /["\\\u0000-\u001f\u007f-\u009f\u2028]/g;
/** Browser-compatible mode additionally escapes `/` and every non-ASCII character. */
const STANDARD_ESCAPED = /["\\/\u0000-\u001f\u007f-\uffff]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
};

function escapeChar(ch: string): string {
  return SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function expect<K extends 'string' | 'boolean' | 'number'>(
  value: unknown,
  kind: K,
  expected: string,
): K extends 'string' ? string : K extends 'boolean' ? boolean : number {
  if (typeof value !== kind) throw badValue(expected, value);
  return value as K extends 'string' ? string : K extends 'boolean' ? boolean : number;
}

function expectNumber(value: unknown, valid: (n: number) => boolean, expected: string): number {
  if (typeof value !== 'number' || !valid(value)) throw badValue(expected, value);
  return value;
}

function expectArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw badValue('array', value);
  return value;
}

function expectObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badValue('object', value);
  return value as Record<string, unknown>;
}

function badValue(expected: string, value: unknown): MQError {
  return new MQError(ResponseCode.SYSTEM_ERROR, `cannot write JSON body: expected ${expected}, got ${String(value)}`);
}

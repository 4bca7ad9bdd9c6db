import { MQError } from '@mq/common';
import { ResponseCode } from './response-code';
import {
  formatJavaLong,
  isJavaInt,
  isJavaLong,
  parseJavaBoolean,
  parseJavaInt,
  parseJavaLong,
} from './java-values';

/**
 * Typed custom headers over a `RemotingCommand`'s `extFields`, driven by one field table per
 * header, the way Java flattens a `CommandCustomHeader` (spec §2.8):
 * every value travels as a string; `int`/`long` in decimal, `boolean` as `true`/`false`;
 * null fields are omitted; Java primitives are always sent.
 */

/** The Java type of a header field. `long` is a JS number (see `java-values`). */
export type HeaderFieldType = 'string' | 'int' | 'long' | 'boolean';

/** The JS value of a header field type. */
export type HeaderFieldValue<T extends HeaderFieldType> = T extends 'string'
  ? string
  : T extends 'boolean'
    ? boolean
    : number;

/**
 * One row of a header's field table.
 * - `required`: Java's not-null fields; decoding fails without them.
 * - `default`: Java primitives (and initialised wrappers): filled in when absent on decode,
 *   always written on encode.
 * - `key`: the `extFields` key when it differs from the property name.
 */
export interface HeaderField<T extends HeaderFieldType = HeaderFieldType> {
  readonly type: T;
  readonly required?: boolean;
  readonly default?: HeaderFieldValue<T>;
  readonly key?: string;
}

/** A header's field table: property name → field. */
export type HeaderFields = Readonly<Record<string, HeaderField>>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type AlwaysPresentKeys<F extends HeaderFields> = {
  [K in keyof F]: F[K] extends { required: true } ? K : F[K] extends { default: unknown } ? K : never;
}[keyof F];
type MandatoryInitKeys<F extends HeaderFields> = {
  [K in keyof F]: F[K] extends { required: true } ? K : never;
}[keyof F];
type ValueOfField<F> = F extends HeaderField<infer T> ? HeaderFieldValue<T> : never;

/** A decoded header: required and defaulted fields are present, the rest optional. */
export type HeaderOf<F extends HeaderFields> = Simplify<
  { [K in AlwaysPresentKeys<F>]: ValueOfField<F[K]> } & {
    [K in Exclude<keyof F, AlwaysPresentKeys<F>>]?: ValueOfField<F[K]>;
  }
>;

/** What encoding needs: required fields present; defaulted and optional ones may be left out. */
export type HeaderInit<F extends HeaderFields> = Simplify<
  { [K in MandatoryInitKeys<F>]: ValueOfField<F[K]> } & {
    [K in Exclude<keyof F, MandatoryInitKeys<F>>]?: ValueOfField<F[K]>;
  }
>;

/** `extFields` as they arrive: the ROCKETMQ binary header turns empty strings into null. */
export type ExtFieldsInput = Readonly<Record<string, string | null | undefined>>;

/** Encoder/decoder of one custom header type. */
export interface HeaderCodec<F extends HeaderFields> {
  /** Java class name, used in error remarks. */
  readonly name: string;
  /** The field table. */
  readonly fields: F;
  /**
   * Reads the header from `extFields` (unknown keys are ignored).
   * @throws MQError SYSTEM_ERROR naming the field when a required field is missing or a
   *   number does not parse (Java answers such requests with SYSTEM_ERROR too).
   */
  decode(extFields: ExtFieldsInput | null | undefined): HeaderOf<F>;
  /**
   * Writes the header as `extFields` strings (null/undefined optional fields omitted).
   * @throws MQError SYSTEM_ERROR when a required field is missing or a number is not a
   *   Java int/long.
   */
  encode(header: HeaderInit<F>, into?: Record<string, string>): Record<string, string>;
}

/** Declares a header type from its field table. */
export function defineHeader<const F extends HeaderFields>(name: string, fields: F): HeaderCodec<F> {
  const entries = Object.entries(fields).map(([property, field]) => ({ property, key: field.key ?? property, field }));
  return {
    name,
    fields,
    decode(extFields) {
      const header: Record<string, unknown> = {};
      for (const { property, key, field } of entries) {
        const text = extFields?.[key];
        const value = text === null || text === undefined ? undefined : decodeValue(name, key, field, text);
        const resolved = value ?? field.default;
        if (resolved !== undefined) header[property] = resolved;
        else if (field.required) throw missingField(name, key);
      }
      return header as HeaderOf<F>;
    },
    encode(header, into = {}) {
      const values = header as Readonly<Record<string, unknown>>;
      for (const { property, key, field } of entries) {
        const value = values[property] ?? field.default;
        if (value !== undefined && value !== null) into[key] = encodeValue(name, key, field, value);
        else if (field.required) throw missingField(name, key);
      }
      return into;
    },
  };
}

/** Field-table shorthands. */
export const required = <T extends HeaderFieldType>(type: T, key?: string) =>
  ({ type, required: true, ...(key === undefined ? {} : { key }) }) as const;
export const optional = <T extends HeaderFieldType>(type: T, key?: string) =>
  ({ type, ...(key === undefined ? {} : { key }) }) as const;
/** A Java primitive (or initialised wrapper) that is always sent, with its Java default. */
export const primitive = <T extends HeaderFieldType>(type: T, value: HeaderFieldValue<T>) =>
  ({ type, default: value }) as const;

function decodeValue(header: string, key: string, field: HeaderField, text: string): string | number | boolean {
  switch (field.type) {
    case 'string':
      return text;
    case 'boolean':
      return parseJavaBoolean(text);
    case 'int':
      return parsedOrThrow(parseJavaInt(text), header, key, 'int', text);
    case 'long':
      return parsedOrThrow(parseJavaLong(text), header, key, 'long', text);
  }
}

function parsedOrThrow(value: number | undefined, header: string, key: string, type: string, text: string): number {
  if (value !== undefined) return value;
  throw new MQError(
    ResponseCode.SYSTEM_ERROR,
    `the custom field <${key}> of ${header} is not a valid ${type}: ${JSON.stringify(text)}`,
  );
}

function encodeValue(header: string, key: string, field: HeaderField, value: unknown): string {
  const valid =
    field.type === 'string'
      ? typeof value === 'string'
      : field.type === 'boolean'
        ? typeof value === 'boolean'
        : typeof value === 'number' && (field.type === 'int' ? isJavaInt(value) : isJavaLong(value));
  if (!valid) {
    throw new MQError(
      ResponseCode.SYSTEM_ERROR,
      `the custom field <${key}> of ${header} must be a Java ${field.type}, got ${String(value)}`,
    );
  }
  return field.type === 'long' ? formatJavaLong(value as number) : String(value);
}

function missingField(header: string, key: string): MQError {
  return new MQError(ResponseCode.SYSTEM_ERROR, `the custom field <${key}> of ${header} is null`);
}

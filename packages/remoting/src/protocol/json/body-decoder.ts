import { MQError } from '@mq/common';
import { ResponseCode } from '../response-code';
import { parseJavaInt, parseJavaLong } from '../java-values';
import { BeanType, JsonType, ListType, MapKeyType, MapType, ValueOf } from './body-schema';
import { JsonObject, JsonValue, parseJavaJson, setOwn } from './java-json-reader';

/**
 * Turns parsed JSON into the typed value a schema describes, with fastjson's leniency:
 * numbers may come as strings (standard-JSON longs), booleans as `"true"`/`1`, enums by name
 * or ordinal, numeric map keys bare or quoted, MessageQueue keys as objects or as strings
 * holding the object's JSON. Unknown properties are ignored; missing ones take the Java
 * default or stay absent; an unknown enum name reads as absent (fastjson gives null), and so
 * does a fastjson back-reference `{"$ref":…}`, which is not resolved.
 *
 * @throws MQError SYSTEM_ERROR with the path of the first value of the wrong type.
 */
export function decodeJsonValue<T extends JsonType>(type: T, json: JsonValue): ValueOf<T> {
  return decodeJson(type, json) as ValueOf<T>;
}

/** {@link decodeJsonValue} without the static result type. */
export function decodeJson(type: JsonType, json: JsonValue): unknown {
  try {
    return decodeAny(type, json);
  } catch (error) {
    if (!(error instanceof Mismatch)) throw error;
    const path = error.path.reverse().join('');
    throw new MQError(ResponseCode.SYSTEM_ERROR, `bad JSON body: ${path || 'value'} ${error.message}`);
  }
}

/** A type mismatch on its way up, collecting the path as it unwinds. */
class Mismatch extends Error {
  readonly path: string[] = [];
}

/** `undefined` is accepted as absent too, so plain JS objects can be checked and defaulted. */
function decodeAny(type: JsonType, json: JsonValue | undefined): unknown {
  if (json === null || json === undefined || isBackReference(json)) return undefined;
  if (typeof type === 'string') return decodeScalar(type, json);
  switch (type.kind) {
    case 'enum':
      return decodeEnum(type.values, json);
    case 'list':
      return decodeList(type, json);
    case 'map':
      return decodeMap(type, json);
    case 'bean':
      return decodeBean(type, json);
  }
}

function decodeScalar(type: string, json: JsonValue): unknown {
  switch (type) {
    case 'json':
      return json;
    case 'string':
      if (typeof json === 'string') return json;
      if (typeof json === 'number' || typeof json === 'boolean') return String(json);
      break;
    case 'boolean':
      if (typeof json === 'boolean') return json;
      if (json === 'true' || json === 1) return true;
      if (json === 'false' || json === 0) return false;
      break;
    case 'double':
      if (typeof json === 'number') return json;
      if (typeof json === 'string' && json.trim() !== '' && !Number.isNaN(Number(json))) return Number(json);
      break;
    default:
      return decodeInteger(type, json);
  }
  throw mismatch(type, json);
}

function decodeInteger(type: string, json: JsonValue): number {
  if (typeof json === 'number' && Number.isFinite(json)) return Math.trunc(json);
  const parsed = typeof json === 'string' ? (type === 'int' ? parseJavaInt(json) : parseJavaLong(json)) : undefined;
  if (parsed === undefined) throw mismatch(type, json);
  return parsed;
}

function decodeEnum(values: readonly string[], json: JsonValue): string | undefined {
  if (typeof json === 'string') return values.includes(json) ? json : undefined;
  if (typeof json === 'number') return values[json];
  throw mismatch('enum name', json);
}

function decodeList(type: ListType, json: JsonValue): unknown[] {
  if (!Array.isArray(json)) throw mismatch('array', json);
  const result: unknown[] = [];
  json.forEach((element, index) => {
    const value = withPath(`[${index}]`, () => decodeAny(type.element, element));
    if (value !== undefined) result.push(value);
  });
  return result;
}

function decodeMap(type: MapType, json: JsonValue): unknown {
  const object = asObject(json);
  const byBeanKey = typeof type.key !== 'string';
  const result: Record<string, unknown> | Array<[unknown, unknown]> = byBeanKey ? [] : {};
  for (const [text, entry] of Object.entries(object)) {
    withPath(`[${JSON.stringify(text)}]`, () => {
      const value = decodeAny(type.value, entry);
      if (value === undefined) return;
      const key = decodeMapKey(type.key, text);
      if (Array.isArray(result)) result.push([key, value]);
      else setOwn(result, String(key), value);
    });
  }
  return result;
}

function decodeMapKey(key: MapKeyType, text: string): unknown {
  if (key === 'string') return text;
  if (typeof key === 'string') return decodeInteger(key, text.trim());
  return decodeBean(key, parseJavaJson(text));
}

function decodeBean(type: BeanType, json: JsonValue): Record<string, unknown> {
  const object = asObject(json);
  const result: Record<string, unknown> = {};
  for (const name of type.order) {
    const prop = type.props[name];
    const raw = Object.prototype.hasOwnProperty.call(object, name) ? object[name] : null;
    const value = withPath(`.${name}`, () => decodeAny(prop.type, raw));
    const resolved = value === undefined ? freshDefault(prop.default) : value;
    if (resolved !== undefined) setOwn(result, name, resolved);
  }
  return result;
}

/** A Java default; empty collections are created anew so decoded values never share one. */
export function freshDefault(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  if (typeof value === 'object' && value !== null) return {};
  return value;
}

/** fastjson's `{"$ref":"..."}` for a repeated instance; not resolved, read as absent. */
function isBackReference(json: JsonValue): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const keys = Object.keys(json);
  return keys.length === 1 && keys[0] === '$ref';
}

function asObject(json: JsonValue): JsonObject {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw mismatch('object', json);
  return json;
}

function withPath<R>(segment: string, decode: () => R): R {
  try {
    return decode();
  } catch (error) {
    if (error instanceof Mismatch) error.path.push(segment);
    throw error;
  }
}

function mismatch(expected: string, json: JsonValue): Mismatch {
  const actual = Array.isArray(json) ? 'array' : typeof json === 'object' ? 'object' : JSON.stringify(json);
  return new Mismatch(`expected ${expected}, got ${actual}`);
}

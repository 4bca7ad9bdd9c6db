import type { JsonValue } from './java-json-reader';

/**
 * Declarative descriptions of the Java classes that travel as JSON bodies (spec §4.4). One
 * schema drives decoding, encoding and the TypeScript type of a body.
 *
 * Type mapping: `int`/`long`/`double` → number (longs exact below 2^53), `enum` → the name
 * string, `list` (Java List/Set) → array, `map` with String keys → `Record<string, V>`,
 * with Integer/Long keys → `Record<number, V>` (written with bare numeric keys, §4.2), with
 * bean keys (MessageQueue) → `Array<[K, V]>` (written with object keys), `json` → any JSON
 * value kept as parsed.
 */

/** Scalar property types. `json` passes any JSON value through untouched. */
export type ScalarType = 'string' | 'int' | 'long' | 'double' | 'boolean' | 'json';

/** A Java enum, written by name. */
export interface EnumType<V extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly V[];
}

/** A Java List or Set. */
export interface ListType<E extends JsonType = JsonType> {
  readonly kind: 'list';
  readonly element: E;
}

/** The key types Java maps use on the wire. */
export type MapKeyType = 'string' | 'int' | 'long' | BeanType;

/** A Java Map. */
export interface MapType<K extends MapKeyType = MapKeyType, V extends JsonType = JsonType> {
  readonly kind: 'map';
  readonly key: K;
  readonly value: V;
}

/** One bean property: its type and, for Java primitives and initialised fields, the default. */
export interface BeanProp<T extends JsonType = JsonType> {
  readonly type: T;
  readonly default?: unknown;
}

/** A bean's properties by JSON name. */
export type BeanProps = Readonly<Record<string, BeanProp>>;

/** A Java bean (getter-based fastjson serialization, properties sorted by name). */
export interface BeanType<P extends BeanProps = BeanProps> {
  readonly kind: 'bean';
  /** Java class name, for error remarks. */
  readonly name: string;
  readonly props: P;
  /** Property names in fastjson's output order (sorted, Java String order). */
  readonly order: readonly string[];
}

/** Any body type. */
export type JsonType = ScalarType | EnumType | ListType | MapType | BeanType;

/** `decoded`: what decoding yields (defaulted props present); `init`: what encoding accepts (all optional). */
export type SchemaMode = 'decoded' | 'init';

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type DefaultedKeys<P extends BeanProps> = {
  [K in keyof P]: P[K] extends { readonly default: unknown } ? K : never;
}[keyof P];

/** The TypeScript value of a schema type (`unknown` for the open `JsonType` itself). */
export type ValueOf<T, M extends SchemaMode = 'decoded'> = JsonType extends T
  ? unknown
  : T extends 'string'
  ? string
  : T extends 'int' | 'long' | 'double'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'json'
        ? JsonValue
        : T extends EnumType<infer V>
          ? V
          : T extends ListType<infer E>
            ? ValueOf<E, M>[]
            : T extends MapType<infer K, infer V>
              ? MapValueOf<K, V, M>
              : T extends BeanType<infer P>
                ? BeanOf<P, M>
                : never;

type MapValueOf<K, V, M extends SchemaMode> = K extends BeanType
  ? Array<[ValueOf<K, M>, ValueOf<V, M>]>
  : K extends 'string'
    ? Record<string, ValueOf<V, M>>
    : Record<number, ValueOf<V, M>>;

/** The TypeScript object of a bean's properties. */
export type BeanOf<P extends BeanProps, M extends SchemaMode = 'decoded'> = M extends 'decoded'
  ? Simplify<
      { [K in DefaultedKeys<P>]: ValueOf<P[K]['type'], M> } & {
        [K in Exclude<keyof P, DefaultedKeys<P>>]?: ValueOf<P[K]['type'], M>;
      }
    >
  : Simplify<{ [K in keyof P]?: ValueOf<P[K]['type'], M> }>;

/** Declares a Java bean. Property order on the wire is computed here, once. */
export function bean<const P extends BeanProps>(name: string, props: P): BeanType<P> {
  return { kind: 'bean', name, props, order: Object.keys(props).sort(compareJavaStrings) };
}

/** Java defaults: a primitive's value, an enum constant, or an empty collection. */
export type DefaultValue = string | number | boolean | readonly never[] | Readonly<Record<string, never>>;

/** A property without a default: absent/null stays `undefined` and is omitted on write. */
export function prop<const T extends JsonType>(type: T): { readonly type: T };
/** A property with its Java default (primitives, initialised collections); always written. */
export function prop<const T extends JsonType, const D extends DefaultValue>(
  type: T,
  defaultValue: D,
): { readonly type: T; readonly default: D };
export function prop(type: JsonType, ...defaultValue: DefaultValue[]): BeanProp {
  return defaultValue.length === 0 ? { type } : { type, default: defaultValue[0] };
}

/** A Java List/Set of `element`. */
export function list<const E extends JsonType>(element: E): ListType<E> {
  return { kind: 'list', element };
}

/** A Java Map from `key` to `value`. */
export function map<const K extends MapKeyType, const V extends JsonType>(key: K, value: V): MapType<K, V> {
  return { kind: 'map', key, value };
}

/** A Java enum with the given constant names. */
export function enumOf<const V extends string>(values: readonly V[]): EnumType<V> {
  return { kind: 'enum', values };
}

/** Java `String.compareTo` order (UTF-16 code units), which is also JS's default string order. */
export function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

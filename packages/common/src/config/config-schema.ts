import { CommonErrorCode, MQError } from '../errors';

/** Value types a config field can have (Java's int, long, boolean, float/double, String, enum). */
export type ConfigFieldType = 'string' | 'int' | 'long' | 'boolean' | 'float' | 'enum';

/** One config key: its type, default and documentation. */
export interface ConfigField<T> {
  readonly type: ConfigFieldType;
  readonly defaultValue: T;
  /** What the key does, for `--help`/print-config output. */
  readonly doc?: string;
  /** Allowed values of an `enum` field. */
  readonly values?: readonly string[];
  /** Environment variable whose value, when set, replaces the default (e.g. `ROCKETMQ_HOME`). */
  readonly env?: string;
}

/**
 * A config schema: field name = RocketMQ's exact key (`listenPort`, `brokerClusterName`, ...).
 *
 * @example
 * ```ts
 * import { configField, loadConfig, type ConfigOf } from '@mq/common';
 *
 * export const storeConfigSchema = {
 *   storePathRootDir: configField.string(`${homedir()}/store`, 'Root of all store files'),
 *   mappedFileSizeCommitLog: configField.int(1024 * 1024 * 1024, 'Bytes per commit-log file'),
 *   flushDiskType: configField.enum(['ASYNC_FLUSH', 'SYNC_FLUSH'] as const, 'ASYNC_FLUSH'),
 *   checkCRCOnRecover: configField.boolean(true),
 * };
 * export type StoreConfig = ConfigOf<typeof storeConfigSchema>;
 *
 * const config: StoreConfig = loadConfig(storeConfigSchema, {
 *   file: '/etc/broker.conf',
 *   onUnknownKey: (key) => log.warn({ key }, 'unknown config key'),
 * });
 * ```
 */
export type ConfigSchema = Readonly<Record<string, ConfigField<unknown>>>;

/** The typed config object a schema describes. */
export type ConfigOf<S extends ConfigSchema> = { -readonly [K in keyof S]: S[K] extends ConfigField<infer T> ? T : never };

interface FieldOptions {
  /** Environment variable that overrides the default. */
  env?: string;
}

function field<T>(type: ConfigFieldType, defaultValue: T, doc?: string, options: FieldOptions = {}, values?: readonly string[]): ConfigField<T> {
  return { type, defaultValue, doc, env: options.env, values };
}

/** Builders of config fields, one per value type. */
export const configField = {
  string: (defaultValue: string, doc?: string, options?: FieldOptions): ConfigField<string> => field('string', defaultValue, doc, options),
  /** A Java `int`: an integer in [-2^31, 2^31 - 1]. */
  int: (defaultValue: number, doc?: string, options?: FieldOptions): ConfigField<number> => field('int', defaultValue, doc, options),
  /** A Java `long`, limited to what a JS number holds exactly (±2^53). */
  long: (defaultValue: number, doc?: string, options?: FieldOptions): ConfigField<number> => field('long', defaultValue, doc, options),
  boolean: (defaultValue: boolean, doc?: string, options?: FieldOptions): ConfigField<boolean> => field('boolean', defaultValue, doc, options),
  /** A Java `float` or `double`. */
  float: (defaultValue: number, doc?: string, options?: FieldOptions): ConfigField<number> => field('float', defaultValue, doc, options),
  /** One of `values` exactly (Java enum names such as `ASYNC_FLUSH`). */
  enum: <const V extends readonly string[]>(values: V, defaultValue: V[number], doc?: string, options?: FieldOptions): ConfigField<V[number]> =>
    field('enum', defaultValue, doc, options, values),
};

const INTEGER = /^[+-]?\d+$/;
const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;

function refuse(key: string, raw: string, expected: string): MQError {
  return new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `config key ${key}: "${raw}" is not ${expected}`);
}

function parseInteger(key: string, text: string, min: number, max: number, expected: string): number {
  const value = Number(text);
  if (!INTEGER.test(text) || value < min || value > max) throw refuse(key, text, expected);
  return value;
}

/**
 * Converts the text of one key to its field's type. Strings are trimmed like Java's
 * `MixAll.properties2Object`; other values are trimmed too. Unlike Java, which silently keeps
 * the default, a value that does not parse raises MQError naming the key.
 */
export function parseConfigValue<T>(key: string, spec: ConfigField<T>, raw: string): T {
  const text = raw.trim();
  switch (spec.type) {
    case 'string':
      return text as T;
    case 'int':
      return parseInteger(key, text, INT32_MIN, INT32_MAX, 'a 32-bit integer') as T;
    case 'long':
      return parseInteger(key, text, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'an integer within ±2^53') as T;
    case 'float': {
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) throw refuse(key, text, 'a number');
      return value as T;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw refuse(key, text, 'true or false');
      return (lower === 'true') as T;
    }
    case 'enum':
      if (!spec.values?.includes(text)) throw refuse(key, text, `one of ${(spec.values ?? []).join(', ')}`);
      return text as T;
  }
}

/** Called for a key no field of the schema has. */
export type UnknownKeyHandler = (key: string, value: string) => void;

/** The schema's defaults, with `env`-backed fields taken from `env` when set there. */
export function defaultConfig<S extends ConfigSchema>(schema: S, env: Readonly<Record<string, string | undefined>> = process.env): ConfigOf<S> {
  const config: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const fromEnv = spec.env === undefined ? undefined : env[spec.env];
    config[key] = fromEnv === undefined || fromEnv === '' ? spec.defaultValue : parseConfigValue(key, spec, fromEnv);
  }
  return config as ConfigOf<S>;
}

/**
 * Applies key/value text (from a file, flags, ...) onto `config` in place. Known keys are
 * parsed with their field (MQError on a bad value); unknown keys go to `onUnknownKey`.
 */
export function applyConfigValues<S extends ConfigSchema>(
  schema: S,
  config: ConfigOf<S>,
  values: Iterable<readonly [string, string]>,
  onUnknownKey?: UnknownKeyHandler,
): void {
  const target = config as Record<string, unknown>;
  for (const [key, raw] of values) {
    const spec = Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
    if (spec === undefined) onUnknownKey?.(key, raw);
    else target[key] = parseConfigValue(key, spec, raw);
  }
}

/** `key=value` lines of a config, in schema order, as Java prints its config with `-p`. */
export function formatConfig<S extends ConfigSchema>(schema: S, config: ConfigOf<S>): string[] {
  return Object.keys(schema).map((key) => `${key}=${String((config as Record<string, unknown>)[key])}`);
}

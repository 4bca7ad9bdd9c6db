import { readFileSync } from 'node:fs';
import { CommonErrorCode, MQError } from '../errors';
import { applyConfigValues, defaultConfig, type ConfigOf, type ConfigSchema, type UnknownKeyHandler } from './config-schema';
import { parseJavaProperties } from './java-properties';

/** Well-known environment variables (Java's `MixAll`). */
export const ConfigEnv = {
  /** RocketMQ's home directory (`rocketmqHome`). */
  ROCKETMQ_HOME: 'ROCKETMQ_HOME',
  /** Name server list, `host:port;host:port` (`namesrvAddr`). */
  NAMESRV_ADDR: 'NAMESRV_ADDR',
} as const;

/** Where config values come from; later sources override earlier ones. */
export interface ConfigSources {
  /** Environment for `env`-backed defaults (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** A `.properties` file (Java's `-c broker.conf`), read at start-up. */
  file?: string;
  /** Key/value pairs that override the file, typically from command-line flags. */
  overrides?: Iterable<readonly [string, string]>;
  /** Receives keys the schema does not know (the broker logs a warning). */
  onUnknownKey?: UnknownKeyHandler;
}

/** Reads and parses a Java `.properties` file (UTF-8). Raises MQError if it cannot be read. */
export function readPropertiesFile(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `cannot read config file ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseJavaProperties(text);
}

/**
 * Builds a typed config: schema defaults, then `env`-backed defaults, then the file, then
 * the overrides. Bad values raise MQError naming the key.
 */
export function loadConfig<S extends ConfigSchema>(schema: S, sources: ConfigSources = {}): ConfigOf<S> {
  const config = defaultConfig(schema, sources.env);
  if (sources.file !== undefined) applyConfigValues(schema, config, readPropertiesFile(sources.file), sources.onUnknownKey);
  if (sources.overrides !== undefined) applyConfigValues(schema, config, sources.overrides, sources.onUnknownKey);
  return config;
}

/** Parsed command line: options by key and the remaining positional arguments. */
export interface CommandLine {
  options: Map<string, string>;
  positionals: string[];
}

function takesNextAsValue(next: string | undefined): next is string {
  return next !== undefined && (!next.startsWith('-') || /^-\d/.test(next));
}

/**
 * Parses `--key=value`, `--key value`, `-k value` (short names through `aliases`, e.g.
 * `{ c: 'configFile', n: 'namesrvAddr' }`) and bare `--flag` (= `"true"`). Everything else
 * is positional. An unknown short option raises MQError.
 */
export function parseCommandLine(argv: readonly string[], aliases: Readonly<Record<string, string>> = {}): CommandLine {
  const options = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const key = arg.startsWith('--') ? name : aliases[name];
    if (key === undefined) throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `unknown option -${name}`);
    if (eq >= 0) options.set(key, body.slice(eq + 1));
    else if (takesNextAsValue(argv[i + 1])) options.set(key, argv[++i] as string);
    else options.set(key, 'true');
  }
  return { options, positionals };
}

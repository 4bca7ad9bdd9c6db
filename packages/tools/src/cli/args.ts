import { CommonErrorCode, MQError } from '@mq/common';

/** Raw option values as commander hands them over: strings for `<value>` options, booleans for flags. */
export type RawOptions = Readonly<Record<string, string | boolean | undefined>>;

function invalid(remark: string): MQError {
  return new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, remark);
}

/** A string option, trimmed like the Java tool does; undefined when absent or blank. */
export function optionalString(options: RawOptions, name: string): string | undefined {
  const value = options[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A string option that must be present (`-t topic` style). */
export function requiredString(options: RawOptions, name: string): string {
  const value = optionalString(options, name);
  if (value === undefined) throw invalid(`option --${name} is required`);
  return value;
}

/** A decimal integer option within [min, max]; `fallback` when absent. */
export function integerOption(options: RawOptions, name: string, fallback: number, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  const text = optionalString(options, name);
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text)) throw invalid(`option --${name} must be an integer, got "${text}"`);
  const value = Number(text);
  if (value < min || value > max) throw invalid(`option --${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** A `true`/`false` option (case-insensitive); `fallback` when absent. */
export function booleanOption(options: RawOptions, name: string, fallback: boolean): boolean {
  const text = optionalString(options, name)?.toLowerCase();
  if (text === undefined) return fallback;
  if (text !== 'true' && text !== 'false') throw invalid(`option --${name} must be true or false, got "${text}"`);
  return text === 'true';
}

/** A topic permission: 2 (write), 4 (read) or 6 (read and write). */
export function permOption(options: RawOptions, name: string, fallback: number): number {
  const perm = integerOption(options, name, fallback);
  if (perm !== 2 && perm !== 4 && perm !== 6) throw invalid(`option --${name} must be 2 (W), 4 (R) or 6 (RW), got ${perm}`);
  return perm;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})#(\d{2}):(\d{2}):(\d{2}):(\d{3})$/;

/**
 * A point in time as mqadmin takes it: `now`, epoch milliseconds, or local
 * `yyyy-MM-dd#HH:mm:ss:SSS`.
 */
export function parseTimestamp(text: string, now: () => number = Date.now): number {
  const value = text.trim();
  if (value === 'now') return now();
  if (/^\d+$/.test(value)) return Number(value);
  const parts = DATE_TIME.exec(value);
  if (!parts) throw invalid(`"${value}" is not a timestamp: use now, epoch milliseconds or yyyy-MM-dd#HH:mm:ss:SSS`);
  const [year, month, day, hour, minute, second, millis] = parts.slice(1).map(Number);
  const date = new Date(year, month - 1, day, hour, minute, second, millis);
  if (date.getMonth() !== month - 1 || date.getDate() !== day) throw invalid(`"${value}" is not a valid date`);
  return date.getTime();
}

/**
 * Topic or group attributes as RocketMQ's `AttributeParser` accepts them: comma-separated
 * `+key=value` (set) or `-key` (remove), e.g. `+message.type=FIFO`. Returns the text unchanged.
 */
export function validateAttributes(text: string): string {
  for (const entry of text.split(',')) {
    const sign = entry.charAt(0);
    const body = entry.slice(1);
    const valid = (sign === '+' && /^[^=]+=.+$/.test(body)) || (sign === '-' && /^[^=]+$/.test(body));
    if (!valid) throw invalid(`attribute "${entry}" must be +key=value or -key`);
  }
  return text;
}

/** Where a command acts: one broker (`-b`) or every master of a cluster (`-c`). */
export type BrokerTarget = { brokerAddr: string } | { clusterName: string };

/** The `-b`/`-c` target of a command; `-b` wins like in the Java tool. */
export function brokerTarget(options: RawOptions, brokerKey = 'brokerAddr', clusterKey = 'clusterName'): BrokerTarget {
  const brokerAddr = optionalString(options, brokerKey);
  if (brokerAddr !== undefined) return { brokerAddr };
  const clusterName = optionalString(options, clusterKey);
  if (clusterName !== undefined) return { clusterName };
  throw invalid(`either --${brokerKey} (-b) or --${clusterKey} (-c) is required`);
}

import { CommonErrorCode, MQError } from '@mq/common';
import { booleanOption, optionalString, type RawOptions } from '../../cli/args';

function invalid(remark: string): MQError {
  return new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, remark);
}

/** A decimal option (Java's `Double.parseDouble` inputs without exponents) within [min, max]. */
export function decimalOption(options: RawOptions, name: string, fallback: number, min: number, max: number): number {
  const text = optionalString(options, name);
  if (text === undefined) return fallback;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text)) throw invalid(`option --${name} must be a number, got "${text}"`);
  const value = Number(text);
  if (value < min || value > max) throw invalid(`option --${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Refuses `--name true` for a Java feature this client lacks; `false` (the default) is accepted. */
export function refuseEnabled(options: RawOptions, name: string, missing: string): void {
  if (booleanOption(options, name, false)) throw invalid(`option --${name} true is not supported: ${missing}`);
}

/** Refuses an option that only makes sense with a feature this client lacks. */
export function refusePresent(options: RawOptions, name: string, missing: string): void {
  if (options[name] !== undefined) throw invalid(`option --${name} is not supported: ${missing}`);
}

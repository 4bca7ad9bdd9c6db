import { CommonErrorCode, MQError } from '@mq/common';
import type { RawOptions } from '../../cli/args';

/**
 * One option the way Apache Commons CLI declares it in the Java benchmark tools: a short name
 * that may be several letters (`-ri`), a long name, whether it takes a value.
 */
export interface BenchOptionSpec {
  short?: string;
  long: string;
  /** Placeholder of the value, e.g. `count`; absent for a flag without value. */
  arg?: string;
  description: string;
}

function invalid(remark: string): MQError {
  return new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, remark);
}

function findSpec(token: string, specs: readonly BenchOptionSpec[]): { spec: BenchOptionSpec; inlineValue?: string } | undefined {
  if (token.startsWith('--')) {
    const [name, ...value] = token.slice(2).split('=');
    const spec = specs.find((candidate) => candidate.long === name);
    return spec && { spec, inlineValue: value.length > 0 ? value.join('=') : undefined };
  }
  const spec = specs.find((candidate) => candidate.short === token.slice(1));
  return spec && { spec };
}

/**
 * Parses benchmark arguments Commons-CLI style: `-ri 1000`, `--reportInterval 1000` or
 * `--reportInterval=1000`. Values are keyed by long name; flags without value become `true`.
 * Unknown, repeated or value-less options and stray arguments are CLIENT_PARAMETER_CHECK_ERROR.
 */
export function parseBenchArgv(argv: readonly string[], specs: readonly BenchOptionSpec[]): RawOptions {
  const options: Record<string, string | boolean> = {};
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]!;
    if (!token.startsWith('-') || token === '-' || token === '--') throw invalid(`unexpected argument "${token}"`);
    const found = findSpec(token, specs);
    if (!found) throw invalid(`unknown option ${token}; see --help`);
    const { spec, inlineValue } = found;
    if (spec.long in options) throw invalid(`option ${token} given twice`);
    if (spec.arg === undefined) {
      if (inlineValue !== undefined) throw invalid(`option --${spec.long} takes no value`);
      options[spec.long] = true;
      continue;
    }
    const value = inlineValue ?? argv[++index];
    if (value === undefined) throw invalid(`option ${token} needs a value <${spec.arg}>`);
    options[spec.long] = value;
  }
  return options;
}

/** `-ri, --reportInterval <ms>   description` lines of a usage text. */
export function describeOptions(specs: readonly BenchOptionSpec[]): string {
  const names = specs.map((spec) => `${spec.short ? `-${spec.short}, ` : '    '}--${spec.long}${spec.arg ? ` <${spec.arg}>` : ''}`);
  const width = Math.max(...names.map((name) => name.length)) + 2;
  return specs.map((spec, index) => `  ${names[index]!.padEnd(width)}${spec.description}\n`).join('');
}

import { CommonErrorCode, MQError } from '@mq/common';
import { booleanOption, integerOption, optionalString, type RawOptions } from '../../cli/args';
import type { BenchOptionSpec } from './argv-parser';

/** Body compression of the producer workloads (Java's `-c -ct -cl -ch`). */
export interface CompressionSettings {
  /** `-c`: compress bodies over `overHowMuch` bytes; default false (Java then never compresses). */
  enabled: boolean;
  /** `-cl`, zlib level; default 5. */
  level: number;
  /** `-ch`, bytes; default 4096. */
  overHowMuch: number;
}

/** The option declarations, Java's letters and defaults. */
export const COMPRESSION_SPECS: readonly BenchOptionSpec[] = [
  { short: 'c', long: 'compressEnable', arg: 'boolean', description: 'Enable compress msg over 4K, Default: false' },
  { short: 'ct', long: 'compressType', arg: 'type', description: 'Message compressed type, Default: ZLIB (the only one supported)' },
  { short: 'cl', long: 'compressLevel', arg: 'level', description: 'Message compressed level, Default: 5' },
  { short: 'ch', long: 'compressOverHowMuch', arg: 'bytes', description: 'Compress message when body over how much(unit Byte), Default: 4096' },
];

/** Reads `-c -ct -cl -ch`; LZ4 and ZSTD are refused because @mq/client compresses with zlib only. */
export function parseCompression(options: RawOptions): CompressionSettings {
  const type = optionalString(options, 'compressType')?.toUpperCase() ?? 'ZLIB';
  if (type !== 'ZLIB') {
    throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `option --compressType ${type} is not supported: @mq/client compresses with ZLIB only`);
  }
  return {
    enabled: booleanOption(options, 'compressEnable', false),
    level: integerOption(options, 'compressLevel', 5, 0, 9),
    overHowMuch: integerOption(options, 'compressOverHowMuch', 4096, 0),
  };
}

/** Producer settings of the compression choice: disabled means never, like Java's `Integer.MAX_VALUE`. */
export function compressionProducerSettings(compression: CompressionSettings): { compressMsgBodyOverHowmuch: number; compressLevel: number } {
  return compression.enabled
    ? { compressMsgBodyOverHowmuch: compression.overHowMuch, compressLevel: compression.level }
    : { compressMsgBodyOverHowmuch: Number.MAX_SAFE_INTEGER, compressLevel: compression.level };
}

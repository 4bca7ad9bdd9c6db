import { deflateSync, inflateSync } from 'node:zlib';
import { CommonErrorCode, MQError } from '../errors';
import { MessageSysFlag } from './sys-flag';

/** Java producers compress non-batch bodies of at least this many bytes (`compressMsgBodyOverHowmuch`). */
export const DEFAULT_COMPRESS_BODY_OVER = 4 * 1024;
/** Java's default zlib level (`rocketmq.message.compressLevel`). */
export const DEFAULT_COMPRESS_LEVEL = 5;

/** Compression algorithms named by sysFlag bits 8–10. */
export type CompressionType = 'ZLIB' | 'LZ4' | 'ZSTD';

/** The algorithm a sysFlag names: type bits 0 (legacy) and 3 mean ZLIB, 1 LZ4, 2 ZSTD. */
export function compressionTypeOf(sysFlag: number): CompressionType {
  const bits = (sysFlag & MessageSysFlag.COMPRESSION_TYPE_MASK) >> 8;
  switch (bits) {
    case 0:
    case 3:
      return 'ZLIB';
    case 1:
      return 'LZ4';
    case 2:
      return 'ZSTD';
    default:
      throw new MQError(CommonErrorCode.MESSAGE_ILLEGAL, `unknown compression type ${bits} in message sysFlag 0x${sysFlag.toString(16)}`);
  }
}

/** A compressed body and the sysFlag bits that describe it. */
export interface CompressedBody {
  body: Buffer;
  /** `COMPRESSED_FLAG | COMPRESSION_ZLIB_TYPE` (0x301) to OR into the message's sysFlag. */
  sysFlagBits: number;
}

/** zlib (RFC 1950, as Java's `Deflater`) compression of a body, with the sysFlag bits to set. */
export function compressBody(body: Uint8Array, level = DEFAULT_COMPRESS_LEVEL): CompressedBody {
  return {
    body: deflateSync(body, { level }),
    sysFlagBits: MessageSysFlag.COMPRESSED_FLAG | MessageSysFlag.COMPRESSION_ZLIB_TYPE,
  };
}

/**
 * Decompresses a body according to `sysFlag` (the caller checks COMPRESSED_FLAG first).
 * ZLIB is supported; LZ4 and ZSTD bodies are refused with MQError, as are corrupt streams.
 */
export function decompressBody(body: Uint8Array, sysFlag: number): Buffer {
  const type = compressionTypeOf(sysFlag);
  if (type !== 'ZLIB') {
    throw new MQError(CommonErrorCode.MESSAGE_ILLEGAL, `message body is compressed with ${type}, which this implementation does not support (only ZLIB)`);
  }
  try {
    return inflateSync(body);
  } catch (error) {
    throw new MQError(CommonErrorCode.MESSAGE_ILLEGAL, `message body is not a valid zlib stream: ${(error as Error).message}`, { cause: error });
  }
}

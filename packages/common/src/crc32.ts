import { crc32 as zlibCrc32 } from 'node:zlib';

/**
 * RocketMQ's body CRC: the standard CRC-32 masked to a non-negative Java int
 * (`UtilAll.crc32(...) & 0x7FFFFFFF`).
 */
export function crc32(data: Uint8Array, start = 0, end = data.length): number {
  const view = start === 0 && end === data.length ? data : data.subarray(start, end);
  return zlibCrc32(view) & 0x7fffffff;
}

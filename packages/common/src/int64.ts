/**
 * 64-bit integers on the wire as JS numbers. Offsets and timestamps stay far below 2^53,
 * so plain numbers are exact and avoid BigInt in hot loops.
 */
const TWO_POW_32 = 0x1_0000_0000;

/** Reads a big-endian signed 64-bit integer as a number (exact below 2^53 in magnitude). */
export function readInt64BE(buf: Uint8Array, offset: number): number {
  const view = buf as Buffer;
  const high = view.readInt32BE(offset);
  const low = view.readUInt32BE(offset + 4);
  return high * TWO_POW_32 + low;
}

/** Writes a number as a big-endian signed 64-bit integer; returns the offset after it. */
export function writeInt64BE(buf: Uint8Array, value: number, offset: number): number {
  const view = buf as Buffer;
  const high = Math.floor(value / TWO_POW_32);
  const low = value - high * TWO_POW_32;
  view.writeInt32BE(high, offset);
  view.writeUInt32BE(low, offset + 4);
  return offset + 8;
}

/** True when `value` is an integer a Java `long` can hold and a JS number represents exactly. */
export function isSafeInt64(value: number): boolean {
  return Number.isSafeInteger(value);
}

/** Java's `int` overflow semantics for hash codes (`x | 0`). */
export function toInt32(value: number): number {
  return value | 0;
}

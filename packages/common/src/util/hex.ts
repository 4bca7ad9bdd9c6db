import { CommonErrorCode, MQError } from '../errors';

const HEX_DIGITS = '0123456789ABCDEF';

/** Uppercase hex of `bytes[start, end)`, two characters per byte, as RocketMQ renders ids. */
export function toUpperHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    out += HEX_DIGITS[b >>> 4] + HEX_DIGITS[b & 0xf];
  }
  return out;
}

/** Uppercase hex of the low `digits * 4` bits of a non-negative integer, zero-padded to `digits`. */
export function unsignedToUpperHex(value: number, digits: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < digits; i++) {
    out = HEX_DIGITS[rest & 0xf] + out;
    rest >>>= 4;
  }
  return out;
}

const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;

/** Bytes of a hex string (either case). Raises MQError for odd lengths or non-hex characters. */
export function fromHex(hex: string, what: string): Buffer {
  if (!HEX_PATTERN.test(hex)) {
    throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `${what} is not an even-length hex string: ${hex}`);
  }
  return Buffer.from(hex, 'hex');
}

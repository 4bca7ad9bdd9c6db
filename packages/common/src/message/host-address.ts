import { CommonErrorCode, MQError } from '../errors';

/** A socket address as RocketMQ stores it: an IPv4 or IPv6 literal and a port. */
export interface HostAddress {
  /** IPv4 dotted quad (`192.168.0.10`) or IPv6 literal without brackets (`fd00::2`). */
  readonly address: string;
  readonly port: number;
}

/** Bytes of an IPv4 address in a record or id. */
export const IPV4_LENGTH = 4;
/** Bytes of an IPv6 address in a record or id. */
export const IPV6_LENGTH = 16;

function invalidAddress(address: string): MQError {
  return new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `not an IPv4 or IPv6 address: "${address}"`);
}

/** Writes the 4 bytes of a dotted quad, or returns false if it is not one (bytes may be partly written). */
function tryWriteIPv4(address: string, target: Uint8Array, offset: number): boolean {
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= address.length; i++) {
    const code = i < address.length ? address.charCodeAt(i) : 46; // a virtual trailing '.'
    if (code === 46) {
      if (digits === 0 || parts === 4 || part > 255) return false;
      target[offset + parts++] = part;
      part = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57 && digits < 3) {
      part = part * 10 + (code - 48);
      digits++;
    } else {
      return false;
    }
  }
  return parts === 4;
}

function parseHextets(text: string, address: string): number[] {
  if (text === '') return [];
  return text.split(':').map((group) => {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) throw invalidAddress(address);
    return parseInt(group, 16);
  });
}

/** The 8 hextets of an IPv6 literal (`::` compression and a trailing dotted quad allowed). */
function ipv6Hextets(address: string): number[] {
  let text = address;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const quad = Buffer.alloc(IPV4_LENGTH);
    if (!tryWriteIPv4(tail, quad, 0)) throw invalidAddress(address);
    text = `${text.slice(0, lastColon + 1)}${quad.readUInt16BE(0).toString(16)}:${quad.readUInt16BE(2).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) throw invalidAddress(address);
  const head = parseHextets(halves[0] as string, address);
  const rest = halves.length === 2 ? parseHextets(halves[1] as string, address) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) throw invalidAddress(address);
  return [...head, ...new Array<number>(missing).fill(0), ...rest];
}

/** True when the address is an IPv6 literal (it takes 16 bytes on the wire). */
export function isIPv6Address(address: string): boolean {
  return address.includes(':');
}

/** Bytes the address takes in a record or id: 4 (IPv4) or 16 (IPv6). */
export function addressLength(address: string): number {
  return isIPv6Address(address) ? IPV6_LENGTH : IPV4_LENGTH;
}

/** Writes the raw address bytes (4 or 16); returns the offset after them. Raises MQError if invalid. */
export function writeAddressBytes(address: string, target: Uint8Array, offset: number): number {
  if (!isIPv6Address(address)) {
    if (!tryWriteIPv4(address, target, offset)) throw invalidAddress(address);
    return offset + IPV4_LENGTH;
  }
  const hextets = ipv6Hextets(address);
  for (let i = 0; i < 8; i++) {
    const value = hextets[i] as number;
    target[offset + 2 * i] = value >>> 8;
    target[offset + 2 * i + 1] = value & 0xff;
  }
  return offset + IPV6_LENGTH;
}

/** Writes address bytes then the port as int32 (8 or 20 bytes); returns the offset after them. */
export function writeHostAddress(host: HostAddress, target: Buffer, offset: number): number {
  const next = writeAddressBytes(host.address, target, offset);
  target.writeInt32BE(host.port, next);
  return next + 4;
}

/**
 * Text of raw address bytes: a dotted quad for 4 bytes; for 16 bytes Java's
 * `Inet6Address.getHostAddress()` form (eight lowercase hextets, no `::` compression).
 */
export function addressToString(bytes: Uint8Array, offset: number, length: number): string {
  if (length === IPV4_LENGTH) {
    return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
  }
  const hextets: string[] = [];
  for (let i = 0; i < 8; i++) {
    hextets.push((((bytes[offset + 2 * i] as number) << 8) | (bytes[offset + 2 * i + 1] as number)).toString(16));
  }
  return hextets.join(':');
}

/** Reads `ipLength` (4 or 16) address bytes and an int32 port. */
export function readHostAddress(source: Buffer, offset: number, ipLength: number): HostAddress {
  return { address: addressToString(source, offset, ipLength), port: source.readInt32BE(offset + ipLength) };
}

/** `ip:port`, as Java prints a broker or client address (IPv6 without brackets). */
export function formatHostAddress(host: HostAddress): string {
  return `${host.address}:${host.port}`;
}

/** Parses `ip:port` or `[ipv6]:port` (split at the last colon, as Java does). */
export function parseHostAddress(text: string): HostAddress {
  const colon = text.lastIndexOf(':');
  const port = Number(text.slice(colon + 1));
  let address = text.slice(0, colon);
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  if (colon <= 0 || !Number.isInteger(port) || port < 0 || port > 65535 || text.slice(colon + 1) === '') {
    throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `not an "ip:port" address: "${text}"`);
  }
  writeAddressBytes(address, Buffer.alloc(IPV6_LENGTH), 0);
  return { address, port };
}

const IPV4_MAPPED_PREFIX = '::ffff:';

/**
 * The host of a Node socket peer. Dual-stack servers report IPv4 peers as `::ffff:a.b.c.d`;
 * Java sees those as plain IPv4, so they are unwrapped.
 */
export function hostFromSocket(address: string, port: number): HostAddress {
  const lower = address.toLowerCase();
  const unwrapped = lower.startsWith(IPV4_MAPPED_PREFIX) && lower.includes('.') ? lower.slice(IPV4_MAPPED_PREFIX.length) : address;
  return { address: unwrapped, port };
}

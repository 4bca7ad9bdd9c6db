import { networkInterfaces } from 'node:os';
import { randomInt } from 'node:crypto';
import { CommonErrorCode, MQError } from '../errors';
import { addressToString, IPV4_LENGTH, IPV6_LENGTH, writeAddressBytes } from '../message/host-address';
import { fromHex, toUpperHex, unsignedToUpperHex } from '../util/hex';

/** Hex length of a UNIQ_KEY generated on an IPv4 host (16 bytes). */
export const UNIQ_ID_IPV4_LENGTH = 32;
/** Hex length of a UNIQ_KEY generated on an IPv6 host (28 bytes). */
export const UNIQ_ID_IPV6_LENGTH = 56;

/** What a UNIQ_KEY tells about where and when it was made. */
export interface UniqueMessageIdInfo {
  /** Producer address: dotted quad, or eight zero-padded lowercase hextets as Java's `getIPStrFromID` prints it. */
  ip: string;
  /** Low 16 bits of the producer's pid. */
  pid: number;
  /** Approximate creation time (ms), resolved to the month that puts it in the past. */
  timestamp: number;
}

/** Fixed parts of a generator; all optional, defaults describe this process. */
export interface UniqueMessageIdOptions {
  /** Producer address; default the first external IPv4, else IPv6, else a fake 4-byte value. */
  ip?: string;
  pid?: number;
  /** Java puts its class loader's hash here; any per-process random int will do. */
  processHash?: number;
  /** Clock in ms; injectable for tests. */
  clock?: () => number;
}

function localAddress(clock: () => number): Uint8Array {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((entry) => !entry.internal);
  const chosen = addresses.find((entry) => entry.family === 'IPv4') ?? addresses.find((entry) => entry.family === 'IPv6');
  if (chosen) return addressBytes(chosen.address);
  const fake = Buffer.alloc(IPV4_LENGTH);
  fake.writeUInt32BE(clock() % 0x1_0000_0000);
  return fake;
}

function addressBytes(address: string): Uint8Array {
  const bytes = Buffer.alloc(IPV6_LENGTH);
  return bytes.subarray(0, writeAddressBytes(address, bytes, 0));
}

/** Start of the local-time month containing `time`, and of the next one. */
function monthBounds(time: number): { start: number; next: number } {
  const date = new Date(time);
  return {
    start: new Date(date.getFullYear(), date.getMonth(), 1).getTime(),
    next: new Date(date.getFullYear(), date.getMonth() + 1, 1).getTime(),
  };
}

/**
 * Generates UNIQ_KEY ids (remoting spec §5.6): uppercase hex of ip (4 or 16 bytes), pid (2),
 * a per-process hash (4), ms since the start of the local month (4) and a counter (2).
 * The fixed prefix is computed once, so `next()` only formats 12 hex digits.
 */
export class UniqueMessageIdGenerator {
  private readonly prefix: string;
  private readonly clock: () => number;
  private monthStart = 0;
  private nextMonthStart = 0;
  private counter = 0;

  constructor(options: UniqueMessageIdOptions = {}) {
    this.clock = options.clock ?? Date.now;
    const ip = options.ip !== undefined ? addressBytes(options.ip) : localAddress(this.clock);
    const fixed = Buffer.alloc(ip.length + 6);
    fixed.set(ip, 0);
    fixed.writeUInt16BE((options.pid ?? process.pid) & 0xffff, ip.length);
    fixed.writeInt32BE(options.processHash ?? randomInt(-0x8000_0000, 0x7fff_ffff), ip.length + 2);
    this.prefix = toUpperHex(fixed);
  }

  /** A new id, unique within this process. */
  next(): string {
    const now = this.clock();
    if (now >= this.nextMonthStart) {
      const bounds = monthBounds(now);
      this.monthStart = bounds.start;
      this.nextMonthStart = bounds.next;
    }
    let elapsed = now - this.monthStart;
    if (elapsed < 0 && elapsed > -1_000_000) elapsed = 0; // a small step back of the clock (NTP)
    const id = this.prefix + unsignedToUpperHex(elapsed >>> 0, 8) + unsignedToUpperHex(this.counter, 4);
    this.counter = (this.counter + 1) & 0xffff;
    return id;
  }
}

let defaultGenerator: UniqueMessageIdGenerator | undefined;

/** A new UNIQ_KEY from this process's shared generator. */
export function createUniqueMessageId(): string {
  defaultGenerator ??= new UniqueMessageIdGenerator();
  return defaultGenerator.next();
}

/** Java's `UtilAll.ipToIPv6Str`, which pads every hextet to 4 digits (unlike `InetAddress`). */
function paddedIPv6Text(bytes: Buffer): string {
  const hextets: string[] = [];
  for (let i = 0; i < IPV6_LENGTH; i += 2) hextets.push(bytes.toString('hex', i, i + 2));
  return hextets.join(':');
}

/**
 * Decodes a UNIQ_KEY like Java's `MessageClientIDSetter` (`getIPStrFromID`, `getPidFromID`,
 * `getNearlyTimeFromID`): 28 bytes mean an IPv6 producer, 16 bytes IPv4. The time field only
 * counts ms within a month, so it is placed in the current local month, or the previous one
 * if that would be in the future relative to `now`.
 */
export function parseUniqueMessageId(id: string, now = Date.now()): UniqueMessageIdInfo {
  if (id.length !== UNIQ_ID_IPV4_LENGTH && id.length !== UNIQ_ID_IPV6_LENGTH) {
    throw new MQError(
      CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR,
      `unique message id must be 32 (IPv4) or 56 (IPv6) hex characters, got ${id.length}: ${id}`,
    );
  }
  const bytes = fromHex(id, 'unique message id');
  const ipLength = id.length === UNIQ_ID_IPV6_LENGTH ? IPV6_LENGTH : IPV4_LENGTH;
  const elapsed = bytes.readUInt32BE(ipLength + 6);
  let monthStart = monthBounds(now).start;
  if (monthStart + elapsed >= now) monthStart = monthBounds(monthStart - 1).start;
  return {
    ip: ipLength === IPV6_LENGTH ? paddedIPv6Text(bytes) : addressToString(bytes, 0, ipLength),
    pid: bytes.readUInt16BE(ipLength),
    timestamp: monthStart + elapsed,
  };
}

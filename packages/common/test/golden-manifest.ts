import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Golden fixtures written by Apache RocketMQ's own Java classes (tools/golden-remoting).
 * Each manifest entry says what Java decodes from its file.
 */
const GOLDEN_DIR = join(__dirname, 'fixtures', 'golden');

/** Bytes as the Java generator describes them (null when Java holds no byte array). */
export interface JavaBytes {
  length: number;
  base64: string;
  utf8?: string;
}

export interface JavaHost {
  /** `InetAddress.getHostAddress()`: dotted quad, or eight unpadded lowercase hextets. */
  ip: string;
  port: number;
  addressHex: string;
}

/** A stored record as MessageDecoder.decode / clientDecode see it. */
export interface JavaRecord {
  storeSize: number;
  magicCode: number;
  bodyCRC: number;
  queueId: number;
  flag: number;
  queueOffset: number;
  commitLogOffset: number;
  storedSysFlag: number;
  sysFlagAfterDecompress: number;
  bornTimestamp: number;
  bornHost: JavaHost;
  storeTimestamp: number;
  storeHost: JavaHost;
  reconsumeTimes: number;
  preparedTransactionOffset: number;
  storedBodyLength: number;
  /** The body after decompression; null for an empty body. */
  body: JavaBytes | null;
  topic: string;
  propertiesString: string;
  properties: Record<string, string>;
  tags: string | null;
  keys: string | null;
  offsetMsgId: string;
  clientMsgId: string;
}

export interface StoredRecordEntry {
  kind: 'stored-record';
  file: string;
  description: string;
  record: JavaRecord;
}

export interface PullBodyEntry {
  kind: 'pull-body';
  file: string;
  records: JavaRecord[];
}

export interface BatchBodyEntry {
  kind: 'batch-body';
  file: string;
  messages: Array<{ flag: number; body: JavaBytes; properties: Record<string, string> }>;
  propertiesStrings: string[];
}

export interface PropertiesStringEntry {
  kind: 'properties-string';
  file: string;
  description: string;
  /** Java's HashMap iteration order; null values are skipped by Java. */
  inputInJavaOrder: Array<[string, string | null]>;
  string: string;
  decoded: Record<string, string>;
}

export interface PropertiesDecodeEntry {
  kind: 'properties-decode';
  description: string;
  string: string;
  decoded: Record<string, string>;
}

export interface OffsetMsgIdEntry {
  kind: 'offset-msg-id';
  description: string;
  ip: string;
  port: number;
  offset: number;
  msgId: string;
  decodedHost: JavaHost;
  decodedOffset: number;
}

export interface UniqIdEntry {
  kind: 'uniq-id';
  description: string;
  id: string;
  /** `MessageClientIDSetter.getIPStrFromID`. */
  ip: string;
  ipHex: string;
  pid: number;
  msSinceMonthStart: number;
  /** `getNearlyTimeFromID(id).getTime()`, asked at `generatedAt` in `timeZone`. */
  nearlyTime: number;
  generatedAt: number;
  timeZone: string;
}

export type CommonGoldenEntry =
  | StoredRecordEntry
  | PullBodyEntry
  | BatchBodyEntry
  | PropertiesStringEntry
  | PropertiesDecodeEntry
  | OffsetMsgIdEntry
  | UniqIdEntry;

const manifest = JSON.parse(readFileSync(join(GOLDEN_DIR, 'manifest.json'), 'utf8')) as { fixtures: CommonGoldenEntry[] };

/** The manifest entries of one kind (never empty: a missing kind is a broken fixture set). */
export function goldenEntries<K extends CommonGoldenEntry['kind']>(kind: K): Array<Extract<CommonGoldenEntry, { kind: K }>> {
  const entries = manifest.fixtures.filter((entry): entry is Extract<CommonGoldenEntry, { kind: K }> => entry.kind === kind);
  if (entries.length === 0) throw new Error(`golden manifest has no ${kind} entries`);
  return entries;
}

/** The bytes of a fixture file. */
export function goldenFile(file: string): Buffer {
  return readFileSync(join(GOLDEN_DIR, file));
}

/** The bytes Java holds; an absent (null) array is empty. */
export function javaBytes(bytes: JavaBytes | null): Buffer {
  return bytes === null ? Buffer.alloc(0) : Buffer.from(bytes.base64, 'base64');
}

/** A Map or entry list as a plain object with sorted keys, for order-free comparison. */
export function sortedObject(entries: Iterable<readonly [string, string]>): Record<string, string> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

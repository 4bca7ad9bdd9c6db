import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Golden fixtures written by Apache RocketMQ's own Java classes (tools/golden-remoting).
 * Each manifest entry says what Java decodes from its file.
 */
const GOLDEN_DIR = join(__dirname, 'fixtures', 'golden');

/** Bytes as the Java generator describes them. */
export interface JavaBytes {
  length: number;
  base64: string;
  utf8?: string;
}

/** A whole frame and what RemotingCommand.decode reads from it. */
export interface FrameEntry {
  kind: 'frame';
  file: string;
  description: string;
  /** True when the bytes do not depend on Java HashMap order, so a re-encode must match them. */
  deterministic: boolean;
  frameLength: number;
  serializeType: 'JSON' | 'ROCKETMQ';
  serializeTypeCode: number;
  headerLength: number;
  code: number;
  language: string;
  languageCode: number;
  version: number;
  opaque: number;
  flag: number;
  isResponse: boolean;
  isOneway: boolean;
  remark: string | null;
  /** In the order the keys appear in the encoded header. */
  extFields: Record<string, string>;
  body: JavaBytes | null;
  customHeaderClass?: string;
  /** The typed header Java decodes, keyed by extFields key. */
  customHeader?: Record<string, string | number | boolean>;
}

/** A JSON body; `expected` is Java's decoding re-written as standard JSON. */
export interface JsonBodyEntry {
  kind: 'json-body';
  file: string;
  description: string;
  javaClass: string;
  /** `java`: fastjson defaults; `standard`: the name server's browser-compatible route JSON. */
  style: 'java' | 'standard';
  expected: unknown;
}

export interface CompressedRegisterBodyEntry {
  kind: 'register-broker-body-compressed';
  file: string;
  expected: unknown;
  /** The inflated stream. */
  inflated: JavaBytes;
}

export type RemotingGoldenEntry = FrameEntry | JsonBodyEntry | CompressedRegisterBodyEntry;

const manifest = JSON.parse(readFileSync(join(GOLDEN_DIR, 'manifest.json'), 'utf8')) as { fixtures: RemotingGoldenEntry[] };

/** The manifest entries of one kind (never empty: a missing kind is a broken fixture set). */
export function goldenEntries<K extends RemotingGoldenEntry['kind']>(kind: K): Array<Extract<RemotingGoldenEntry, { kind: K }>> {
  const entries = manifest.fixtures.filter((entry): entry is Extract<RemotingGoldenEntry, { kind: K }> => entry.kind === kind);
  if (entries.length === 0) throw new Error(`golden manifest has no ${kind} entries`);
  return entries;
}

/** The bytes of a fixture file. */
export function goldenFile(file: string): Buffer {
  return readFileSync(join(GOLDEN_DIR, file));
}

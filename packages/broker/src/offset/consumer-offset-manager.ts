import path from 'node:path';
import { getLogger } from '@mq/common';
import { ConfigFile } from '../persistence/config-file';
import { DataVersion, type DataVersionJson } from '../persistence/data-version';
import { parseJavaJson, stringifyJavaJson } from '../persistence/java-json';

const log = getLogger('ConsumerOffsetManager');

/** Separator of the `topic@group` keys of `consumerOffset.json`. */
export const TOPIC_GROUP_SEPARATOR = '@';

/** Commits between two DataVersion bumps (`consumerOffsetUpdateVersionStep`). */
const VERSION_STEP = 500;

interface ConsumerOffsetFileJson {
  dataVersion?: DataVersionJson;
  offsetTable?: Record<string, Record<string, number>>;
}

/**
 * Committed consumer offsets, `topic@group → queueId → next offset to consume`, persisted
 * to `config/consumerOffset.json` in Java's format.
 */
export class ConsumerOffsetManager {
  readonly dataVersion = new DataVersion();
  private readonly offsetTable = new Map<string, Map<number, number>>();
  private readonly pullOffsetTable = new Map<string, Map<number, number>>();
  private readonly resetOffsetTable = new Map<string, Map<number, number>>();
  private readonly file: ConfigFile;
  private commitsSinceVersion = 0;

  constructor(storePathRootDir: string) {
    this.file = new ConfigFile(path.join(storePathRootDir, 'config', 'consumerOffset.json'));
  }

  /** Reads the file (or its `.bak`) at start-up. */
  load(): void {
    this.file.load((text) => this.decode(text));
  }

  /** Writes the table to disk. */
  persist(): Promise<boolean> {
    return this.file.persist(this.encode());
  }

  /** Stores `offset` as the group's next offset to consume; going backwards is allowed. */
  commitOffset(clientHost: string, group: string, topic: string, queueId: number, offset: number): void {
    const queues = getOrCreate(this.offsetTable, offsetKey(topic, group));
    const previous = queues.get(queueId);
    if (previous !== undefined && offset < previous) {
      log.warn({ clientHost, group, topic, queueId, previous, offset }, 'consumer offset moved backwards');
    }
    queues.set(queueId, offset);
    this.commitsSinceVersion += 1;
    if (this.commitsSinceVersion >= VERSION_STEP) {
      this.commitsSinceVersion = 0;
      this.dataVersion.next();
    }
  }

  /** The committed offset, or -1 when the group never committed on this queue. */
  queryOffset(group: string, topic: string, queueId: number): number {
    return this.offsetTable.get(offsetKey(topic, group))?.get(queueId) ?? -1;
  }

  /** Every queue's committed offset of (group, topic). */
  queryOffsets(group: string, topic: string): ReadonlyMap<number, number> {
    return this.offsetTable.get(offsetKey(topic, group)) ?? new Map();
  }

  /** Remembers where the group last pulled from (in memory only, as Java does). */
  commitPullOffset(group: string, topic: string, queueId: number, offset: number): void {
    getOrCreate(this.pullOffsetTable, offsetKey(topic, group)).set(queueId, offset);
  }

  /** Where the group last pulled from, or -1. */
  queryPullOffset(group: string, topic: string, queueId: number): number {
    return this.pullOffsetTable.get(offsetKey(topic, group))?.get(queueId) ?? -1;
  }

  /** Topics the group has offsets for. */
  topicsOfGroup(group: string): string[] {
    return [...this.offsetTable.keys()]
      .map(splitKey)
      .filter((key) => key.group === group)
      .map((key) => key.topic);
  }

  /**
   * Sets the group's offset as an admin reset (5.x server-side reset, remoting §9.11): the
   * next pull of the queue is answered PULL_OFFSET_MOVED to it, and commits are ignored until then.
   */
  assignResetOffset(group: string, topic: string, queueId: number, offset: number): void {
    getOrCreate(this.offsetTable, offsetKey(topic, group)).set(queueId, offset);
    getOrCreate(this.resetOffsetTable, offsetKey(topic, group)).set(queueId, offset);
    this.dataVersion.next();
  }

  /** True while an admin reset of the queue waits for the group's next pull. */
  hasOffsetReset(group: string, topic: string, queueId: number): boolean {
    return this.resetOffsetTable.get(offsetKey(topic, group))?.has(queueId) ?? false;
  }

  /** The pending reset offset of the queue, cleared by this call; undefined when none. */
  takeResetOffset(group: string, topic: string, queueId: number): number | undefined {
    const queues = this.resetOffsetTable.get(offsetKey(topic, group));
    const offset = queues?.get(queueId);
    queues?.delete(queueId);
    return offset;
  }

  /** Groups that have offsets on `topic`. */
  groupsOfTopic(topic: string): string[] {
    return [...this.offsetTable.keys()]
      .map(splitKey)
      .filter((key) => key.topic === topic)
      .map((key) => key.group);
  }

  /** Drops every group's offsets on `topic` (topic deletion). */
  removeTopic(topic: string): void {
    for (const group of this.groupsOfTopic(topic)) this.removeOffset(group, topic);
  }

  /** Drops every offset of `group` (group deletion with `cleanOffset`). */
  removeGroup(group: string): void {
    for (const topic of this.topicsOfGroup(group)) this.removeOffset(group, topic);
  }

  private removeOffset(group: string, topic: string): void {
    this.offsetTable.delete(offsetKey(topic, group));
    this.pullOffsetTable.delete(offsetKey(topic, group));
    this.resetOffsetTable.delete(offsetKey(topic, group));
    this.dataVersion.next();
  }

  /** The file content: `{"dataVersion":..,"groupTopicMap":..,"offsetTable":{"t@g":{0:12}}}`. */
  encode(): string {
    const groupTopicMap: Record<string, string[]> = {};
    for (const key of this.offsetTable.keys()) {
      const { topic, group } = splitKey(key);
      (groupTopicMap[group] ??= []).push(topic);
    }
    return stringifyJavaJson({ dataVersion: this.dataVersion, groupTopicMap, offsetTable: this.offsetTable });
  }

  /** Loads file content; `groupTopicMap` and unknown keys are ignored. */
  decode(text: string): void {
    const json = parseJavaJson(text) as ConsumerOffsetFileJson;
    this.dataVersion.assign(json.dataVersion);
    this.offsetTable.clear();
    for (const [key, queues] of Object.entries(json.offsetTable ?? {})) {
      const table = new Map<number, number>();
      for (const [queueId, offset] of Object.entries(queues)) table.set(Number(queueId), Number(offset));
      this.offsetTable.set(key, table);
    }
  }
}

function offsetKey(topic: string, group: string): string {
  return `${topic}${TOPIC_GROUP_SEPARATOR}${group}`;
}

function splitKey(key: string): { topic: string; group: string } {
  const at = key.indexOf(TOPIC_GROUP_SEPARATOR);
  return { topic: key.slice(0, at), group: key.slice(at + 1) };
}

function getOrCreate<K, V>(map: Map<K, Map<number, V>>, key: K): Map<number, V> {
  let value = map.get(key);
  if (!value) {
    value = new Map();
    map.set(key, value);
  }
  return value;
}

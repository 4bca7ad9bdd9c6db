import path from 'node:path';
import { createTopicConfig, getLogger, isInherited, PermName, SystemTopic, type TopicConfig } from '@mq/common';
import type { BrokerConfig } from '../config/broker-config';
import { ConfigFile } from '../persistence/config-file';
import { DataVersion, type DataVersionJson } from '../persistence/data-version';
import { parseJavaJson, stringifyJavaJson } from '../persistence/java-json';
import { startUpTopics } from './system-topics';
import { topicConfigFromJson, topicConfigToJson } from './topic-config';

const log = getLogger('TopicConfigManager');

const PERM_READ_WRITE = PermName.PERM_READ | PermName.PERM_WRITE;

/** Called after topics were created or changed, to register them with the name servers. */
export type TopicChangeListener = (changed: TopicConfig[]) => void;

interface TopicsFileJson {
  dataVersion?: DataVersionJson;
  topicConfigTable?: Record<string, Partial<TopicConfig>>;
}

/** Everything a registration body needs about topics: the table and its version. */
export interface TopicConfigSnapshot {
  dataVersion: DataVersionJson;
  topicConfigTable: Record<string, TopicConfig>;
}

/**
 * The broker's topics: the start-up system topics, `config/topics.json`, and topics
 * auto-created from a template (TBW102) on first send.
 */
export class TopicConfigManager {
  readonly dataVersion = new DataVersion();
  private readonly table = new Map<string, TopicConfig>();
  private readonly file: ConfigFile;
  private readonly listeners: TopicChangeListener[] = [];

  constructor(private readonly config: BrokerConfig, storePathRootDir: string) {
    this.file = new ConfigFile(path.join(storePathRootDir, 'config', 'topics.json'));
    for (const topic of startUpTopics(config)) this.table.set(topic.topicName, topic);
  }

  /** Merges `topics.json` (or its `.bak`) over the start-up topics. */
  load(): void {
    this.file.load((text) => this.decode(text));
  }

  /** Writes the table to disk. */
  persist(): Promise<boolean> {
    return this.file.persist(this.encode());
  }

  /** Subscribes to topic creations and updates. */
  onTopicsChanged(listener: TopicChangeListener): void {
    this.listeners.push(listener);
  }

  /** The topic's config, or undefined. */
  selectTopicConfig(topic: string): TopicConfig | undefined {
    return this.table.get(topic);
  }

  /** Every topic name. */
  topicNames(): string[] {
    return [...this.table.keys()];
  }

  /**
   * The config of `topic`, auto-created from `defaultTopic` when unknown and the template
   * has the INHERIT bit: queues = min(client's count, template's write queues), perm =
   * template's without INHERIT. Undefined when it cannot be created.
   */
  createTopicInSendMessageMethod(
    topic: string,
    defaultTopic: string,
    remoteAddr: string,
    clientDefaultTopicQueueNums: number,
    topicSysFlag: number,
  ): TopicConfig | undefined {
    const existing = this.table.get(topic);
    if (existing) return existing;
    const template = this.table.get(defaultTopic);
    if (!template) {
      log.warn({ topic, defaultTopic, remoteAddr }, 'auto-create template topic does not exist');
      return undefined;
    }
    const templatePerm =
      defaultTopic === SystemTopic.AUTO_CREATE_TOPIC_KEY && !this.config.autoCreateTopicEnable ? PERM_READ_WRITE : template.perm;
    if (!isInherited(templatePerm)) {
      log.warn({ topic, defaultTopic, perm: templatePerm, remoteAddr }, 'template topic does not allow auto-create');
      return undefined;
    }
    const queueNums = Math.max(0, Math.min(clientDefaultTopicQueueNums, template.writeQueueNums));
    const created = createTopicConfig(topic, {
      readQueueNums: queueNums,
      writeQueueNums: queueNums,
      perm: templatePerm & ~PermName.PERM_INHERIT,
      topicSysFlag,
      topicFilterType: template.topicFilterType,
    });
    log.info({ topic, defaultTopic, queueNums, remoteAddr }, 'auto-created topic');
    this.put([created]);
    return created;
  }

  /**
   * The config of a retry/DLQ topic, created with the given queues and perm when unknown
   * (`createTopicInSendMessageBackMethod`).
   */
  createTopicIfAbsent(topic: string, queueNums: number, perm: number, topicSysFlag = 0): TopicConfig {
    const existing = this.table.get(topic);
    if (existing) return existing;
    const created = createTopicConfig(topic, { readQueueNums: queueNums, writeQueueNums: queueNums, perm, topicSysFlag });
    log.info({ topic, queueNums, perm }, 'created topic');
    this.put([created]);
    return created;
  }

  /** Creates or replaces a topic (admin path). */
  updateTopicConfig(config: TopicConfig): void {
    this.put([config]);
  }

  /** Removes a topic (admin path); false when it was unknown. Name servers learn it from mqadmin, not from here. */
  deleteTopicConfig(topic: string): boolean {
    if (!this.table.delete(topic)) return false;
    this.dataVersion.next();
    void this.persist();
    log.info({ topic }, 'deleted topic');
    return true;
  }

  /** The table and version, for registration bodies. */
  snapshot(topics?: readonly TopicConfig[]): TopicConfigSnapshot {
    const topicConfigTable: Record<string, TopicConfig> = {};
    for (const topic of topics ?? this.table.values()) topicConfigTable[topic.topicName] = topicConfigToJson(topic);
    return { dataVersion: this.dataVersion.toJSON(), topicConfigTable };
  }

  /** `topics.json` content. */
  encode(): string {
    return stringifyJavaJson(this.snapshot());
  }

  /** Loads `topics.json` content over the current table. */
  decode(text: string): void {
    const json = parseJavaJson(text) as TopicsFileJson;
    this.dataVersion.assign(json.dataVersion);
    for (const [name, topic] of Object.entries(json.topicConfigTable ?? {})) {
      this.table.set(name, topicConfigFromJson(name, topic));
    }
  }

  private put(topics: TopicConfig[]): void {
    for (const topic of topics) this.table.set(topic.topicName, topic);
    this.dataVersion.next();
    void this.persist();
    for (const listener of this.listeners) listener(topics);
  }
}

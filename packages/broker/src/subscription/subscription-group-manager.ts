import path from 'node:path';
import { BUILT_IN_SUBSCRIPTION_GROUPS, getLogger, isSysConsumerGroup, validateGroup } from '@mq/common';
import { ConfigFile } from '../persistence/config-file';
import { DataVersion, type DataVersionJson } from '../persistence/data-version';
import { parseJavaJson, stringifyJavaJson } from '../persistence/java-json';
import {
  newSubscriptionGroupConfig,
  subscriptionGroupConfigFromJson,
  type SubscriptionGroupConfig,
} from './subscription-group-config';

const log = getLogger('SubscriptionGroupManager');

interface SubscriptionGroupFileJson {
  dataVersion?: DataVersionJson;
  forbiddenTable?: Record<string, Record<string, number>>;
  subscriptionGroupTable?: Record<string, Partial<SubscriptionGroupConfig>>;
}

/**
 * Consumer group settings, persisted to `config/subscriptionGroup.json`, auto-created on
 * first use when `autoCreateSubscriptionGroup` is on (system groups always).
 */
export class SubscriptionGroupManager {
  readonly dataVersion = new DataVersion();
  private readonly table = new Map<string, SubscriptionGroupConfig>();
  private readonly forbiddenTable = new Map<string, Map<string, number>>();
  private readonly file: ConfigFile;

  constructor(
    private readonly autoCreate: boolean,
    storePathRootDir: string,
  ) {
    this.file = new ConfigFile(path.join(storePathRootDir, 'config', 'subscriptionGroup.json'));
    for (const group of BUILT_IN_SUBSCRIPTION_GROUPS) this.table.set(group, newSubscriptionGroupConfig(group));
  }

  /** Merges the file (or its `.bak`) over the built-in groups. */
  load(): void {
    this.file.load((text) => this.decode(text));
  }

  /** Writes the table to disk. */
  persist(): Promise<boolean> {
    return this.file.persist(this.encode());
  }

  /**
   * The group's config; an unknown group with a valid name is created with the defaults
   * when auto-creation is on or it is a system group. Undefined otherwise.
   */
  findSubscriptionGroupConfig(group: string): SubscriptionGroupConfig | undefined {
    const existing = this.table.get(group);
    if (existing) return existing;
    const mayCreate = this.autoCreate || isSysConsumerGroup(group);
    if (!mayCreate || !validateGroup(group).valid) return undefined;
    const created = newSubscriptionGroupConfig(group);
    log.info({ group }, 'auto-created subscription group');
    this.updateSubscriptionGroupConfig(created);
    return created;
  }

  /** The group's config without auto-creation. */
  selectSubscriptionGroupConfig(group: string): SubscriptionGroupConfig | undefined {
    return this.table.get(group);
  }

  /** Creates or replaces a group. */
  updateSubscriptionGroupConfig(config: SubscriptionGroupConfig): void {
    this.table.set(config.groupName, config);
    this.dataVersion.next();
    void this.persist();
  }

  /** Removes a group and its forbidden entries; false when it was unknown. */
  deleteSubscriptionGroupConfig(group: string): boolean {
    const removed = this.table.delete(group);
    this.forbiddenTable.delete(group);
    if (!removed) return false;
    this.dataVersion.next();
    void this.persist();
    log.info({ group }, 'deleted subscription group');
    return true;
  }

  /** Every group, built-in ones included. */
  allSubscriptionGroupConfigs(): SubscriptionGroupConfig[] {
    return [...this.table.values()];
  }

  /** The forbidden table, group → topic → bits. */
  forbiddenSnapshot(): Record<string, Record<string, number>> {
    return Object.fromEntries([...this.forbiddenTable].map(([group, topics]) => [group, Object.fromEntries(topics)]));
  }

  /** The forbidden bits of (group, topic); 0 when none. */
  forbidden(group: string, topic: string): number {
    return this.forbiddenTable.get(group)?.get(topic) ?? 0;
  }

  /** `subscriptionGroup.json` content. */
  encode(): string {
    const subscriptionGroupTable = Object.fromEntries(this.table);
    const forbiddenTable = Object.fromEntries(
      [...this.forbiddenTable].map(([group, topics]) => [group, Object.fromEntries(topics)]),
    );
    return stringifyJavaJson({ dataVersion: this.dataVersion, forbiddenTable, subscriptionGroupTable });
  }

  /** Loads file content over the current table. */
  decode(text: string): void {
    const json = parseJavaJson(text) as SubscriptionGroupFileJson;
    this.dataVersion.assign(json.dataVersion);
    for (const [name, group] of Object.entries(json.subscriptionGroupTable ?? {})) {
      this.table.set(name, subscriptionGroupConfigFromJson(name, group));
    }
    for (const [group, topics] of Object.entries(json.forbiddenTable ?? {})) {
      this.forbiddenTable.set(group, new Map(Object.entries(topics).map(([topic, bits]) => [topic, Number(bits)])));
    }
  }
}

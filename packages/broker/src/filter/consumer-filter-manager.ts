import { getLogger } from '@mq/common';
import { compileSql92, type Sql92Filter } from './sql92-compiler';
import { Sql92ParseError } from './sql92-node-builder';

const log = getLogger('ConsumerFilterManager');

/** An SQL92 subscription registered by a heartbeat (Java's `ConsumerFilterData`). */
export interface ConsumerFilterData {
  readonly topic: string;
  readonly group: string;
  readonly expression: string;
  /** The subscription's `subVersion`. */
  readonly clientVersion: number;
  readonly bornTime: number;
  readonly filter: Sql92Filter;
}

/**
 * The compiled SQL92 subscriptions per (topic, group), as heartbeats register them
 * (store-and-broker §14.1). Kept in memory only: heartbeats re-register them after a restart.
 */
export class ConsumerFilterManager {
  private readonly byTopic = new Map<string, Map<string, ConsumerFilterData>>();

  /**
   * Registers (or refreshes) a group's SQL92 subscription to a topic. An expression that does
   * not compile is logged and not registered, so pulls get FILTER_DATA_NOT_EXIST, as in Java.
   * An older `clientVersion` never replaces a newer one.
   */
  register(topic: string, group: string, expression: string, clientVersion: number): ConsumerFilterData | undefined {
    const groups = this.byTopic.get(topic) ?? new Map<string, ConsumerFilterData>();
    const existing = groups.get(group);
    if (existing && existing.clientVersion >= clientVersion) return existing;
    let filter: Sql92Filter;
    try {
      filter = compileSql92(expression);
    } catch (error) {
      if (!(error instanceof Sql92ParseError)) throw error;
      log.error({ topic, group, expression, reason: error.message }, 'SQL92 subscription does not compile');
      return undefined;
    }
    const data: ConsumerFilterData = { topic, group, expression, clientVersion, bornTime: Date.now(), filter };
    groups.set(group, data);
    this.byTopic.set(topic, groups);
    return data;
  }

  /** The group's registered filter for a topic. */
  get(topic: string, group: string): ConsumerFilterData | undefined {
    return this.byTopic.get(topic)?.get(group);
  }

  /** Every filter registered on a topic (what a bloom pre-filter would evaluate at dispatch). */
  filtersOf(topic: string): ConsumerFilterData[] {
    return [...(this.byTopic.get(topic)?.values() ?? [])];
  }
}

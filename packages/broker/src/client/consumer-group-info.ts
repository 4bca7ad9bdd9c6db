import type { ClientChannelInfo } from './client-channel-info';

/** What the consumer manager needs of a subscription: its topic and version. */
export interface VersionedSubscription {
  topic: string;
  subVersion: number;
}

/** How a consumer group consumes, as its heartbeats declare. */
export interface ConsumerGroupMode {
  /** `CONSUME_ACTIVELY` (pull) or `CONSUME_PASSIVELY` (push). */
  consumeType: string;
  /** `CLUSTERING` or `BROADCASTING`. */
  messageModel: string;
  consumeFromWhere: string;
}

/** The live members of one consumer group and the subscriptions they declared. */
export class ConsumerGroupInfo<C, S extends VersionedSubscription> {
  readonly channels = new Map<C, ClientChannelInfo<C>>();
  readonly subscriptions = new Map<string, S>();
  mode: ConsumerGroupMode;

  constructor(readonly groupName: string, mode: ConsumerGroupMode) {
    this.mode = mode;
  }

  /** Adds or refreshes a member; true when it is a new member. */
  updateChannel(info: ClientChannelInfo<C>, mode: ConsumerGroupMode): boolean {
    this.mode = mode;
    const existing = this.channels.get(info.channel);
    if (existing && existing.clientId === info.clientId) {
      existing.lastUpdateTimestamp = info.lastUpdateTimestamp;
      return false;
    }
    this.channels.set(info.channel, info);
    return existing === undefined;
  }

  /**
   * Replaces the subscriptions with `subs`: new topics are added, newer versions replace
   * older ones, missing topics are dropped. True when the topic set changed.
   */
  updateSubscriptions(subs: readonly S[]): boolean {
    let changed = false;
    const topics = new Set<string>();
    for (const sub of subs) {
      topics.add(sub.topic);
      const old = this.subscriptions.get(sub.topic);
      if (!old) changed = true;
      if (!old || sub.subVersion > old.subVersion) this.subscriptions.set(sub.topic, sub);
    }
    for (const topic of [...this.subscriptions.keys()]) {
      if (topics.has(topic)) continue;
      this.subscriptions.delete(topic);
      changed = true;
    }
    return changed;
  }

  /** Client ids of the live members, in registration order. */
  clientIds(): string[] {
    return [...this.channels.values()].map((info) => info.clientId);
  }

  isBroadcasting(): boolean {
    return this.mode.messageModel === 'BROADCASTING';
  }
}

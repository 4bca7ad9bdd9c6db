import { getLogger } from '@mq/common';
import type { ClientChannelInfo } from './client-channel-info';
import { ConsumerGroupInfo, type ConsumerGroupMode, type VersionedSubscription } from './consumer-group-info';

const log = getLogger('ConsumerManager');

/** Called with a group's remaining members when its membership or subscriptions changed. */
export type ConsumerIdsChangedListener<C> = (group: string, channels: C[]) => void;

/** One consumer group's heartbeat, as the manager needs it. */
export interface ConsumerRegistration<C, S extends VersionedSubscription> {
  group: string;
  info: ClientChannelInfo<C>;
  mode: ConsumerGroupMode;
  subscriptions: readonly S[];
  /** The group's `notifyConsumerIdsChangedEnable`. */
  notifyEnabled: boolean;
}

/**
 * Consumer groups and their live connections, built from heartbeats. Membership changes
 * (join, leave, close, expiry, new subscriptions) are reported to the listener so the
 * broker can send NOTIFY_CONSUMER_IDS_CHANGED to the group, except for broadcasting groups.
 */
export class ConsumerManager<C, S extends VersionedSubscription> {
  private readonly groups = new Map<string, ConsumerGroupInfo<C, S>>();

  constructor(private readonly onIdsChanged: ConsumerIdsChangedListener<C>) {}

  /** Registers a heartbeat; returns true when the group changed. */
  registerConsumer(reg: ConsumerRegistration<C, S>): boolean {
    let group = this.groups.get(reg.group);
    if (!group) {
      group = new ConsumerGroupInfo<C, S>(reg.group, reg.mode);
      this.groups.set(reg.group, group);
    }
    const newMember = group.updateChannel(reg.info, reg.mode);
    const newSubscriptions = group.updateSubscriptions(reg.subscriptions);
    const changed = newMember || newSubscriptions;
    if (changed && reg.notifyEnabled && !group.isBroadcasting()) this.notify(group);
    return changed;
  }

  /** Removes one member from a group (UNREGISTER_CLIENT). */
  unregisterConsumer(groupName: string, channel: C, notifyEnabled: boolean): void {
    const group = this.groups.get(groupName);
    if (!group?.channels.delete(channel)) return;
    if (group.channels.size === 0) this.groups.delete(groupName);
    if (notifyEnabled && !group.isBroadcasting()) this.notify(group);
  }

  /** Removes a closed connection from every group; true when it was a consumer. */
  onChannelClosed(channel: C): boolean {
    let removed = false;
    for (const group of [...this.groups.values()]) {
      if (!group.channels.has(channel)) continue;
      removed = true;
      this.unregisterConsumer(group.groupName, channel, true);
    }
    return removed;
  }

  /** Drops members silent for longer than `expiredMs`; returns how many. */
  scanNotActiveChannels(now: number, expiredMs: number): number {
    let removed = 0;
    for (const group of [...this.groups.values()]) {
      for (const info of [...group.channels.values()]) {
        if (now - info.lastUpdateTimestamp <= expiredMs) continue;
        log.warn({ group: group.groupName, clientId: info.clientId, remoteAddr: info.remoteAddr }, 'consumer channel expired');
        this.unregisterConsumer(group.groupName, info.channel, true);
        removed += 1;
      }
    }
    return removed;
  }

  /** The group's live members, or undefined when it has none. */
  findGroup(groupName: string): ConsumerGroupInfo<C, S> | undefined {
    return this.groups.get(groupName);
  }

  /** The subscription a group declared for a topic. */
  findSubscription(groupName: string, topic: string): S | undefined {
    return this.groups.get(groupName)?.subscriptions.get(topic);
  }

  /** Every group with at least one live member. */
  groupNames(): string[] {
    return [...this.groups.keys()];
  }

  private notify(group: ConsumerGroupInfo<C, S>): void {
    this.onIdsChanged(group.groupName, [...group.channels.keys()]);
  }
}

import { getLogger } from '@mq/common';
import type { ClientChannelInfo } from './client-channel-info';

const log = getLogger('ProducerManager');

/**
 * Producer connections by group, from heartbeats. The broker needs them to call producers
 * back (CHECK_TRANSACTION_STATE) and to list a group's connections.
 */
export class ProducerManager<C> {
  private readonly groups = new Map<string, Map<C, ClientChannelInfo<C>>>();

  /** Records (or refreshes) a producer connection. */
  registerProducer(group: string, info: ClientChannelInfo<C>): void {
    let channels = this.groups.get(group);
    if (!channels) {
      channels = new Map();
      this.groups.set(group, channels);
    }
    const existing = channels.get(info.channel);
    if (existing && existing.clientId === info.clientId) existing.lastUpdateTimestamp = info.lastUpdateTimestamp;
    else channels.set(info.channel, info);
  }

  /** Forgets one connection of a group (UNREGISTER_CLIENT). */
  unregisterProducer(group: string, channel: C): void {
    const channels = this.groups.get(group);
    if (!channels?.delete(channel)) return;
    if (channels.size === 0) this.groups.delete(group);
  }

  /** Drops a closed connection from every group. */
  onChannelClosed(channel: C): void {
    for (const group of [...this.groups.keys()]) this.unregisterProducer(group, channel);
  }

  /** Drops connections silent for longer than `expiredMs`; returns how many. */
  scanNotActiveChannels(now: number, expiredMs: number): number {
    let removed = 0;
    for (const [group, channels] of this.groups) {
      for (const [channel, info] of channels) {
        if (now - info.lastUpdateTimestamp <= expiredMs) continue;
        log.warn({ group, clientId: info.clientId, remoteAddr: info.remoteAddr }, 'producer channel expired');
        this.unregisterProducer(group, channel);
        removed += 1;
      }
    }
    return removed;
  }

  /** The live connections of a group. */
  channelsOf(group: string): ClientChannelInfo<C>[] {
    return [...(this.groups.get(group)?.values() ?? [])];
  }

  /** The live connection of the client with this id, in any group (request/reply push), or undefined. */
  findChannel(clientId: string): C | undefined {
    for (const channels of this.groups.values()) {
      for (const info of channels.values()) if (info.clientId === clientId) return info.channel;
    }
    return undefined;
  }

  /** Any one live connection of the group (for call-backs), or undefined. */
  anyChannelOf(group: string): ClientChannelInfo<C> | undefined {
    return this.groups.get(group)?.values().next().value;
  }
}

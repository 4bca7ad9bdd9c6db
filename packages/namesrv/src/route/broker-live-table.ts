import type { DataVersion } from './route-types';

/** What the name server knows about one live broker address (`BrokerLiveInfo`). */
export interface BrokerLiveInfo {
  readonly clusterName: string;
  readonly brokerAddr: string;
  lastUpdateTimestamp: number;
  readonly heartbeatTimeoutMillis: number;
  readonly dataVersion: DataVersion;
  readonly haServerAddr: string;
  /** The connection the broker registered over; opaque to the route table. */
  readonly channel?: object;
  /** Filter servers the broker advertised (`filterServerList`), if any. */
  readonly filterServers?: readonly string[];
}

/**
 * Broker addresses with their last heartbeat, keyed by (cluster, address) as RocketMQ's
 * `brokerLiveTable` is: the same address may serve two clusters.
 */
export class BrokerLiveTable {
  private readonly entries = new Map<string, BrokerLiveInfo>();

  /** The entry for `brokerAddr` in `clusterName`, if live. */
  get(clusterName: string, brokerAddr: string): BrokerLiveInfo | undefined {
    return this.entries.get(liveKey(clusterName, brokerAddr));
  }

  /** Stores `info`, returning the entry it replaces. */
  put(info: BrokerLiveInfo): BrokerLiveInfo | undefined {
    const key = liveKey(info.clusterName, info.brokerAddr);
    const previous = this.entries.get(key);
    this.entries.set(key, info);
    return previous;
  }

  /** Removes and returns the entry, if any. */
  remove(clusterName: string, brokerAddr: string): BrokerLiveInfo | undefined {
    const key = liveKey(clusterName, brokerAddr);
    const previous = this.entries.get(key);
    this.entries.delete(key);
    return previous;
  }

  /** Refreshes the heartbeat time of a live entry; unknown addresses are ignored. */
  touch(clusterName: string, brokerAddr: string, now: number): void {
    const info = this.get(clusterName, brokerAddr);
    if (info) info.lastUpdateTimestamp = now;
  }

  /** The entry registered over `channel`, if any. */
  findByChannel(channel: object): BrokerLiveInfo | undefined {
    for (const info of this.entries.values()) {
      if (info.channel === channel) return info;
    }
    return undefined;
  }

  /** Entries whose last heartbeat is older than their timeout at `now`. */
  expired(now: number): BrokerLiveInfo[] {
    return [...this.entries.values()].filter((info) => info.lastUpdateTimestamp + info.heartbeatTimeoutMillis < now);
  }

  /** Whether any live entry advertises filter servers. */
  hasFilterServers(): boolean {
    for (const info of this.entries.values()) {
      if (info.filterServers && info.filterServers.length > 0) return true;
    }
    return false;
  }

  /** Number of live entries. */
  get size(): number {
    return this.entries.size;
  }
}

function liveKey(clusterName: string, brokerAddr: string): string {
  return `${clusterName}\u0000${brokerAddr}`;
}

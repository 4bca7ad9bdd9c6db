import type { Admin } from '@mq/client';
import type { ClusterInfo } from '@mq/remoting';
import type { BrokerTarget } from './args';

/** The broker addresses a `-b`/`-c` target names: the broker itself, or every master of the cluster. */
export async function targetAddresses(admin: Admin, target: BrokerTarget): Promise<string[]> {
  return 'brokerAddr' in target ? [target.brokerAddr] : admin.clusterMasters(target.clusterName);
}

/** One broker process of a cluster, as `clusterList` lists them. */
export interface ClusterMember {
  clusterName: string;
  brokerName: string;
  brokerId: number;
  addr: string;
}

/**
 * Every broker process (masters and slaves) of the named cluster, or of all clusters, sorted
 * by cluster, broker name and id like mqadmin's tree maps.
 */
export function clusterMembers(info: ClusterInfo, clusterName?: string): ClusterMember[] {
  const clusters = info.clusterAddrTable as Record<string, string[]>;
  const names = clusterName === undefined ? Object.keys(clusters) : [clusterName];
  const members: ClusterMember[] = [];
  for (const cluster of [...names].sort()) {
    for (const brokerName of [...(clusters[cluster] ?? [])].sort()) {
      const addrs = (info.brokerAddrTable as Record<string, ClusterInfo['brokerAddrTable'][string]>)[brokerName]?.brokerAddrs as Record<number, string> | undefined;
      for (const [id, addr] of Object.entries(addrs ?? {})) members.push({ clusterName: cluster, brokerName, brokerId: Number(id), addr });
    }
  }
  return members.sort((a, b) => a.clusterName.localeCompare(b.clusterName) || a.brokerName.localeCompare(b.brokerName) || a.brokerId - b.brokerId);
}

/** The master address of a broker (id 0), if it has one. */
export function masterAddress(broker: { brokerAddrs: unknown }): string | undefined {
  return (broker.brokerAddrs as Record<number, string>)[0];
}

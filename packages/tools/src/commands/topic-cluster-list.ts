import type { Admin } from '@mq/client';
import type { AdminCommand } from '../cli/admin-command';
import { requiredString } from '../cli/args';

/** The clusters of the brokers that host `topic`, sorted (Java's `getTopicClusterList`). */
export async function topicClusters(admin: Admin, topic: string): Promise<string[]> {
  const [route, info] = await Promise.all([admin.topicRoute(topic), admin.clusterInfo()]);
  const clusterTable = info.clusterAddrTable as Record<string, string[]>;
  const clusters = new Set<string>();
  for (const broker of route.brokerDatas) {
    for (const [cluster, brokerNames] of Object.entries(clusterTable)) {
      if (broker.brokerName !== undefined && brokerNames.includes(broker.brokerName)) clusters.add(cluster);
    }
  }
  return [...clusters].sort();
}

/** The first cluster hosting `topic`, or "" when none. */
export async function clusterOfTopic(admin: Admin, topic: string): Promise<string> {
  return (await topicClusters(admin, topic))[0] ?? '';
}

/** `mqadmin topicClusterList`: the clusters a topic lives in. */
export const topicClusterListCommand: AdminCommand = {
  name: 'topicClusterList',
  description: 'Get cluster info for topic.',
  options: [{ flags: '-t, --topic <topic>', description: 'topic name' }],
  async run({ admin }, options) {
    const clusters = await topicClusters(admin, requiredString(options, 'topic'));
    return { data: clusters, text: clusters.map((cluster) => `${cluster}\n`).join('') };
  },
};

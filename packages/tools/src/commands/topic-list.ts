import type { Admin } from '@mq/client';
import { isDLQTopic, isRetryTopic } from '@mq/common';
import type { AdminCommand } from '../cli/admin-command';
import { frontStringAtLeast, javaFormat } from '../format/java-format';
import { clusterOfTopic } from './topic-cluster-list';

/** One row of `topicList -c`. */
export interface TopicClusterRow {
  clusterName: string;
  topic: string;
  consumerGroup: string;
}

/** `topicList -c` in mqadmin's layout. */
export function formatTopicClusterRows(rows: readonly TopicClusterRow[]): string {
  const header = javaFormat('%-20s  %-48s  %-48s%n', '#Cluster Name', '#Topic', '#Consumer Group');
  return header + rows.map((row) => javaFormat('%-20s  %-64s  %-64s%n', frontStringAtLeast(row.clusterName, 20), frontStringAtLeast(row.topic, 64), frontStringAtLeast(row.consumerGroup, 64))).join('');
}

async function topicClusterRows(admin: Admin, topics: readonly string[]): Promise<TopicClusterRow[]> {
  const rows: TopicClusterRow[] = [];
  for (const topic of topics.filter((name) => !isRetryTopic(name) && !isDLQTopic(name))) {
    const [clusterName, groups] = await Promise.all([
      clusterOfTopic(admin, topic).catch(() => ''),
      admin.queryTopicConsumeByWho(topic).catch(() => [] as string[]),
    ]);
    for (const consumerGroup of groups.length > 0 ? groups : ['']) rows.push({ clusterName, topic, consumerGroup });
  }
  return rows;
}

/** `mqadmin topicList`: every topic the name server knows; with `-c`, its cluster and consumer groups. */
export const topicListCommand: AdminCommand = {
  name: 'topicList',
  description: 'Fetch all topic list from name server.',
  options: [{ flags: '-c, --clusterModel', description: 'clusterModel' }],
  async run({ admin }, options) {
    const topics = await admin.topicList();
    if (options.clusterModel !== true) return { data: topics, text: topics.map((topic) => `${topic}\n`).join('') };
    const rows = await topicClusterRows(admin, topics);
    return { data: rows, text: formatTopicClusterRows(rows) };
  },
};

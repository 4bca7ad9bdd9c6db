import type { QueueStats } from '@mq/client';
import type { AdminCommand } from '../cli/admin-command';
import { requiredString } from '../cli/args';
import { frontStringAtLeast, javaFormat } from '../format/java-format';
import { timeMillisToHumanString2 } from '../format/time';

/** `topicStatus` in mqadmin's layout: min/max offset and last update per queue. */
export function formatTopicStatus(stats: readonly QueueStats[]): string {
  const header = javaFormat('%-32s  %-4s  %-20s  %-20s    %s%n', '#Broker Name', '#QID', '#Min Offset', '#Max Offset', '#Last Updated');
  const rows = stats.map((queue) =>
    javaFormat(
      '%-32s  %-4d  %-20d  %-20d    %s%n',
      frontStringAtLeast(queue.mq.brokerName, 32),
      queue.mq.queueId,
      queue.minOffset,
      queue.maxOffset,
      queue.lastUpdateTimestamp > 0 ? timeMillisToHumanString2(queue.lastUpdateTimestamp) : '',
    ),
  );
  return header + rows.join('');
}

/** `mqadmin topicStatus`: GET_TOPIC_STATS_INFO on every broker of the topic. */
export const topicStatusCommand: AdminCommand = {
  name: 'topicStatus',
  description: 'Examine topic Status info.',
  options: [{ flags: '-t, --topic <topic>', description: 'topic name' }],
  async run({ admin }, options) {
    const stats = await admin.topicStats(requiredString(options, 'topic'));
    const data = stats.map((queue) => ({ brokerName: queue.mq.brokerName, queueId: queue.mq.queueId, minOffset: queue.minOffset, maxOffset: queue.maxOffset, lastUpdateTimestamp: queue.lastUpdateTimestamp }));
    return { data, text: formatTopicStatus(stats) };
  },
};

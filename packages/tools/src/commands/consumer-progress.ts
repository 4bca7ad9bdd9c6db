import type { ConsumerProgress } from '@mq/client';
import type { AdminCommand } from '../cli/admin-command';
import { optionalString } from '../cli/args';
import { frontStringAtLeast, javaFormat } from '../format/java-format';
import { formatDateTime } from '../format/time';
import { collectGroupConsumeSummaries, formatGroupConsumeSummaries } from './consumer-progress-groups';

/** `consumerProgress -g` in mqadmin's layout: offsets, diff and in-flight per queue, then the totals. */
export function formatConsumerProgress(progress: ConsumerProgress): string {
  const lines = [javaFormat('%-64s  %-32s  %-4s  %-20s  %-20s  %-20s %-20s%s%n', '#Topic', '#Broker Name', '#QID', '#Broker Offset', '#Consumer Offset', '#Diff', '#Inflight', '#LastTime')];
  let diffTotal = 0;
  let inflightTotal = 0;
  for (const queue of progress.queues) {
    const diff = queue.brokerOffset - queue.consumerOffset;
    const inflight = queue.pullOffset - queue.consumerOffset;
    diffTotal += diff;
    inflightTotal += inflight;
    lines.push(
      javaFormat(
        '%-64s  %-32s  %-4d  %-20d  %-20d  %-20d %-20d %s%n',
        frontStringAtLeast(queue.mq.topic, 64),
        frontStringAtLeast(queue.mq.brokerName, 32),
        queue.mq.queueId,
        queue.brokerOffset,
        queue.consumerOffset,
        diff,
        inflight,
        queue.lastTimestamp === 0 ? 'N/A' : formatDateTime(queue.lastTimestamp),
      ),
    );
  }
  lines.push('\n', javaFormat('Consume TPS: %.2f%n', progress.consumeTps), javaFormat('Consume Diff Total: %d%n', diffTotal), javaFormat('Consume Inflight Total: %d%n', inflightTotal));
  return lines.join('');
}

/**
 * `mqadmin consumerProgress`: with `-g`, GET_CONSUME_STATS on every broker of the group's retry
 * topic; without it, one summary row per consumer group of the cluster.
 */
export const consumerProgressCommand: AdminCommand = {
  name: 'consumerProgress',
  description: "Query consumer's progress, speed.",
  options: [
    { flags: '-g, --groupName <group>', description: 'consumer group name' },
    { flags: '-t, --topicName <topic>', description: 'topic name' },
  ],
  async run({ admin }, options) {
    const group = optionalString(options, 'groupName');
    if (group === undefined) {
      const summaries = await collectGroupConsumeSummaries(admin);
      return { data: summaries, text: formatGroupConsumeSummaries(summaries) };
    }
    const progress = await admin.consumerProgress(group, optionalString(options, 'topicName'));
    const data = {
      consumeTps: progress.consumeTps,
      totalLag: progress.totalLag,
      queues: progress.queues.map(({ mq, ...offsets }) => ({ topic: mq.topic, brokerName: mq.brokerName, queueId: mq.queueId, ...offsets })),
    };
    return { data, text: formatConsumerProgress(progress) };
  },
};

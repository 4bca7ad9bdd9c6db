import type { MessageQueue } from '@mq/common';
import type { AdminCommand } from '../cli/admin-command';
import { booleanOption, parseTimestamp, requiredString } from '../cli/args';
import { frontStringAtLeast, javaFormat } from '../format/java-format';

/** The offset table `resetOffsetByTime` prints after the reset. */
export function formatResetOffsets(offsets: ReadonlyArray<readonly [MessageQueue, number]>): string {
  const header = javaFormat('%-40s  %-40s  %-40s%n', '#brokerName', '#queueId', '#offset');
  return header + offsets.map(([mq, offset]) => javaFormat('%-40s  %-40d  %-40d%n', frontStringAtLeast(mq.brokerName, 32), mq.queueId, offset)).join('');
}

/** `mqadmin resetOffsetByTime`: INVOKE_BROKER_TO_RESET_OFFSET on every broker of the topic. */
export const resetOffsetByTimeCommand: AdminCommand = {
  name: 'resetOffsetByTime',
  description: 'Reset consumer offset by timestamp(without client restart).',
  options: [
    { flags: '-g, --group <group>', description: 'set the consumer group' },
    { flags: '-t, --topic <topic>', description: 'set the topic' },
    { flags: '-s, --timestamp <timestamp>', description: 'set the timestamp[now|currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]' },
    { flags: '-f, --force <bool>', description: 'set the force rollback by timestamp switch[true|false]. Deprecated.' },
  ],
  async run({ admin }, options) {
    const group = requiredString(options, 'group');
    const topic = requiredString(options, 'topic');
    const timestampText = requiredString(options, 'timestamp');
    const timestamp = parseTimestamp(timestampText);
    const force = booleanOption(options, 'force', true);
    const offsets = await admin.resetOffsetByTime(group, topic, timestamp, force);
    const intro = javaFormat('start reset consumer offset by specified, group[%s], topic[%s], force[%s], timestamp(string)[%s], timestamp(long)[%s]%n', group, topic, force, timestampText, timestamp);
    const data = { group, topic, force, timestamp, offsets: offsets.map(([mq, offset]) => ({ brokerName: mq.brokerName, queueId: mq.queueId, offset })) };
    return { data, text: intro + formatResetOffsets(offsets) };
  },
};

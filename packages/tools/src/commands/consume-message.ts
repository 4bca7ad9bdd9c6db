import type { Admin, QueueStats } from '@mq/client';
import { CommonErrorCode, MQError, type MessageExt } from '@mq/common';
import type { AdminCommand } from '../cli/admin-command';
import { integerOption, optionalString, parseTimestamp, requiredString, type RawOptions } from '../cli/args';
import { readQueue } from '../cli/queue-reader';
import { formatMessageLine, messageSummary } from '../format/message';

/** The parsed arguments of `consumeMessage`. */
export interface ConsumeMessageArgs {
  topic: string;
  brokerName?: string;
  queueId?: number;
  offset?: number;
  group?: string;
  beginTimestamp?: number;
  endTimestamp?: number;
  messageNumber: number;
}

function invalid(remark: string): MQError {
  return new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, remark);
}

/** Parses `consumeMessage` options with mqadmin's rules (queue needs broker, offset needs queue, begin ≤ end ≤ now). */
export function parseConsumeMessageArgs(options: RawOptions, now: number): ConsumeMessageArgs {
  const queueText = optionalString(options, 'queueId');
  const offsetText = optionalString(options, 'offset');
  const beginText = optionalString(options, 'beginTimestamp');
  const endText = optionalString(options, 'endTimestamp');
  const args: ConsumeMessageArgs = {
    topic: requiredString(options, 'topic'),
    brokerName: optionalString(options, 'brokerName'),
    queueId: queueText === undefined ? undefined : integerOption(options, 'queueId', 0, 0),
    offset: offsetText === undefined ? undefined : integerOption(options, 'offset', 0, 0),
    group: optionalString(options, 'consumerGroup'),
    beginTimestamp: beginText === undefined ? undefined : parseTimestamp(beginText),
    endTimestamp: endText === undefined ? undefined : parseTimestamp(endText),
    messageNumber: integerOption(options, 'MessageNumber', 128, 1),
  };
  if (args.queueId !== undefined && args.brokerName === undefined) throw invalid('Please set the brokerName before queueId!');
  if (args.offset !== undefined && args.queueId === undefined) throw invalid('Please set queueId before offset!');
  if (args.beginTimestamp !== undefined && args.beginTimestamp > now) throw invalid('Please set the beginTimestamp before now!');
  if (args.endTimestamp !== undefined && args.endTimestamp > now) throw invalid('Please set the endTimestamp before now!');
  if (args.beginTimestamp !== undefined && args.endTimestamp !== undefined && args.beginTimestamp > args.endTimestamp) {
    throw invalid('Please make sure that the beginTimestamp is less than or equal to the endTimestamp');
  }
  return args;
}

async function queueWindow(admin: Admin, queue: QueueStats, args: ConsumeMessageArgs): Promise<{ from: number; to: number }> {
  const from = args.offset ?? (args.beginTimestamp === undefined ? queue.minOffset : await admin.searchOffset(queue.mq, args.beginTimestamp));
  const to = args.endTimestamp === undefined ? queue.maxOffset : await admin.searchOffset(queue.mq, args.endTimestamp);
  return { from, to };
}

/** `mqadmin consumeMessage`: up to `-c` messages of a topic, a queue, or a queue from an offset, without committing. */
export const consumeMessageCommand: AdminCommand = {
  name: 'consumeMessage',
  description: 'Consume message.',
  options: [
    { flags: '-t, --topic <topic>', description: 'Topic name' },
    { flags: '-b, --brokerName <broker>', description: 'Broker name' },
    { flags: '-i, --queueId <id>', description: 'Queue Id' },
    { flags: '-o, --offset <offset>', description: 'Queue offset' },
    { flags: '-g, --consumerGroup <group>', description: 'Consumer group name' },
    { flags: '-s, --beginTimestamp <timestamp>', description: 'Begin timestamp(ms or yyyy-MM-dd#HH:mm:ss:SSS)' },
    { flags: '-e, --endTimestamp <timestamp>', description: 'End timestamp(ms or yyyy-MM-dd#HH:mm:ss:SSS)' },
    { flags: '-c, --MessageNumber <n>', description: 'Number of message to be consumed' },
  ],
  async run({ admin }, options) {
    const args = parseConsumeMessageArgs(options, Date.now());
    const queues = (await admin.topicStats(args.topic)).filter(
      ({ mq }) => (args.brokerName === undefined || mq.brokerName === args.brokerName) && (args.queueId === undefined || mq.queueId === args.queueId),
    );
    if (queues.length === 0) throw invalid(`no queue of ${args.topic} matches broker ${args.brokerName} queue ${args.queueId}`);
    const consumed: MessageExt[] = [];
    for (const queue of queues) {
      const limit = args.messageNumber - consumed.length;
      if (limit <= 0) break;
      const { from, to } = await queueWindow(admin, queue, args);
      await readQueue(admin, { mq: queue.mq, from, to, subExpression: '*', limit, group: args.group }, (messages) => consumed.push(...messages));
    }
    return { data: consumed.map(messageSummary), text: consumed.map((message) => formatMessageLine(message, true)).join('') + 'Consume ok\n' };
  },
};

import { SystemTopic } from '@mq/common';
import { traceViewsOf, type TraceView } from '@mq/client';
import type { AdminCommand } from '../cli/admin-command';
import { integerOption, optionalString, requiredString } from '../cli/args';
import { javaFormat } from '../format/java-format';
import { formatDateTime } from '../format/time';

const ROW = '%-10s %-20s %-20s %-20s %-10s %-10s%n';

function traceRow(type: string, view: TraceView): string {
  return javaFormat(ROW, type, view.groupName, view.clientHost, formatDateTime(view.timeStamp), `${view.costTime}ms`, view.status);
}

/**
 * `queryMsgTraceById` in mqadmin's layout: a table per Pub record, then one table per
 * consumer group of its SubAfter records. SubBefore and EndTransaction records are not printed.
 */
export function formatMessageTrace(views: readonly TraceView[]): string {
  let text = '';
  const byConsumerGroup = new Map<string, TraceView[]>();
  for (const view of views) {
    if (view.traceType === 'Pub') {
      text += javaFormat(ROW, '#Type', '#ProducerGroup', '#ClientHost', '#SendTime', '#CostTimes', '#Status') + traceRow('Pub', view) + '\n';
    } else if (view.traceType === 'SubAfter') {
      const group = byConsumerGroup.get(view.groupName) ?? [];
      group.push(view);
      byConsumerGroup.set(view.groupName, group);
    }
  }
  for (const group of byConsumerGroup.values()) {
    text += javaFormat(ROW, '#Type', '#ConsumerGroup', '#ClientHost', '#ConsumerTime', '#CostTimes', '#Status');
    text += group.map((view) => traceRow('Sub', view)).join('') + '\n';
  }
  return text;
}

/** `mqadmin queryMsgTraceById`: QUERY_MESSAGE on the trace topic by key = msgId, decoded as trace data. */
export const queryMsgTraceByIdCommand: AdminCommand = {
  name: 'queryMsgTraceById',
  description: 'Query a message trace.',
  options: [
    { flags: '-i, --msgId <id>', description: 'Message Id' },
    { flags: '-t, --traceTopic <topic>', description: 'The name value of message trace topic' },
    { flags: '-b, --beginTimestamp <ms>', description: 'Begin timestamp(ms). default:0, eg:1676730526212' },
    { flags: '-e, --endTimestamp <ms>', description: 'End timestamp(ms). default:Long.MAX_VALUE, eg:1676730526212' },
    { flags: '-c, --maxNum <n>', description: 'The maximum number of messages returned by the query, default:64' },
  ],
  async run({ admin }, options) {
    const msgId = requiredString(options, 'msgId');
    const traceTopic = optionalString(options, 'traceTopic') ?? SystemTopic.TRACE;
    const traceMessages = await admin.queryMessageByKey(
      traceTopic,
      msgId,
      integerOption(options, 'maxNum', 64, 1),
      integerOption(options, 'beginTimestamp', 0, 0),
      integerOption(options, 'endTimestamp', Number.MAX_SAFE_INTEGER, 0),
    );
    const views = traceMessages.flatMap((message) => traceViewsOf(msgId, message));
    return { data: views, text: formatMessageTrace(views) };
  },
};

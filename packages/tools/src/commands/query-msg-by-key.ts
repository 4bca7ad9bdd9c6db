import type { MessageExt } from '@mq/common';
import type { AdminCommand } from '../cli/admin-command';
import { integerOption, requiredString } from '../cli/args';
import { javaFormat } from '../format/java-format';
import { messageSummary } from '../format/message';

/** `queryMsgByKey` in mqadmin's layout: id, queue and offset per message. */
export function formatMessagesByKey(messages: readonly MessageExt[]): string {
  const header = javaFormat('%-50s %4s %40s%n', '#Message ID', '#QID', '#Offset');
  return header + messages.map((message) => javaFormat('%-50s %4d %40d%n', message.msgId, message.queueId, message.queueOffset)).join('');
}

/** `mqadmin queryMsgByKey`: QUERY_MESSAGE on every broker of the topic. */
export const queryMsgByKeyCommand: AdminCommand = {
  name: 'queryMsgByKey',
  description: 'Query Message by Key.',
  options: [
    { flags: '-t, --topic <topic>', description: 'Topic name' },
    { flags: '-k, --msgKey <key>', description: 'Message Key' },
    { flags: '-b, --beginTimestamp <ms>', description: 'Begin timestamp(ms). default:0, eg:1676730526212' },
    { flags: '-e, --endTimestamp <ms>', description: 'End timestamp(ms). default:Long.MAX_VALUE, eg:1676730526212' },
    { flags: '-m, --maxNum <n>', description: 'The maximum number of messages returned by the query, default:64' },
  ],
  async run({ admin }, options) {
    const messages = await admin.queryMessageByKey(
      requiredString(options, 'topic'),
      requiredString(options, 'msgKey'),
      integerOption(options, 'maxNum', 64, 1),
      integerOption(options, 'beginTimestamp', 0, 0),
      integerOption(options, 'endTimestamp', Number.MAX_SAFE_INTEGER, 0),
    );
    return { data: messages.map(messageSummary), text: formatMessagesByKey(messages) };
  },
};

import type { MessageExt } from '@mq/common';
import type { AdminCommand } from '../cli/admin-command';
import { optionalString, requiredString } from '../cli/args';
import { formatMessageDetail, messageSummary } from '../format/message';

/** The ids of `-i`, which may list several separated by commas. */
export function splitMessageIds(text: string): string[] {
  return text.split(',').map((id) => id.trim()).filter((id) => id !== '');
}

/** `mqadmin queryMsgById`: each id as an offsetMsgId (VIEW_MESSAGE_BY_ID), else as a unique key of `-t`. */
export const queryMsgByIdCommand: AdminCommand = {
  name: 'queryMsgById',
  description: 'Query Message by Id.',
  options: [
    { flags: '-t, --topic <topic>', description: 'topic name' },
    { flags: '-i, --msgId <ids>', description: 'Message Id' },
    { flags: '-f, --bodyFormat <charset>', description: 'print message body by the specified format' },
  ],
  async run({ admin }, options) {
    const topic = optionalString(options, 'topic');
    const printBody = optionalString(options, 'bodyFormat') !== undefined;
    const messages: MessageExt[] = [];
    for (const id of splitMessageIds(requiredString(options, 'msgId'))) {
      messages.push(topic === undefined ? await admin.viewMessage(id) : await admin.queryMessageById(topic, id));
    }
    return { data: messages.map(messageSummary), text: messages.map((message) => formatMessageDetail(message, printBody)).join('\n') };
  },
};

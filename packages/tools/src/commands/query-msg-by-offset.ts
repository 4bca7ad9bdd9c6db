import { MessageQueue, MQError } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import type { AdminCommand } from '../cli/admin-command';
import { integerOption, optionalString, requiredString } from '../cli/args';
import { formatMessageDetail, messageSummary } from '../format/message';

/** `mqadmin queryMsgByOffset`: one PULL_MESSAGE of a single message as TOOLS_CONSUMER. */
export const queryMsgByOffsetCommand: AdminCommand = {
  name: 'queryMsgByOffset',
  description: 'Query Message by offset.',
  options: [
    { flags: '-t, --topic <topic>', description: 'topic name' },
    { flags: '-b, --brokerName <broker>', description: 'Broker Name' },
    { flags: '-i, --queueId <id>', description: 'Queue Id' },
    { flags: '-o, --offset <offset>', description: 'Queue Offset' },
    { flags: '-f, --bodyFormat <charset>', description: 'print message body by the specified format' },
  ],
  async run({ admin }, options) {
    requiredString(options, 'queueId');
    requiredString(options, 'offset');
    const mq = new MessageQueue(requiredString(options, 'topic'), requiredString(options, 'brokerName'), integerOption(options, 'queueId', 0, 0));
    const offset = integerOption(options, 'offset', 0, 0);
    const message = await admin.queryMessageByOffset(mq, offset);
    if (!message) throw new MQError(ResponseCode.NO_MESSAGE, `no message at offset ${offset} of ${mq.toString()}`);
    return { data: messageSummary(message), text: formatMessageDetail(message, optionalString(options, 'bodyFormat') !== undefined) };
  },
};

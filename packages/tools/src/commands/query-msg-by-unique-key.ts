import { MQError } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import type { AdminCommand } from '../cli/admin-command';
import { requiredString } from '../cli/args';
import { formatMessageDetail, messageSummary } from '../format/message';

/** `mqadmin queryMsgByUniqueKey`: QUERY_MESSAGE with `_UNIQUE_KEY_QUERY` on every broker of the topic; `-a` prints every copy. */
export const queryMsgByUniqueKeyCommand: AdminCommand = {
  name: 'queryMsgByUniqueKey',
  description: 'Query Message by Unique key.',
  options: [
    { flags: '-i, --msgId <id>', description: 'Message Id' },
    { flags: '-t, --topic <topic>', description: 'The topic of msg' },
    { flags: '-a, --showAll', description: 'Print all message, the limit is 32' },
  ],
  async run({ admin }, options) {
    const msgId = requiredString(options, 'msgId');
    const found = await admin.queryMessageByUniqueKey(requiredString(options, 'topic'), msgId);
    if (found.length === 0) throw new MQError(ResponseCode.NO_MESSAGE, `query message by unique key finished, but no message: ${msgId}`);
    const messages = options.showAll === true ? found : found.slice(0, 1);
    return { data: messages.map(messageSummary), text: messages.map((message) => formatMessageDetail(message, true)).join('\n') };
  },
};

import { CommonErrorCode, MQError, type MessageExt } from '@mq/common';
import type { AdminCommand } from '../cli/admin-command';
import { booleanOption, optionalString, parseTimestamp, requiredString } from '../cli/args';
import { readQueue } from '../cli/queue-reader';
import { javaFormat } from '../format/java-format';
import { formatMessageLine, messageSummary } from '../format/message';

const SEPARATOR = '--------------------------------------------------------\n';

/** `mqadmin printMsg`: every message of every queue of a topic (optionally a time window), pulled as TOOLS_CONSUMER. */
export const printMsgCommand: AdminCommand = {
  name: 'printMsg',
  description: 'Print Message Detail.',
  options: [
    { flags: '-t, --topic <topic>', description: 'topic name' },
    { flags: '-c, --charsetName <charset>', description: 'CharsetName(eg: UTF-8)' },
    { flags: '-s, --subExpression <expression>', description: 'Subscribe Expression(eg: TagA || TagB)' },
    { flags: '-b, --beginTimestamp <timestamp>', description: 'Begin timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]' },
    { flags: '-e, --endTimestamp <timestamp>', description: 'End timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]' },
    { flags: '-d, --printBody <bool>', description: 'print body' },
  ],
  async run({ admin }, options) {
    const topic = requiredString(options, 'topic');
    const charset = optionalString(options, 'charsetName') ?? 'UTF-8';
    if (!/^utf-?8$/i.test(charset)) throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `charset ${charset} is not supported: only UTF-8`);
    const subExpression = optionalString(options, 'subExpression') ?? '*';
    const begin = optionalString(options, 'beginTimestamp');
    const end = optionalString(options, 'endTimestamp');
    const printBody = booleanOption(options, 'printBody', true);
    const lines: string[] = [];
    const found: MessageExt[] = [];
    for (const { mq, minOffset, maxOffset } of await admin.topicStats(topic)) {
      const from = begin === undefined ? minOffset : await admin.searchOffset(mq, parseTimestamp(begin));
      const to = end === undefined ? maxOffset : await admin.searchOffset(mq, parseTimestamp(end));
      lines.push(javaFormat('minOffset=%s, maxOffset=%s, %s%n', from, to, mq.toString()));
      const result = await readQueue(admin, { mq, from, to, subExpression, limit: Number.MAX_SAFE_INTEGER }, (messages) => {
        found.push(...messages);
        lines.push(...messages.map((message) => formatMessageLine(message, printBody)));
      });
      if (result.end !== 'RANGE_END') lines.push(javaFormat('%s print msg finished. status=%s, offset=%s%n', mq.toString(), result.end, result.offset));
      lines.push(SEPARATOR);
    }
    return { data: found.map(messageSummary), text: lines.join('') };
  },
};

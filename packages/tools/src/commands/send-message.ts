import { Producer, type SendResult } from '@mq/client';
import { CommonErrorCode, Message, MessageQueue, MQError } from '@mq/common';
import type { AdminCommand } from '../cli/admin-command';
import { integerOption, optionalString, requiredString } from '../cli/args';
import { javaFormat } from '../format/java-format';

const FORMAT = '%-32s  %-4s  %-20s    %s%n';

/** `sendMessage` in mqadmin's layout: broker, queue, status and id of the stored message. */
export function formatSendResult(result: SendResult): string {
  return javaFormat(FORMAT, '#Broker Name', '#QID', '#Send Result', '#MsgId') + javaFormat(FORMAT, result.messageQueue.brokerName, result.messageQueue.queueId, result.status, result.msgId);
}

/** `mqadmin sendMessage`: one UTF-8 message, to a chosen queue with `-b` and `-i`. */
export const sendMessageCommand: AdminCommand = {
  name: 'sendMessage',
  description: 'Send a message.',
  options: [
    { flags: '-t, --topic <topic>', description: 'Topic name' },
    { flags: '-p, --body <body>', description: 'UTF-8 string format of the message body' },
    { flags: '-k, --key <keys>', description: 'Message keys' },
    { flags: '-c, --tags <tags>', description: 'Message tags' },
    { flags: '-b, --broker <broker>', description: 'Send message to target broker' },
    { flags: '-i, --qid <id>', description: 'Send message to target queue' },
  ],
  async run({ namesrvAddr }, options) {
    const topic = requiredString(options, 'topic');
    const brokerName = optionalString(options, 'broker');
    const queueText = optionalString(options, 'qid');
    if (queueText !== undefined && brokerName === undefined) throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, 'Broker name must be set if the queue is chosen!');
    const message = new Message(topic, Buffer.from(requiredString(options, 'body'), 'utf8'), { tags: optionalString(options, 'tags'), keys: optionalString(options, 'key') });
    const queue = brokerName !== undefined && queueText !== undefined ? new MessageQueue(topic, brokerName, integerOption(options, 'qid', 0, 0)) : undefined;
    // A selector (rather than a fixed queue) makes the producer resolve the route first.
    const sendOptions = queue === undefined ? {} : { selector: (queues: readonly MessageQueue[]) => queues.find((candidate) => candidate.equals(queue)) ?? queue };
    const producer = new Producer({ namesrvAddr, group: String(Date.now()) });
    await producer.start();
    try {
      const result = await producer.send(message, sendOptions);
      const data = { brokerName: result.messageQueue.brokerName, queueId: result.messageQueue.queueId, status: result.status, msgId: result.msgId, offsetMsgId: result.offsetMsgId, queueOffset: result.queueOffset };
      return { data, text: formatSendResult(result) };
    } finally {
      await producer.shutdown();
    }
  },
};

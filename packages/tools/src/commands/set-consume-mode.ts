import { CommonErrorCode, MQError, getLogger } from '@mq/common';
import { MESSAGE_REQUEST_MODES, type MessageRequestMode } from '@mq/remoting';
import type { AdminCommand } from '../cli/admin-command';
import { brokerTarget, integerOption, requiredString, type BrokerTarget, type RawOptions } from '../cli/args';
import { targetAddresses } from '../cli/targets';
import { javaFormat } from '../format/java-format';

const log = getLogger('SetConsumeMode');

/** What `setConsumeMode` sets, and where. */
export interface SetConsumeModeArgs {
  target: BrokerTarget;
  topic: string;
  group: string;
  mode: MessageRequestMode;
  /** Default 0, as the Java tool. */
  popShareQueueNum: number;
}

/** Parses `setConsumeMode` options; `-m` must be a MessageRequestMode name exactly (`PULL`, `POP`). */
export function parseSetConsumeModeArgs(options: RawOptions): SetConsumeModeArgs {
  const topic = requiredString(options, 'topicName');
  const group = requiredString(options, 'groupName');
  const mode = requiredString(options, 'mode');
  if (!isMessageRequestMode(mode)) {
    throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `option --mode must be ${MESSAGE_REQUEST_MODES.join(' or ')}, got "${mode}"`);
  }
  const popShareQueueNum = integerOption(options, 'popShareQueueNum', 0, -(2 ** 31), 2 ** 31 - 1);
  return { target: brokerTarget(options), topic, group, mode, popShareQueueNum };
}

/** The Java tool's closing line. */
export function formatConsumeModeSummary(args: SetConsumeModeArgs): string {
  return javaFormat('topic[%s] group[%s] consume mode[%s] popShareQueueNum[%d]%n', args.topic, args.group, args.mode, args.popShareQueueNum);
}

function isMessageRequestMode(text: string): text is MessageRequestMode {
  return (MESSAGE_REQUEST_MODES as readonly string[]).includes(text);
}

/**
 * `mqadmin setConsumeMode`: SET_MESSAGE_REQUEST_MODE on one broker, or on every master of a
 * cluster, where (like the Java tool) a broker that refuses is reported and skipped.
 */
export const setConsumeModeCommand: AdminCommand = {
  name: 'setConsumeMode',
  description: 'Set consume message mode. pull/pop etc.',
  options: [
    { flags: '-b, --brokerAddr <addr>', description: 'create subscription group to which broker' },
    { flags: '-c, --clusterName <cluster>', description: 'create subscription group to which cluster' },
    { flags: '-t, --topicName <topic>', description: 'topic name' },
    { flags: '-g, --groupName <group>', description: 'consumer group name' },
    { flags: '-m, --mode <mode>', description: 'consume mode. PULL/POP' },
    { flags: '-q, --popShareQueueNum <n>', description: 'num of queue which share in pop mode' },
  ],
  async run({ admin }, options) {
    const args = parseSetConsumeModeArgs(options);
    const set = (addr: string) => admin.setMessageRequestMode(addr, args.topic, args.group, args.mode, args.popShareQueueNum);
    const brokers: string[] = [];
    if ('brokerAddr' in args.target) {
      await set(args.target.brokerAddr);
      brokers.push(args.target.brokerAddr);
    } else {
      for (const addr of await targetAddresses(admin, args.target)) {
        await set(addr).then(
          () => brokers.push(addr),
          (err: unknown) => log.warn({ broker: addr, err }, 'set consume mode failed'),
        );
      }
    }
    const text = brokers.map((addr) => javaFormat('set consume mode to %s success.%n', addr)).join('') + formatConsumeModeSummary(args);
    return { data: { brokers, topic: args.topic, group: args.group, mode: args.mode, popShareQueueNum: args.popShareQueueNum }, text };
  },
};

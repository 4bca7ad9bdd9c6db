import type { Admin, CreateTopicOptions } from '@mq/client';
import { MQError } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import type { AdminCommand } from '../cli/admin-command';
import { booleanOption, brokerTarget, integerOption, optionalString, permOption, requiredString, validateAttributes, type BrokerTarget, type RawOptions } from '../cli/args';
import { targetAddresses } from '../cli/targets';
import { javaFormat } from '../format/java-format';

const ORDER_TOPIC_CONFIG = 'ORDER_TOPIC_CONFIG';
const FLAG_UNIT = 0x1;
const FLAG_UNIT_SUB = 0x2;

/** The parsed arguments of `updateTopic`. */
export interface UpdateTopicArgs {
  target: BrokerTarget;
  topic: CreateTopicOptions & { readQueueNums: number; writeQueueNums: number; perm: number; order: boolean };
}

/** Parses `updateTopic` options; defaults are mqadmin's (r=w=8, perm 6, order false). */
export function parseUpdateTopicArgs(options: RawOptions): UpdateTopicArgs {
  const unit = booleanOption(options, 'unit', false);
  const hasUnitSub = booleanOption(options, 'hasUnitSub', false);
  const attributes = optionalString(options, 'attributes');
  return {
    target: brokerTarget(options),
    topic: {
      topic: requiredString(options, 'topic'),
      readQueueNums: integerOption(options, 'readQueueNums', 8, 1, 65535),
      writeQueueNums: integerOption(options, 'writeQueueNums', 8, 1, 65535),
      perm: permOption(options, 'perm', 6),
      order: booleanOption(options, 'order', false),
      topicSysFlag: (unit ? FLAG_UNIT : 0) | (hasUnitSub ? FLAG_UNIT_SUB : 0),
      attributes: attributes === undefined ? '' : validateAttributes(attributes),
    },
  };
}

/** Java's `TopicConfig.toString()` for the values mqadmin sends. */
export function formatTopicConfig(topic: UpdateTopicArgs['topic']): string {
  const perm = `${topic.perm & 4 ? 'R' : '-'}${topic.perm & 2 ? 'W' : '-'}${topic.perm & 1 ? 'X' : '-'}`;
  return `TopicConfig [topicName=${topic.topic}, readQueueNums=${topic.readQueueNums}, writeQueueNums=${topic.writeQueueNums}, perm=${perm}, topicFilterType=SINGLE_TAG, topicSysFlag=${topic.topicSysFlag ?? 0}, order=${topic.order}, attributes=${formatAttributeMap(topic.attributes ?? '')}]`;
}

/** An `attributes` option as Java prints the map it parses it into: `+a=b,-c` becomes `{+a=b, -c=}`. */
function formatAttributeMap(attributes: string): string {
  const entries = attributes.split(',').filter((entry) => entry !== '');
  return `{${entries.map((entry) => (entry.includes('=') ? entry : `${entry}=`)).join(', ')}}`;
}

/** `brokerName:writeQueueNums` pairs joined by `;`, the ORDER_TOPIC_CONFIG value of an ordered topic. */
export function orderConf(brokerNames: readonly string[], writeQueueNums: number): string {
  return brokerNames.map((name) => `${name}:${writeQueueNums}`).join(';');
}

async function brokerNamesOf(admin: Admin, addresses: readonly string[]): Promise<string[]> {
  const brokers = Object.values((await admin.clusterInfo()).brokerAddrTable as Record<string, { brokerName?: string; brokerAddrs: Record<number, string> }>);
  return addresses.map((addr) => {
    const broker = brokers.find((data) => Object.values(data.brokerAddrs).includes(addr));
    if (!broker?.brokerName) throw new MQError(ResponseCode.SYSTEM_ERROR, `broker ${addr} is not registered with the name server`);
    return broker.brokerName;
  });
}

/** `mqadmin updateTopic`: UPDATE_AND_CREATE_TOPIC on one broker or every master of a cluster. */
export const updateTopicCommand: AdminCommand = {
  name: 'updateTopic',
  description: 'Update or create topic.',
  options: [
    { flags: '-b, --brokerAddr <addr>', description: 'create topic to which broker' },
    { flags: '-c, --clusterName <cluster>', description: 'create topic to which cluster' },
    { flags: '-a, --attributes <attributes>', description: 'attribute(+a=b,+c=d,-e)' },
    { flags: '-t, --topic <topic>', description: 'topic name' },
    { flags: '-r, --readQueueNums <n>', description: 'set read queue nums' },
    { flags: '-w, --writeQueueNums <n>', description: 'set write queue nums' },
    { flags: '-p, --perm <perm>', description: "set topic's permission(2|4|6), intro[2:W 4:R; 6:RW]" },
    { flags: '-o, --order <bool>', description: "set topic's order(true|false)" },
    { flags: '-u, --unit <bool>', description: 'is unit topic (true|false)' },
    { flags: '-s, --hasUnitSub <bool>', description: 'has unit sub (true|false)' },
  ],
  async run({ admin }, options) {
    const { target, topic } = parseUpdateTopicArgs(options);
    const addresses = await targetAddresses(admin, target);
    const lines: string[] = [];
    for (const addr of addresses) {
      await admin.createTopic(addr, topic);
      lines.push(javaFormat('create topic to %s success.%n', addr));
    }
    let orderConfValue: string | undefined;
    if (topic.order) {
      orderConfValue = orderConf(await brokerNamesOf(admin, addresses), topic.writeQueueNums);
      await admin.putKvConfig(ORDER_TOPIC_CONFIG, topic.topic, orderConfValue);
      lines.push(javaFormat('set %s orderConf. isOrder=%s, orderConf=[%s]%n', 'brokerAddr' in target ? 'broker' : 'cluster', true, orderConfValue));
    }
    lines.push(javaFormat('%s%n', formatTopicConfig(topic)));
    return { data: { brokers: addresses, topicConfig: topic, orderConf: orderConfValue }, text: lines.join('') };
  },
};

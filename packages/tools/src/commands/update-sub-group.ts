import type { AdminCommand } from '../cli/admin-command';
import { booleanOption, brokerTarget, integerOption, optionalString, requiredString, validateAttributes, type BrokerTarget, type RawOptions } from '../cli/args';
import { targetAddresses } from '../cli/targets';
import { javaFormat } from '../format/java-format';

/** The SubscriptionGroupConfig `updateSubGroup` sends; unset options keep Java's defaults. */
export interface SubGroupConfig {
  groupName: string;
  consumeEnable: boolean;
  consumeFromMinEnable: boolean;
  consumeBroadcastEnable: boolean;
  consumeMessageOrderly: boolean;
  retryQueueNums: number;
  retryMaxTimes: number;
  brokerId: number;
  whichBrokerWhenConsumeSlowly: number;
  notifyConsumerIdsChangedEnable: boolean;
  attributes: Record<string, string>;
}

/** `+k=v,+k2=v2` as a map (removals, `-k`, have no meaning for a new config and are dropped). */
export function attributesToMap(text: string | undefined): Record<string, string> {
  if (text === undefined) return {};
  const entries = validateAttributes(text)
    .split(',')
    .filter((entry) => entry.startsWith('+'))
    .map((entry) => {
      const separator = entry.indexOf('=');
      return [entry.slice(1, separator), entry.slice(separator + 1)] as const;
    });
  return Object.fromEntries(entries);
}

/** Parses `updateSubGroup` options into the target and the config. */
export function parseUpdateSubGroupArgs(options: RawOptions): { target: BrokerTarget; config: SubGroupConfig } {
  return {
    target: brokerTarget(options),
    config: {
      groupName: requiredString(options, 'groupName'),
      consumeEnable: booleanOption(options, 'consumeEnable', true),
      consumeFromMinEnable: booleanOption(options, 'consumeFromMinEnable', true),
      consumeBroadcastEnable: booleanOption(options, 'consumeBroadcastEnable', true),
      consumeMessageOrderly: booleanOption(options, 'consumeMessageOrderly', false),
      retryQueueNums: integerOption(options, 'retryQueueNums', 1, 0),
      retryMaxTimes: integerOption(options, 'retryMaxTimes', 16, -1),
      brokerId: integerOption(options, 'brokerId', 0, 0),
      whichBrokerWhenConsumeSlowly: integerOption(options, 'whichBrokerWhenConsumeSlowly', 1, 0),
      notifyConsumerIdsChangedEnable: booleanOption(options, 'notifyConsumerIdsChanged', true),
      attributes: attributesToMap(optionalString(options, 'attributes')),
    },
  };
}

/** Java's `SubscriptionGroupConfig.toString()` for the fields mqadmin sets. */
export function formatSubGroupConfig(config: SubGroupConfig): string {
  const fields = Object.entries(config).map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  return `SubscriptionGroupConfig [${fields.join(', ')}]\n`;
}

/** `mqadmin updateSubGroup`: UPDATE_AND_CREATE_SUBSCRIPTIONGROUP on one broker or every master of a cluster. */
export const updateSubGroupCommand: AdminCommand = {
  name: 'updateSubGroup',
  description: 'Update or create subscription group.',
  options: [
    { flags: '-b, --brokerAddr <addr>', description: 'create subscription group to which broker' },
    { flags: '-c, --clusterName <cluster>', description: 'create subscription group to which cluster' },
    { flags: '-g, --groupName <group>', description: 'consumer group name' },
    { flags: '-s, --consumeEnable <bool>', description: 'consume enable' },
    { flags: '-m, --consumeFromMinEnable <bool>', description: 'from min offset' },
    { flags: '-d, --consumeBroadcastEnable <bool>', description: 'broadcast' },
    { flags: '-o, --consumeMessageOrderly <bool>', description: 'consume message orderly' },
    { flags: '-q, --retryQueueNums <n>', description: 'retry queue nums' },
    { flags: '-r, --retryMaxTimes <n>', description: 'retry max times' },
    { flags: '-i, --brokerId <id>', description: 'consumer from which broker id' },
    { flags: '-w, --whichBrokerWhenConsumeSlowly <id>', description: 'which broker id when consume slowly' },
    { flags: '-a, --notifyConsumerIdsChanged <bool>', description: 'notify consumerId changed' },
    { flags: '--attributes <attributes>', description: 'attribute(+a=b,+c=d,-e)' },
  ],
  async run({ admin }, options) {
    const { target, config } = parseUpdateSubGroupArgs(options);
    const addresses = await targetAddresses(admin, target);
    const lines: string[] = [];
    for (const addr of addresses) {
      await admin.createSubscriptionGroup(addr, config);
      lines.push(javaFormat('create subscription group to %s success.%n', addr));
    }
    lines.push(formatSubGroupConfig(config));
    return { data: { brokers: addresses, config }, text: lines.join('') };
  },
};

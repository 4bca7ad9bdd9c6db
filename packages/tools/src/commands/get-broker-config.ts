import type { AdminCommand } from '../cli/admin-command';
import { brokerTarget } from '../cli/args';
import { targetAddresses } from '../cli/targets';
import { javaFormat } from '../format/java-format';

/** `getBrokerConfig` in mqadmin's layout: a banner with the address, then `key=  value` lines. */
export function formatBrokerConfig(addr: string, config: ReadonlyMap<string, string>): string {
  const banner = javaFormat('============%s============\n', addr);
  if (config.size === 0) return banner + javaFormat('Broker[%s] has no config property!\n', addr);
  return banner + [...config].map(([key, value]) => javaFormat('%-50s=  %s\n', key, value)).join('') + '\n';
}

/** `mqadmin getBrokerConfig`: GET_BROKER_CONFIG of one broker or every master of a cluster. */
export const getBrokerConfigCommand: AdminCommand = {
  name: 'getBrokerConfig',
  description: 'Get broker config by cluster or special broker.',
  options: [
    { flags: '-b, --brokerAddr <addr>', description: 'get which broker' },
    { flags: '-c, --clusterName <cluster>', description: 'get which cluster' },
  ],
  async run({ admin }, options) {
    const data: Record<string, Record<string, string>> = {};
    const parts: string[] = [];
    for (const addr of await targetAddresses(admin, brokerTarget(options))) {
      const config = await admin.brokerConfig(addr);
      data[addr] = Object.fromEntries(config);
      parts.push(formatBrokerConfig(addr, config));
    }
    return { data, text: parts.join('') };
  },
};

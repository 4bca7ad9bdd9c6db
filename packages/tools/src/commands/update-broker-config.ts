import type { AdminCommand } from '../cli/admin-command';
import { brokerTarget, requiredString } from '../cli/args';
import { targetAddresses } from '../cli/targets';
import { javaFormat } from '../format/java-format';

/** `mqadmin updateBrokerConfig`: UPDATE_BROKER_CONFIG with one `key=value` on one broker or every master of a cluster. */
export const updateBrokerConfigCommand: AdminCommand = {
  name: 'updateBrokerConfig',
  description: "Update broker's config.",
  options: [
    { flags: '-b, --brokerAddr <addr>', description: 'update which broker' },
    { flags: '-c, --clusterName <cluster>', description: 'update which cluster' },
    { flags: '-k, --key <key>', description: 'config key' },
    { flags: '-v, --value <value>', description: 'config value' },
  ],
  async run({ admin }, options) {
    const key = requiredString(options, 'key');
    const value = requiredString(options, 'value');
    const addresses = await targetAddresses(admin, brokerTarget(options));
    for (const addr of addresses) await admin.updateBrokerConfig(addr, { [key]: value });
    return { data: { brokers: addresses, key, value }, text: addresses.map((addr) => javaFormat('update broker config success, %s\n', addr)).join('') };
  },
};

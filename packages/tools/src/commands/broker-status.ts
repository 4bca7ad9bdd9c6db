import type { AdminCommand } from '../cli/admin-command';
import { brokerTarget } from '../cli/args';
import { targetAddresses } from '../cli/targets';
import { javaFormat } from '../format/java-format';

/** `brokerStatus` in mqadmin's layout: `key: value` sorted by key; prefixed by the address for `-c`. */
export function formatBrokerStatus(addr: string, runtime: Readonly<Record<string, string>>, withAddress: boolean): string {
  return Object.keys(runtime)
    .sort()
    .map((key) => (withAddress ? javaFormat('%-24s %-32s: %s%n', addr, key, runtime[key]) : javaFormat('%-32s: %s%n', key, runtime[key])))
    .join('');
}

/** `mqadmin brokerStatus`: GET_BROKER_RUNTIME_INFO of one broker or every master of a cluster. */
export const brokerStatusCommand: AdminCommand = {
  name: 'brokerStatus',
  description: 'Fetch broker runtime status data.',
  options: [
    { flags: '-b, --brokerAddr <addr>', description: 'Broker address' },
    { flags: '-c, --clusterName <cluster>', description: 'which cluster' },
  ],
  async run({ admin }, options) {
    const target = brokerTarget(options);
    const data: Record<string, Record<string, string>> = {};
    const parts: string[] = [];
    for (const addr of await targetAddresses(admin, target)) {
      data[addr] = await admin.brokerRuntimeInfo(addr);
      parts.push(formatBrokerStatus(addr, data[addr], 'clusterName' in target));
    }
    return { data, text: parts.join('') };
  },
};

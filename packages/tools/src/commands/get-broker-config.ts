import type { Admin } from '@mq/client';
import type { AdminCommand } from '../cli/admin-command';
import { brokerTarget, type BrokerTarget } from '../cli/args';
import { clusterMembers } from '../cli/targets';
import { javaFormat } from '../format/java-format';

/** One broker whose config is printed, under the banner mqadmin gives it. */
export interface BrokerConfigSection {
  /** Between the banner's `=` runs: `<addr>`, `Master: <addr>` or `My Master: <m>=====Slave: <s>`. */
  label: string;
  addr: string;
}

/** `getBrokerConfig` in mqadmin's layout: a banner, then `key=  value` lines. */
export function formatBrokerConfig(section: BrokerConfigSection, config: ReadonlyMap<string, string>): string {
  const banner = javaFormat('============%s============\n', section.label);
  if (config.size === 0) return banner + javaFormat('Broker[%s] has no config property!\n', section.addr);
  return banner + [...config].map(([key, value]) => javaFormat('%-50s=  %s\n', key, value)).join('') + '\n';
}

/** `-b`: the broker alone; `-c`: each master of the cluster followed by its slaves, as mqadmin labels them. */
async function configSections(admin: Admin, target: BrokerTarget): Promise<BrokerConfigSection[]> {
  if ('brokerAddr' in target) return [{ label: target.brokerAddr, addr: target.brokerAddr }];
  const members = clusterMembers(await admin.clusterInfo(), target.clusterName);
  const sections: BrokerConfigSection[] = [];
  for (const master of members.filter((member) => member.brokerId === 0)) {
    sections.push({ label: `Master: ${master.addr}`, addr: master.addr });
    for (const slave of members.filter((member) => member.brokerName === master.brokerName && member.brokerId !== 0)) {
      sections.push({ label: `My Master: ${master.addr}=====Slave: ${slave.addr}`, addr: slave.addr });
    }
  }
  return sections;
}

/** `mqadmin getBrokerConfig`: GET_BROKER_CONFIG of one broker, or of every master and slave of a cluster. */
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
    for (const section of await configSections(admin, brokerTarget(options))) {
      const config = await admin.brokerConfig(section.addr);
      data[section.addr] = Object.fromEntries(config);
      parts.push(formatBrokerConfig(section, config));
    }
    return { data, text: parts.join('') };
  },
};

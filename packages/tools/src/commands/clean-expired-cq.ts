import type { Admin } from '@mq/client';
import type { AdminCommand } from '../cli/admin-command';
import { optionalString } from '../cli/args';
import { clusterMembers } from '../cli/targets';

async function masters(admin: Admin, clusterName: string | undefined): Promise<string[]> {
  return clusterMembers(await admin.clusterInfo(), clusterName)
    .filter((member) => member.brokerId === 0)
    .map((member) => member.addr);
}

/** `mqadmin cleanExpiredCQ`: CLEAN_EXPIRED_CONSUMEQUEUE on one broker, a cluster's masters, or every master. */
export const cleanExpiredCQCommand: AdminCommand = {
  name: 'cleanExpiredCQ',
  description: 'Clean expired ConsumeQueue on broker.',
  options: [
    { flags: '-b, --brokerAddr <addr>', description: 'Broker address' },
    { flags: '-c, --cluster <cluster>', description: 'clustername' },
  ],
  async run({ admin }, options) {
    const brokerAddr = optionalString(options, 'brokerAddr');
    const addresses = brokerAddr !== undefined ? [brokerAddr] : await masters(admin, optionalString(options, 'cluster'));
    for (const addr of addresses) await admin.cleanExpiredConsumeQueue(addr);
    return { data: { brokers: addresses }, text: 'success\n' };
  },
};

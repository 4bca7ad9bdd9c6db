import type { Admin, WritePermChange } from '@mq/client';
import type { AdminCommand } from '../cli/admin-command';
import { requiredString } from '../cli/args';
import { javaFormat } from '../format/java-format';

/** One line per name server, as mqadmin `wipeWritePerm`/`addWritePerm` print them. */
export function formatWritePermChanges(verb: 'wipe' | 'add', brokerName: string, changes: readonly WritePermChange[]): string {
  return changes.map((change) => javaFormat('%s write perm of broker[%s] in name server[%s] OK, %d%n', verb, brokerName, change.namesrvAddr, change.topicCount)).join('');
}

function writePermCommand(name: string, verb: 'wipe' | 'add', description: string, change: (admin: Admin, brokerName: string) => Promise<WritePermChange[]>): AdminCommand {
  return {
    name,
    description,
    options: [{ flags: '-b, --brokerName <broker>', description: 'broker name' }],
    async run({ admin }, options) {
      const brokerName = requiredString(options, 'brokerName');
      const changes = await change(admin, brokerName);
      return { data: changes, text: formatWritePermChanges(verb, brokerName, changes) };
    },
  };
}

/** `mqadmin wipeWritePerm`: WIPE_WRITE_PERM_OF_BROKER on every name server. */
export const wipeWritePermCommand = writePermCommand(
  'wipeWritePerm',
  'wipe',
  'Wipe write perm of broker in all name server you defined in the -n param.',
  (admin, brokerName) => admin.wipeWritePerm(brokerName),
);

/** `mqadmin addWritePerm`: ADD_WRITE_PERM_OF_BROKER on every name server. */
export const addWritePermCommand = writePermCommand(
  'addWritePerm',
  'add',
  'Add write perm of broker in all name server you defined in the -n param.',
  (admin, brokerName) => admin.addWritePerm(brokerName),
);

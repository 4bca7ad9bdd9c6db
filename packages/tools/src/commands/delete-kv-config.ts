import type { AdminCommand } from '../cli/admin-command';
import { requiredString } from '../cli/args';

/** `mqadmin deleteKvConfig`: DELETE_KV_CONFIG on every name server. */
export const deleteKvConfigCommand: AdminCommand = {
  name: 'deleteKvConfig',
  description: 'Delete KV config.',
  options: [
    { flags: '-s, --namespace <namespace>', description: 'set the namespace' },
    { flags: '-k, --key <key>', description: 'set the key name' },
  ],
  async run({ admin }, options) {
    const namespace = requiredString(options, 'namespace');
    const key = requiredString(options, 'key');
    await admin.deleteKvConfig(namespace, key);
    return { data: { namespace, key }, text: 'delete kv config from namespace success.\n' };
  },
};

import type { AdminCommand } from '../cli/admin-command';
import { requiredString } from '../cli/args';

/** `mqadmin updateKvConfig`: PUT_KV_CONFIG on every name server. */
export const updateKvConfigCommand: AdminCommand = {
  name: 'updateKvConfig',
  description: 'Create or update KV config.',
  options: [
    { flags: '-s, --namespace <namespace>', description: 'set the namespace' },
    { flags: '-k, --key <key>', description: 'set the key name' },
    { flags: '-v, --value <value>', description: 'set the key value' },
  ],
  async run({ admin }, options) {
    const namespace = requiredString(options, 'namespace');
    const key = requiredString(options, 'key');
    const value = requiredString(options, 'value');
    await admin.putKvConfig(namespace, key, value);
    return { data: { namespace, key, value }, text: 'create or update kv config to namespace success.\n' };
  },
};

import { getDLQTopic, getRetryTopic } from '@mq/common';
import type { AdminCommand } from '../cli/admin-command';
import { booleanOption, brokerTarget, requiredString } from '../cli/args';
import { targetAddresses } from '../cli/targets';
import { javaFormat } from '../format/java-format';

/**
 * `mqadmin deleteSubGroup`: DELETE_SUBSCRIPTIONGROUP on one broker or every master of a
 * cluster; with `-c` also deletes the group's retry and dead-letter topics.
 */
export const deleteSubGroupCommand: AdminCommand = {
  name: 'deleteSubGroup',
  description: 'Delete subscription group from broker.',
  options: [
    { flags: '-b, --brokerAddr <addr>', description: 'delete subscription group from which broker' },
    { flags: '-c, --clusterName <cluster>', description: 'delete subscription group from which cluster' },
    { flags: '-g, --groupName <group>', description: 'subscription group name' },
    { flags: '-r, --removeOffset <bool>', description: 'remove offset' },
  ],
  async run({ admin }, options) {
    const groupName = requiredString(options, 'groupName');
    const removeOffset = booleanOption(options, 'removeOffset', false);
    const target = brokerTarget(options);
    const lines: string[] = [];
    for (const addr of await targetAddresses(admin, target)) {
      await admin.deleteSubscriptionGroup(addr, groupName, removeOffset);
      lines.push(
        'clusterName' in target
          ? javaFormat('delete subscription group [%s] from broker [%s] in cluster [%s] success.%n', groupName, addr, target.clusterName)
          : javaFormat('delete subscription group [%s] from broker [%s] success.%n', groupName, addr),
      );
    }
    if ('clusterName' in target) {
      for (const topic of [getRetryTopic(groupName), getDLQTopic(groupName)]) {
        await admin.deleteTopic(target.clusterName, topic);
        lines.push(javaFormat('delete topic [%s] from cluster [%s] success.%n', topic, target.clusterName));
      }
    }
    return { data: { groupName, removeOffset, ...target }, text: lines.join('') };
  },
};

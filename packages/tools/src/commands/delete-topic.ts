import type { AdminCommand } from '../cli/admin-command';
import { requiredString } from '../cli/args';
import { javaFormat } from '../format/java-format';

/** `mqadmin deleteTopic`: DELETE_TOPIC_IN_BROKER on every master of the cluster, then DELETE_TOPIC_IN_NAMESRV. */
export const deleteTopicCommand: AdminCommand = {
  name: 'deleteTopic',
  description: 'Delete topic from broker and NameServer.',
  options: [
    { flags: '-t, --topic <topic>', description: 'topic name' },
    { flags: '-c, --clusterName <cluster>', description: 'delete topic from which cluster' },
  ],
  async run({ admin }, options) {
    const topic = requiredString(options, 'topic');
    const clusterName = requiredString(options, 'clusterName');
    await admin.deleteTopic(clusterName, topic);
    return {
      data: { topic, clusterName },
      text: javaFormat('delete topic [%s] from cluster [%s] success.%n', topic, clusterName) + javaFormat('delete topic [%s] from NameServer success.%n', topic),
    };
  },
};

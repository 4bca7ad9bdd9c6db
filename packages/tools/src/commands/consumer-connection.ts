import type { ConsumerConnection } from '@mq/remoting';
import type { AdminCommand } from '../cli/admin-command';
import { requiredString } from '../cli/args';
import { javaFormat } from '../format/java-format';
import { mqVersionDesc } from '../format/version';

/** `consumerConnection` in mqadmin's layout: clients, subscriptions, then consume type, model and start point. */
export function formatConsumerConnection(connection: ConsumerConnection): string {
  const lines = [javaFormat('%-36s %-22s %-10s %s%n', '#ClientId', '#ClientAddr', '#Language', '#Version')];
  for (const client of connection.connectionSet) {
    lines.push(javaFormat('%-36s %-22s %-10s %s%n', client.clientId, client.clientAddr, client.language, mqVersionDesc(client.version)));
  }
  lines.push(javaFormat('%nBelow is subscription:\n'), javaFormat('%-20s %s%n', '#Topic', '#SubExpression'));
  for (const subscription of Object.values(connection.subscriptionTable)) {
    lines.push(javaFormat('%-20s %s%n', subscription.topic, subscription.subString));
  }
  lines.push('\n', javaFormat('ConsumeType: %s%n', connection.consumeType), javaFormat('MessageModel: %s%n', connection.messageModel), javaFormat('ConsumeFromWhere: %s%n', connection.consumeFromWhere));
  return lines.join('');
}

/** `mqadmin consumerConnection`: GET_CONSUMER_CONNECTION_LIST on a broker of the group's retry topic. */
export const consumerConnectionCommand: AdminCommand = {
  name: 'consumerConnection',
  description: "Query consumer's socket connection, client version and subscription.",
  options: [{ flags: '-g, --consumerGroup <group>', description: 'consumer group name' }],
  async run({ admin }, options) {
    const connection = await admin.consumerConnections(requiredString(options, 'consumerGroup'));
    return { data: connection, text: formatConsumerConnection(connection) };
  },
};

import type { ProducerConnection } from '@mq/remoting';
import type { AdminCommand } from '../cli/admin-command';
import { requiredString } from '../cli/args';
import { javaFormat } from '../format/java-format';
import { mqVersionDesc } from '../format/version';

/** `producerConnection` in mqadmin's layout: one numbered line per producer client. */
export function formatProducerConnection(connection: ProducerConnection): string {
  return connection.connectionSet
    .map((client, index) => javaFormat('%04d  %-32s %-22s %-8s %s%n', index + 1, client.clientId, client.clientAddr, client.language, mqVersionDesc(client.version)))
    .join('');
}

/** `mqadmin producerConnection`: GET_PRODUCER_CONNECTION_LIST on a broker of the topic. */
export const producerConnectionCommand: AdminCommand = {
  name: 'producerConnection',
  description: "Query producer's socket connection and client version.",
  options: [
    { flags: '-g, --producerGroup <group>', description: 'producer group name' },
    { flags: '-t, --topic <topic>', description: 'topic name' },
  ],
  async run({ admin }, options) {
    const connection = await admin.producerConnections(requiredString(options, 'producerGroup'), requiredString(options, 'topic'));
    return { data: connection, text: formatProducerConnection(connection) };
  },
};

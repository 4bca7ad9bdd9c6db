import type { TopicRouteData } from '@mq/remoting';
import type { AdminCommand } from '../cli/admin-command';
import { requiredString } from '../cli/args';
import { javaFormat } from '../format/java-format';

const FORMAT = '%-45s %-32s %-50s %-10s %-11s %-5s%n';
const SEPARATOR_WIDTH = 158;

/** Java's `Map.toString()` of a broker's `{id=addr}` table. */
function brokerAddrsText(addrs: Readonly<Record<number, string>>): string {
  return `{${Object.entries(addrs).map(([id, addr]) => `${id}=${addr}`).join(', ')}}`;
}

/** `topicRoute -l`: one row per broker, sorted by broker name, then the totals. */
export function formatTopicRouteList(route: TopicRouteData): string {
  const queues = new Map(route.queueDatas.map((queue) => [queue.brokerName ?? '', queue]));
  const brokers = [...route.brokerDatas].sort((a, b) => (a.brokerName ?? '').localeCompare(b.brokerName ?? ''));
  let totalRead = 0;
  let totalWrite = 0;
  const lines = [javaFormat(FORMAT, '#ClusterName', '#BrokerName', '#BrokerAddrs', '#ReadQueue', '#WriteQueue', '#Perm')];
  for (const broker of brokers) {
    const queue = queues.get(broker.brokerName ?? '');
    totalRead += queue?.readQueueNums ?? 0;
    totalWrite += queue?.writeQueueNums ?? 0;
    lines.push(javaFormat(FORMAT, broker.cluster, broker.brokerName, brokerAddrsText(broker.brokerAddrs as Record<number, string>), queue?.readQueueNums ?? 0, queue?.writeQueueNums ?? 0, queue?.perm ?? 0));
  }
  lines.push(`${'-'.repeat(SEPARATOR_WIDTH)}\n`);
  lines.push(javaFormat(FORMAT, 'Total:', queues.size, '', totalRead, totalWrite, ''));
  return lines.join('');
}

/** `mqadmin topicRoute`: the route as pretty JSON, or with `-l` as a table. */
export const topicRouteCommand: AdminCommand = {
  name: 'topicRoute',
  description: 'Examine topic route info.',
  options: [
    { flags: '-t, --topic <topic>', description: 'topic name' },
    { flags: '-l, --list', description: 'Use list format to print data' },
  ],
  async run({ admin }, options) {
    const route = await admin.topicRoute(requiredString(options, 'topic'));
    return { data: route, text: options.list === true ? formatTopicRouteList(route) : `${JSON.stringify(route, null, 2)}\n` };
  },
};

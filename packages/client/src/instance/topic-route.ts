import { MessageQueue, isWriteable } from '@mq/common';
import { queueRange, type BrokerData, type TopicRouteData } from '@mq/remoting';

/** brokerId of a master in `BrokerData.brokerAddrs`. */
export const MASTER_ID = 0;

/**
 * The queues a producer may write, in Java's order: from `orderTopicConf` (`broker:num;…`)
 * when set, else writeable QueueDatas sorted by broker name whose broker has a master.
 */
export function publishQueuesOf(topic: string, route: TopicRouteData): MessageQueue[] {
  if (route.orderTopicConf) {
    return route.orderTopicConf.split(';').flatMap((entry) => {
      const [brokerName, count] = entry.split(':');
      return queueRange(topic, brokerName ?? '', Number(count));
    });
  }
  return [...route.queueDatas]
    .sort((a, b) => compareText(a.brokerName, b.brokerName))
    .filter((queueData) => isWriteable(queueData.perm) && masterAddressOf(route, queueData.brokerName ?? '') !== undefined)
    .flatMap((queueData) => queueRange(topic, queueData.brokerName ?? '', queueData.writeQueueNums));
}

/** The master address of `brokerName` in the route, if any. */
export function masterAddressOf(route: TopicRouteData, brokerName: string): string | undefined {
  return brokerAddressOf(findBroker(route.brokerDatas, brokerName), MASTER_ID);
}

/** The address of `brokerId` in a BrokerData, falling back to any address when asked for a slave. */
export function brokerAddressOf(broker: BrokerData | undefined, brokerId: number): string | undefined {
  if (!broker) return undefined;
  const addresses = broker.brokerAddrs as Record<number, string>;
  return addresses[brokerId] ?? (brokerId === MASTER_ID ? undefined : Object.values(addresses)[0]);
}

/** The BrokerData named `brokerName`. */
export function findBroker(brokers: readonly BrokerData[], brokerName: string): BrokerData | undefined {
  return brokers.find((broker) => broker.brokerName === brokerName);
}

function compareText(a = '', b = ''): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

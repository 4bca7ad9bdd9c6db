import { allocateAveragely, allocateAveragelyByCircle, MQError, MessageQueue } from '@mq/common';
import { ResponseCode } from '@mq/remoting';

/** The index arithmetic of one allocation strategy. */
export type AllocateStrategy = <T>(items: readonly T[], consumerIndex: number, consumerCount: number) => T[];

/** The strategies QUERY_ASSIGNMENT serves, by the name clients send (Java's `getName()`). */
const STRATEGIES: ReadonlyMap<string, AllocateStrategy> = new Map([
  ['AVG', allocateAveragely],
  ['AVG_BY_CIRCLE', allocateAveragelyByCircle],
]);

/** The strategy called `name`, if the broker serves it. */
export function allocateStrategy(name: string | undefined): AllocateStrategy | undefined {
  return name === undefined ? undefined : STRATEGIES.get(name);
}

/**
 * The queues `clientId` takes in PULL mode: the strategy's share, nothing when the client is
 * not in the group. `mqAll` and `cidAll` must be sorted.
 * @throws MQError SYSTEM_ERROR on a blank client id or an empty queue or client list, as Java's strategies.
 */
export function allocatePull(strategy: AllocateStrategy, clientId: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
  const index = memberIndex(clientId, mqAll, cidAll);
  return index < 0 ? [] : strategy(mqAll, index, cidAll.length);
}

/**
 * The queues `clientId` pops in POP mode (Java's `allocate4Pop`). With `popShareQueueNum` ≤ 0
 * or ≥ the group size - 1 every client pops every broker (queueId -1, one entry per queue as
 * Java; callers keep one per broker). Otherwise, with at least as many queues as clients, a
 * client takes its own share plus the shares of the `popShareQueueNum` clients after it; with
 * more clients than queues, one queue each, round-robin.
 * @throws MQError SYSTEM_ERROR on the inputs {@link allocatePull} refuses.
 */
export function allocatePop(
  strategy: AllocateStrategy,
  clientId: string,
  mqAll: readonly MessageQueue[],
  cidAll: readonly string[],
  popShareQueueNum: number,
): MessageQueue[] {
  if (popShareQueueNum <= 0 || popShareQueueNum >= cidAll.length - 1) {
    return mqAll.map((mq) => new MessageQueue(mq.topic, mq.brokerName, -1));
  }
  if (cidAll.length > mqAll.length) {
    const index = memberIndex(clientId, mqAll, cidAll);
    return index < 0 ? [] : [mqAll[index % mqAll.length]!];
  }
  const result = allocatePull(strategy, clientId, mqAll, cidAll);
  const index = cidAll.indexOf(clientId);
  if (index < 0) return result;
  for (let next = 1; next <= popShareQueueNum; next++) {
    result.push(...allocatePull(strategy, cidAll[(index + next) % cidAll.length]!, mqAll, cidAll));
  }
  return result;
}

/** `clientId`'s position in `cidAll` (-1: not a member) after Java's input checks. */
function memberIndex(clientId: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): number {
  if (clientId === '') throw new MQError(ResponseCode.SYSTEM_ERROR, 'currentCID is empty');
  if (mqAll.length === 0) throw new MQError(ResponseCode.SYSTEM_ERROR, 'mqAll is null or mqAll empty');
  if (cidAll.length === 0) throw new MQError(ResponseCode.SYSTEM_ERROR, 'cidAll is null or cidAll empty');
  return cidAll.indexOf(clientId);
}

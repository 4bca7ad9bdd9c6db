/**
 * The index arithmetic of RocketMQ's two built-in allocation strategies, shared by the
 * client-side rebalance (@mq/client) and the broker's QUERY_ASSIGNMENT. Every consumer of a
 * group runs it over the same sorted `items` and sorted consumer list, so the slices never
 * overlap and together cover every item.
 */

/**
 * `AllocateMessageQueueAveragely` (`AVG`): contiguous blocks, the first `items.length %
 * consumerCount` consumers taking one extra (8 queues, 3 consumers → 3, 3, 2).
 */
export function allocateAveragely<T>(items: readonly T[], consumerIndex: number, consumerCount: number): T[] {
  const itemCount = items.length;
  const mod = itemCount % consumerCount;
  const takesExtra = mod > 0 && consumerIndex < mod;
  const averageSize = itemCount <= consumerCount ? 1 : Math.floor(itemCount / consumerCount) + (takesExtra ? 1 : 0);
  const start = takesExtra ? consumerIndex * averageSize : consumerIndex * averageSize + mod;
  const range = Math.min(averageSize, itemCount - start);
  return range > 0 ? items.slice(start, start + range) : [];
}

/** `AllocateMessageQueueAveragelyByCircle` (`AVG_BY_CIRCLE`): consumer `i` takes items `i, i + c, i + 2c, …`. */
export function allocateAveragelyByCircle<T>(items: readonly T[], consumerIndex: number, consumerCount: number): T[] {
  const result: T[] = [];
  for (let i = consumerIndex; i < items.length; i += consumerCount) result.push(items[i]!);
  return result;
}

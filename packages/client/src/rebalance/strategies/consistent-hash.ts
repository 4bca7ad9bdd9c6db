import { createHash } from 'node:crypto';
import { CommonErrorCode, MQError, type MessageQueue } from '@mq/common';
import { checkAllocateInputs, type AllocateMessageQueueStrategy } from '../allocate-strategy';

/** Maps a key to a position on the ring (Java's `HashFunction`). */
export type RingHashFunction = (key: string) => number;

/** Java's default: the first 4 bytes of MD5(UTF-8 key), big-endian, unsigned. */
export const md5RingHash: RingHashFunction = (key) => createHash('md5').update(key, 'utf8').digest().readUInt32BE(0);

/** Java's default number of virtual nodes per consumer. */
export const DEFAULT_VIRTUAL_NODE_COUNT = 10;

/**
 * Consistent hashing: each consumer owns `virtualNodeCount` points `cid-k` on a ring; a
 * queue goes to the owner of the first point at or after `hash(mq.toString())`, wrapping
 * around. Adding or removing a consumer moves few queues.
 */
export class AllocateMessageQueueConsistentHash implements AllocateMessageQueueStrategy {
  readonly name = 'CONSISTENT_HASH';

  constructor(
    private readonly virtualNodeCount = DEFAULT_VIRTUAL_NODE_COUNT,
    private readonly hash: RingHashFunction = md5RingHash,
  ) {
    if (!Number.isInteger(virtualNodeCount) || virtualNodeCount < 0) {
      throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `illegal virtualNodeCnt :${virtualNodeCount}`);
    }
  }

  allocate(group: string, currentCid: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
    if (!checkAllocateInputs(group, currentCid, mqAll, cidAll)) return [];
    const ring = this.buildRing(cidAll);
    if (ring.length === 0) return [];
    return mqAll.filter((mq) => routeOnRing(ring, this.hash(mq.toString())) === currentCid);
  }

  /** Ring points sorted by position; on equal positions the later consumer wins, as in Java's TreeMap.put. */
  private buildRing(cidAll: readonly string[]): Array<{ position: number; cid: string }> {
    const owners = new Map<number, string>();
    for (const cid of cidAll) {
      for (let k = 0; k < this.virtualNodeCount; k++) owners.set(this.hash(`${cid}-${k}`), cid);
    }
    return [...owners].map(([position, cid]) => ({ position, cid })).sort((a, b) => a.position - b.position);
  }
}

function routeOnRing(ring: ReadonlyArray<{ position: number; cid: string }>, position: number): string {
  let low = 0;
  let high = ring.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ring[middle]!.position < position) low = middle + 1;
    else high = middle;
  }
  return ring[low === ring.length ? 0 : low]!.cid;
}

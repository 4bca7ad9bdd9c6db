import { MessageConst, type MessageExt } from '@mq/common';
import type { ProcessQueue } from './process-queue';

/** Java looks at no more than this many head messages per queue and sweep. */
const MAX_EXPIRED_PER_SWEEP = 16;

/**
 * Java's `ProcessQueue.cleanExpiredMsg`: while the queue's lowest cached message has been
 * in its listener longer than `timeoutMs`, hand it to `sendBack` (delay level 3) and, once
 * sent, drop it from the cache, so one stuck message cannot hold the committed offset forever.
 * Resolves with the offset to commit after the removals, or -1 when nothing expired.
 */
export async function sweepExpiredMessages(pq: ProcessQueue, timeoutMs: number, sendBack: (message: MessageExt) => Promise<boolean>, now = Date.now()): Promise<number> {
  let offset = -1;
  for (let i = 0; i < MAX_EXPIRED_PER_SWEEP && !pq.dropped; i++) {
    const head = pq.firstMessage();
    const startedAt = Number(head?.getProperty(MessageConst.PROPERTY_CONSUME_START_TIMESTAMP));
    if (!head || !Number.isFinite(startedAt) || now - startedAt <= timeoutMs) break;
    if (!(await sendBack(head))) break;
    if (pq.firstMessage() === head) offset = pq.removeMessages([head]);
  }
  return offset;
}

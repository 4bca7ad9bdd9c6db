import type { Admin } from '@mq/client';
import type { MessageExt, MessageQueue } from '@mq/common';

const PULL_BATCH = 32;

/** Why reading a queue stopped. */
export type QueueReadEnd = 'RANGE_END' | 'LIMIT' | 'NO_NEW_MSG' | 'OFFSET_ILLEGAL';

/** A range of a queue to read with TOOLS_CONSUMER pulls. */
export interface QueueRange {
  mq: MessageQueue;
  from: number;
  /** Exclusive. */
  to: number;
  subExpression: string;
  /** Stop after this many messages. */
  limit: number;
  /** The pulling group; TOOLS_CONSUMER when absent. */
  group?: string;
}

/** Pulls `[from, to)` of a queue in batches of 32, handing each batch to `onMessages`; resolves with the offset reached and why it stopped. */
export async function readQueue(admin: Admin, range: QueueRange, onMessages: (messages: readonly MessageExt[]) => void): Promise<{ offset: number; end: QueueReadEnd }> {
  let offset = range.from;
  let remaining = range.limit;
  while (offset < range.to) {
    if (remaining <= 0) return { offset, end: 'LIMIT' };
    const result = await admin.pullMessages(range.mq, offset, Math.min(PULL_BATCH, remaining), range.subExpression, range.group);
    if (result.status === 'NO_NEW_MSG' || result.status === 'OFFSET_ILLEGAL') return { offset, end: result.status };
    const messages = result.messages.filter((message) => message.queueOffset < range.to).slice(0, remaining);
    remaining -= messages.length;
    if (messages.length > 0) onMessages(messages);
    if (result.nextBeginOffset <= offset) return { offset, end: 'NO_NEW_MSG' };
    offset = result.nextBeginOffset;
  }
  return { offset, end: 'RANGE_END' };
}

import { OffsetsByQueue, ReceivedMessage, SentMessage } from './driver-results';

/** Message bodies as numbers (the drivers send message i with body "i"), in ascending order. */
export function bodies(messages: readonly { body?: string }[]): number[] {
  return messages.map((m) => Number(m.body)).sort((a, b) => a - b);
}

/** `[from, from + 1, ..., from + count - 1]`. */
export function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

/** Sum of per-queue offsets. */
export function total(offsets: OffsetsByQueue): number {
  return Object.values(offsets).reduce((sum, offset) => sum + offset, 0);
}

/**
 * Whether a message with `tag` matches a TAG subscription expression: `*` (or empty)
 * matches everything, otherwise `A || B` matches exactly those tags, never an untagged message.
 */
export function matchesTagExpression(expression: string, tag: string | null | undefined): boolean {
  const trimmed = expression.trim();
  if (trimmed === '' || trimmed === '*') return true;
  const tags = trimmed.split('||').map((t) => t.trim());
  return tag !== null && tag !== undefined && tags.includes(tag);
}

/** Bodies of the sent messages a subscription should receive. */
export function expectedBodies(sent: readonly SentMessage[], expression: string): number[] {
  return bodies(sent.filter((m) => matchesTagExpression(expression, m.tags)));
}

/** Count of messages per queue id, for comparing with the broker's offsets. */
export function countByQueue(messages: readonly { queueId: number }[]): OffsetsByQueue {
  const counts: OffsetsByQueue = {};
  for (const { queueId } of messages) counts[queueId] = (counts[queueId] ?? 0) + 1;
  return counts;
}

/** Queue offsets received from each queue, ascending. */
export function offsetsByQueue(messages: readonly ReceivedMessage[]): Record<string, number[]> {
  const offsets: Record<string, number[]> = {};
  for (const { queueId, queueOffset } of messages) (offsets[queueId] ??= []).push(queueOffset);
  for (const list of Object.values(offsets)) list.sort((a, b) => a - b);
  return offsets;
}

/** Drops zero entries, so `{0: 4, 1: 0}` compares equal to `{0: 4}`. */
export function nonZero(offsets: OffsetsByQueue): OffsetsByQueue {
  return Object.fromEntries(Object.entries(offsets).filter(([, offset]) => offset !== 0));
}

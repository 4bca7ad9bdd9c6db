import { javaStringHashCode } from '@mq/common';

/**
 * Decides which messages a pull returns (RocketMQ's `MessageFilter`): first by the
 * consume-queue tags code, then, for filters that need it (SQL92), by the stored record.
 */
export interface MessageFilter {
  isMatchedByConsumeQueue(tagsCode: number): boolean;
  /** Called with the raw record when defined. */
  isMatchedByCommitLog?(record: Buffer): boolean;
}

/** Accepts everything. */
export const MATCH_ALL: MessageFilter = { isMatchedByConsumeQueue: () => true };

/**
 * The broker's tag filter (spec §3.6): `*` or empty matches everything; otherwise
 * `tag1 || tag2` matches when the low 32 bits of the tags code equal one tag's Java hash.
 * Hash collisions pass; the client re-checks the tag string.
 */
export function tagFilter(expression: string): MessageFilter {
  const trimmed = expression.trim();
  if (trimmed === '' || trimmed === '*') return MATCH_ALL;
  const codes = new Set(
    trimmed
      .split('||')
      .map((t) => t.trim())
      .filter((t) => t !== '')
      .map(javaStringHashCode),
  );
  return { isMatchedByConsumeQueue: (tagsCode) => codes.has(tagsCode | 0) };
}

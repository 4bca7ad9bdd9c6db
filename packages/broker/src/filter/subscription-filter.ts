import type { MessageFilter } from '@mq/store';
import { matchesTagsCode, type ConsumerSubscription } from '../client/consumer-subscription';
import { readRecordProperties } from './record-properties';
import type { Sql92Filter } from './sql92-compiler';

/** `SQL92`, the expression type of property filters; anything else (or blank) is `TAG`. */
export const EXPRESSION_TYPE_SQL92 = 'SQL92';

/** Whether a subscription filters by tags (blank type means TAG). */
export function isTagType(expressionType: string | undefined): boolean {
  return !expressionType || expressionType === 'TAG';
}

/**
 * Whether a message with these properties passes an SQL92 filter: the evaluator a POP or
 * gRPC receive path reuses. Properties are looked up by exact name.
 */
export function matchesProperties(filter: Sql92Filter, properties: ReadonlyMap<string, string>): boolean {
  return filter.matches((name) => properties.get(name));
}

/**
 * The store filter of a pull (§3.6, §14.4): TAG subscriptions check the consume queue's tags
 * hash; SQL92 ones pass every consume-queue entry and evaluate the record's properties.
 */
export function subscriptionMessageFilter(subscription: ConsumerSubscription, sql?: Sql92Filter): MessageFilter {
  if (!sql) return { isMatchedByConsumeQueue: (tagsCode) => matchesTagsCode(subscription, tagsCode) };
  return sql92MessageFilter(sql);
}

/** The store filter of an SQL92 expression: every consume-queue entry passes, the record's properties decide. */
export function sql92MessageFilter(sql: Sql92Filter): MessageFilter {
  return {
    isMatchedByConsumeQueue: () => true,
    isMatchedByCommitLog: (record) => matchesProperties(sql, readRecordProperties(record)),
  };
}

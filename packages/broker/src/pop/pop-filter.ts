import { MQError } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import { MATCH_ALL, type MessageFilter } from '@mq/store';
import { buildSubscription } from '../client/consumer-subscription';
import { compileSql92 } from '../filter/sql92-compiler';
import { Sql92ParseError } from '../filter/sql92-node-builder';
import { EXPRESSION_TYPE_SQL92, isTagType, sql92MessageFilter, subscriptionMessageFilter } from '../filter/subscription-filter';

/**
 * The store filter of a remoting POP_MESSAGE (`expType`, `exp`): none for a blank expression;
 * TAG expressions check the consume queue's tags hash (the client re-checks tags exactly, as
 * with Apache); SQL92 ones are compiled and evaluated on each record's properties.
 * @throws MQError SUBSCRIPTION_PARSE_FAILED for an expression that names no tag, SQL92 that
 *   does not compile, or an unknown expression type.
 */
export function popMessageFilter(topic: string, expType: string | undefined, exp: string | undefined): MessageFilter {
  if (!exp) return MATCH_ALL;
  if (isTagType(expType)) return subscriptionMessageFilter(buildSubscription(topic, exp, 'TAG'));
  if (expType !== EXPRESSION_TYPE_SQL92) {
    throw new MQError(ResponseCode.SUBSCRIPTION_PARSE_FAILED, `parse the consumer's subscription failed: unknown expression type ${expType}`);
  }
  try {
    return sql92MessageFilter(compileSql92(exp));
  } catch (error) {
    if (!(error instanceof Sql92ParseError)) throw error;
    throw new MQError(ResponseCode.SUBSCRIPTION_PARSE_FAILED, `parse the consumer's subscription failed: ${error.message}`);
  }
}

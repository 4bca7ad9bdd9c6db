import { MQError, type MessageExt } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import { tagFilter, type MessageFilter } from '@mq/store';
import { compileSql92, type Sql92Filter } from '../filter/sql92-compiler';
import { Sql92ParseError } from '../filter/sql92-node-builder';
import { sql92MessageFilter } from '../filter/subscription-filter';
import { grpcError } from './status';
import { Code, FilterType, type FilterExpression } from './types';

/** How a ReceiveMessage selects messages: the store-level filter and an exact check after decoding. */
export interface ReceiveFilter {
  readonly store: MessageFilter;
  readonly accepts?: (message: MessageExt) => boolean;
}

/**
 * The filter of a ReceiveMessage (spec §4.8 step 5). TAG: `*`/blank takes all, else tags
 * split on `||`, checked by hash in the consume queue and exactly after decoding. SQL: the
 * broker's SQL92 compiler, evaluated on each record's properties, like a remoting pull.
 * @throws MQError ILLEGAL_FILTER_EXPRESSION for an expression that names no tag or does not
 *   compile; SYSTEM_ERROR (as the broker answers a POP) when `enablePropertyFilter` is off.
 */
export function receiveFilter(expression: FilterExpression | undefined, propertyFilterEnabled: boolean): ReceiveFilter {
  const text = (expression?.expression ?? '').trim();
  if (expression?.type === FilterType.SQL) return { store: sql92MessageFilter(compileSql(text, propertyFilterEnabled)) };
  if (text === '' || text === '*') return { store: tagFilter(text) };
  const tags = new Set(text.split('||').map((tag) => tag.trim()).filter((tag) => tag !== ''));
  if (tags.size === 0) throw grpcError(Code.ILLEGAL_FILTER_EXPRESSION, `filter expression ${JSON.stringify(text)} names no tag`);
  return { store: tagFilter(text), accepts: (message) => tags.has(message.tags ?? '') };
}

function compileSql(text: string, propertyFilterEnabled: boolean): Sql92Filter {
  if (!propertyFilterEnabled) {
    throw new MQError(ResponseCode.SYSTEM_ERROR, 'The broker does not support consumer to filter message by SQL92 (enablePropertyFilter=false)');
  }
  try {
    return compileSql92(text);
  } catch (error) {
    if (!(error instanceof Sql92ParseError)) throw error;
    throw grpcError(Code.ILLEGAL_FILTER_EXPRESSION, `SQL92 expression ${JSON.stringify(text)} does not compile: ${error.message}`);
  }
}

import type { SqlNode } from './sql92-ast';
import { evaluateSql92, type PropertyLookup } from './sql92-evaluator';
import { Sql92ParseError } from './sql92-node-builder';
import { parseSql92 } from './sql92-parser';

/** A compiled SQL92 filter: evaluate it against a message's properties. */
export interface Sql92Filter {
  readonly expression: string;
  /** True iff the expression evaluates to exactly TRUE for these properties. */
  matches(lookup: PropertyLookup): boolean;
}

/** Compiled expressions kept, failures included (Java's FilterFactory cache). */
const CACHE_SIZE = 100;
const cache = new Map<string, Sql92Filter | Sql92ParseError>();

/**
 * Compiles an SQL92 filter expression, cached per string (least recently used out first).
 * @throws Sql92ParseError when the expression does not compile.
 */
export function compileSql92(expression: string): Sql92Filter {
  let entry = cache.get(expression);
  if (entry) {
    cache.delete(expression);
  } else {
    entry = tryCompile(expression);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  cache.set(expression, entry);
  if (entry instanceof Sql92ParseError) throw entry;
  return entry;
}

function tryCompile(expression: string): Sql92Filter | Sql92ParseError {
  try {
    const node: SqlNode = parseSql92(expression);
    return { expression, matches: (lookup) => evaluateSql92(node, lookup) };
  } catch (error) {
    if (error instanceof Sql92ParseError) return error;
    throw error;
  }
}

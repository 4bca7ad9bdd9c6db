import { isNumber, type JavaNumber, type SqlNode, type SqlValue } from './sql92-ast';
import { compareJavaDoubles, ConversionError, parseJavaDouble, parseJavaNumber } from './java-conversions';

/** Looks up a message property by name; `undefined`/`null` is SQL NULL. */
export type PropertyLookup = (name: string) => string | null | undefined;

type Truth = boolean | null;

/**
 * Whether a message matches a compiled filter: only an exact TRUE matches; FALSE, NULL
 * (unknown) and evaluation errors (a property that does not convert) do not (§14.3).
 */
export function evaluateSql92(node: SqlNode, lookup: PropertyLookup): boolean {
  try {
    return evaluate(node, lookup) === true;
  } catch (error) {
    if (error instanceof ConversionError) return false;
    throw error;
  }
}

function evaluate(node: SqlNode, lookup: PropertyLookup): SqlValue {
  switch (node.op) {
    case 'const':
      return node.value;
    case 'prop':
      return lookup(node.name) ?? null;
    case 'cast':
      // Property values are strings, never booleans.
      return evaluate(node.operand, lookup) === null ? null : false;
    case 'not': {
      const value = truth(evaluate(node.operand, lookup));
      return value === null ? null : !value;
    }
    case 'neg': {
      const value = evaluate(node.operand, lookup);
      return isNumber(value) ? { kind: value.kind, value: -value.value } : null;
    }
    case 'and':
      return and(truth(evaluate(node.left, lookup)), () => truth(evaluate(node.right, lookup)));
    case 'or':
      return or(truth(evaluate(node.left, lookup)), () => truth(evaluate(node.right, lookup)));
    case 'eq':
      return equal(evaluate(node.left, lookup), evaluate(node.right, lookup));
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return order(node.op, evaluate(node.left, lookup), evaluate(node.right, lookup));
    case 'isNull':
      return evaluate(node.operand, lookup) === null;
    case 'in': {
      const value = lookup(node.name) ?? null;
      return value === null ? null : node.values.has(value) !== node.negated;
    }
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return stringTest(node.op, evaluate(node.operand, lookup), node.search, node.negated);
  }
}

function truth(value: SqlValue): Truth {
  return value === null ? null : value === true;
}

function and(left: Truth, right: () => Truth): Truth {
  if (left === false) return false;
  const r = right();
  if (r === false) return false;
  return left === null || r === null ? null : true;
}

function or(left: Truth, right: () => Truth): Truth {
  if (left === true) return true;
  const r = right();
  if (r === true) return true;
  return left === null || r === null ? null : false;
}

function equal(left: SqlValue, right: SqlValue): Truth {
  if (left === null && right === null) return true;
  if (left === null) return null;
  if (right === null) return false;
  return compare(left, right) === 0;
}

function order(op: 'gt' | 'ge' | 'lt' | 'le', left: SqlValue, right: SqlValue): Truth {
  if (left === null || right === null) return null;
  const c =
    typeof left === 'string' && typeof right === 'string'
      ? compareJavaDoubles(parseJavaDouble(left), parseJavaDouble(right))
      : compare(left, right);
  if (op === 'gt') return c > 0;
  if (op === 'ge') return c >= 0;
  if (op === 'lt') return c < 0;
  return c <= 0;
}

/**
 * Java's `ComparisonExpression.compare` for non-null values: same types compare naturally;
 * a string converts to the other side's type; numbers widen; other pairs are "less" (-1).
 */
function compare(left: Exclude<SqlValue, null>, right: Exclude<SqlValue, null>): number {
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  if (typeof left === 'boolean' && typeof right === 'boolean') return left === right ? 0 : left ? 1 : -1;
  if (typeof left === 'string' && typeof right !== 'string') return compare(convertString(left, right), right);
  if (typeof right === 'string' && typeof left !== 'string') return compare(left, convertString(right, left));
  if (isNumber(left) && isNumber(right)) return compareNumbers(left, right);
  return -1;
}

/** A string converted to the other side's type: `Boolean.valueOf`, or the literal's integer/long/double parsing. */
function convertString(text: string, other: boolean | JavaNumber): boolean | JavaNumber {
  return typeof other === 'boolean' ? text.toLowerCase() === 'true' : parseJavaNumber(text, other.kind);
}

function compareNumbers(left: JavaNumber, right: JavaNumber): number {
  if (left.kind === 'double' || right.kind === 'double') return compareJavaDoubles(left.value, right.value);
  return left.value < right.value ? -1 : left.value > right.value ? 1 : 0;
}

function stringTest(op: 'contains' | 'startsWith' | 'endsWith', value: SqlValue, search: string, negated: boolean): boolean {
  if (search === '' || typeof value !== 'string') return false;
  const found = op === 'contains' ? value.includes(search) : op === 'startsWith' ? value.startsWith(search) : value.endsWith(search);
  return found !== negated;
}

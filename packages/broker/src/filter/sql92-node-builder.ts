import { isBooleanNode, isNumber, type JavaNumber, type SqlNode, type SqlValue } from './sql92-ast';

/** A filter expression that does not compile; the message is what the client is told. */
export class Sql92ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Sql92ParseError';
  }
}

const INT_MAX = 2147483647;
const LONG_MAX_TEXT = '9223372036854775807';
/** Java `Double.MIN_VALUE`. */
const DOUBLE_MIN_VALUE = 4.9e-324;

/** Compile-time builders of §14.2: each applies Java's build-time checks and the compiled forms. */
export const build = {
  integer(text: string): SqlNode {
    const digits = text.endsWith('l') || text.endsWith('L') ? text.slice(0, -1) : text;
    if (digits.length > LONG_MAX_TEXT.length || (digits.length === LONG_MAX_TEXT.length && digits > LONG_MAX_TEXT)) {
      throw new Sql92ParseError(`integer literal out of the long range: ${text}`);
    }
    const value = Number(digits);
    return constant({ kind: value <= INT_MAX ? 'int' : 'long', value });
  },

  float(text: string): SqlNode {
    const value = Number(text);
    if (!Number.isFinite(value)) throw new Sql92ParseError(`float literal above the double range: ${text}`);
    if (value < DOUBLE_MIN_VALUE) throw new Sql92ParseError(`float literal below Double.MIN_VALUE: ${text}`);
    return constant({ kind: 'double', value });
  },

  string(image: string): SqlNode {
    return constant(image.slice(1, -1).split("''").join("'"));
  },

  negate(operand: SqlNode): SqlNode {
    if (operand.op === 'const' && isNumber(operand.value)) {
      return constant({ kind: operand.value.kind, value: -operand.value.value });
    }
    return { op: 'neg', operand };
  },

  not(operand: SqlNode): SqlNode {
    return { op: 'not', operand: asBoolean(operand) };
  },

  logical(op: 'and' | 'or', left: SqlNode, right: SqlNode): SqlNode {
    return { op, left: asBoolean(left), right: asBoolean(right) };
  },

  equal(left: SqlNode, right: SqlNode): SqlNode {
    checkEqualOperand(left);
    checkEqualOperand(right);
    checkEqualCompatibility(left, right);
    return { op: 'eq', left, right };
  },

  notEqual(left: SqlNode, right: SqlNode): SqlNode {
    return { op: 'not', operand: build.equal(left, right) };
  },

  compare(op: 'gt' | 'ge' | 'lt' | 'le', left: SqlNode, right: SqlNode): SqlNode {
    checkOrderOperand(left);
    checkOrderOperand(right);
    return { op, left, right };
  },

  between(value: SqlNode, low: SqlNode, high: SqlNode, negated: boolean): SqlNode {
    checkBounds(low, high);
    if (negated) return build.logical('or', build.compare('lt', value, low), build.compare('gt', value, high));
    return build.logical('and', build.compare('ge', value, low), build.compare('le', value, high));
  },

  isNull(operand: SqlNode, negated: boolean): SqlNode {
    const node: SqlNode = { op: 'isNull', operand };
    return negated ? { op: 'not', operand: node } : node;
  },

  in(left: SqlNode, values: string[], negated: boolean): SqlNode {
    if (left.op !== 'prop') throw new Sql92ParseError(`Expected a property for In expression, got: ${describe(left)}`);
    return { op: 'in', name: left.name, values: new Set(values), negated };
  },

  stringTest(op: 'contains' | 'startsWith' | 'endsWith', operand: SqlNode, search: SqlNode, negated: boolean): SqlNode {
    if (search.op !== 'const' || typeof search.value !== 'string') throw new Sql92ParseError(`${op} needs a string literal`);
    return { op, operand, search: search.value, negated };
  },

  /** The whole expression must be boolean; a bare property is cast. */
  root(node: SqlNode): SqlNode {
    return asBoolean(node);
  },
};

function constant(value: SqlValue): SqlNode {
  return { op: 'const', value };
}

/** Java's `asBooleanExpression`: booleans pass, properties are cast, anything else is refused. */
function asBoolean(node: SqlNode): SqlNode {
  if (isBooleanNode(node)) return node;
  if (node.op === 'prop') return { op: 'cast', operand: node };
  throw new Sql92ParseError(`Expression will not result in a boolean value: ${describe(node)}`);
}

function checkEqualOperand(node: SqlNode): void {
  if (node.op === 'const' && node.value === null) throw new Sql92ParseError(`'${describe(node)}' cannot be compared.`);
}

function checkEqualCompatibility(left: SqlNode, right: SqlNode): void {
  if (left.op !== 'const' || right.op !== 'const') return;
  const leftBoolean = typeof left.value === 'boolean';
  if (leftBoolean !== (typeof right.value === 'boolean')) {
    throw new Sql92ParseError(`'${describe(left)}' cannot be compared with '${describe(right)}'`);
  }
}

function checkOrderOperand(node: SqlNode): void {
  if (node.op === 'const' ? !isNumber(node.value) : isBooleanNode(node)) {
    throw new Sql92ParseError(`${describe(node)} cannot be compared.`);
  }
}

function checkBounds(low: SqlNode, high: SqlNode): void {
  if (low.op !== 'const' || high.op !== 'const') return;
  if (low.value === null || high.value === null) throw new Sql92ParseError('Illegal values of between, values can not be null');
  if (isNumber(low.value) && isNumber(high.value) && low.value.value > high.value.value) {
    throw new Sql92ParseError(`Illegal values of between, left value(${low.value.value}) must less than or equal to right value(${high.value.value})`);
  }
}

function describe(node: SqlNode): string {
  if (node.op === 'prop') return node.name;
  if (node.op !== 'const') return node.op.toUpperCase();
  const value = node.value;
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${value.split("'").join("''")}'`;
  return isNumber(value) ? String((value as JavaNumber).value) : String(value).toUpperCase();
}

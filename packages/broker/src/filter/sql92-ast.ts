/** Java's numeric literal types: the kind decides how a string property is parsed against it. */
export type NumericKind = 'int' | 'long' | 'double';

/** A number with its Java type. */
export interface JavaNumber {
  readonly kind: NumericKind;
  readonly value: number;
}

/** A runtime value: property values are strings, literals may be any of these; `null` is SQL NULL. */
export type SqlValue = string | boolean | JavaNumber | null;

/** A compiled SQL92 filter expression (store-and-broker §14.2 compiled forms). */
export type SqlNode =
  | { readonly op: 'const'; readonly value: SqlValue }
  | { readonly op: 'prop'; readonly name: string }
  | { readonly op: 'cast'; readonly operand: SqlNode }
  | { readonly op: 'not'; readonly operand: SqlNode }
  | { readonly op: 'neg'; readonly operand: SqlNode }
  | { readonly op: 'and' | 'or'; readonly left: SqlNode; readonly right: SqlNode }
  | { readonly op: 'eq' | 'gt' | 'ge' | 'lt' | 'le'; readonly left: SqlNode; readonly right: SqlNode }
  | { readonly op: 'isNull'; readonly operand: SqlNode }
  | { readonly op: 'in'; readonly name: string; readonly values: ReadonlySet<string>; readonly negated: boolean }
  | {
      readonly op: 'contains' | 'startsWith' | 'endsWith';
      readonly operand: SqlNode;
      readonly search: string;
      readonly negated: boolean;
    };

/** Whether a node yields a boolean (comparison, logic, IS NULL, ...), as Java's `BooleanExpression`. */
export function isBooleanNode(node: SqlNode): boolean {
  if (node.op === 'const') return typeof node.value === 'boolean';
  return node.op !== 'prop' && node.op !== 'neg';
}

/** Whether a value is a number. */
export function isNumber(value: SqlValue): value is JavaNumber {
  return typeof value === 'object' && value !== null;
}

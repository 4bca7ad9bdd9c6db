import { compileSql92 } from '../../src/filter/sql92-compiler';
import { Sql92ParseError } from '../../src/filter/sql92-node-builder';
import { matchesProperties } from '../../src/filter/subscription-filter';

type Props = Record<string, string>;

const messages: Record<string, Props> = {
  A: { a: '3', b: 'hello', TAGS: 'TagA', c: 'true', d: '5.5', e: "it's" },
  B: { a: '10', b: 'world', TAGS: 'TagB', c: 'FALSE', d: '-1' },
  C: { b: 'hello world', TAGS: 'TagC' },
  D: { a: 'abc', TAGS: 'TagA', d: '1e3' },
  E: {},
};

/** expression → the messages it matches (every other message must not match). */
const truthTable: [string, string[]][] = [
  ['TRUE', ['A', 'B', 'C', 'D', 'E']],
  ['FALSE', []],
  ['a = 3', ['A']],
  ["a = '3'", ['A']],
  ['a > 5', ['B']],
  ['a >= 3', ['A', 'B']],
  ['a < 10', ['A']],
  ['a <= 10', ['A', 'B']],
  ['a <> 3', ['B']], // NULL a → unknown; 'abc' <> 3 → conversion error → no match
  ['NOT (a = 3)', ['B']],
  ['NOT a = 3', []], // (NOT a) = 3: never true
  ['a BETWEEN 3 AND 10', ['A', 'B']],
  ['a BETWEEN 4 AND 10', ['B']],
  ['a NOT BETWEEN 4 AND 10', ['A']],
  ['a BETWEEN 3 AND 3', ['A']],
  ["TAGS IN ('TagA', 'TagC')", ['A', 'C', 'D']],
  ["TAGS NOT IN ('TagA', 'TagC')", ['B']],
  ["b IN ('hello')", ['A']],
  ["b NOT IN ('hello')", ['B', 'C']], // missing b → NULL → no match
  ['a IS NULL', ['C', 'E']],
  ['a IS NOT NULL', ['A', 'B', 'D']],
  ['a IS NULL OR a = 3', ['A', 'C', 'E']],
  ['a = 3 OR b = \'world\'', ['A', 'B']],
  ['a > 1 AND b = \'hello\'', ['A']],
  ["a = 3 OR b = 'world' AND TAGS = 'TagA'", ['A']],
  ["(a = 3 OR b = 'world') AND TAGS = 'TagB'", ['B']],
  ['a', []], // bare identifier casts to FALSE/NULL
  ['NOT a', ['A', 'B', 'D']], // NOT FALSE → TRUE; NOT NULL → NULL
  ['c = TRUE', ['A']],
  ['c = FALSE', ['B']], // Boolean.valueOf('FALSE') = false
  ['d > 5', []], // '5.5' with an int literal: integer parsing fails → error
  ['d > 5.0', ['A', 'D']],
  ['d < 0.5', ['B']],
  ['d = 1000.0', ['D']],
  ['d > a', ['A']], // two string properties: compared as doubles ('abc' errs)
  ['b > a', []], // not parsable as doubles → error
  ['a > -5', ['A', 'B']],
  ['a = 3L', ['A']],
  ['a > 2147483648', []],
  ['a < 2147483648', ['A', 'B']],
  ["e = 'it''s'", ['A']],
  ["b CONTAINS 'llo'", ['A', 'C']],
  ["b NOT CONTAINS 'llo'", ['B']], // NULL → FALSE, not inverted
  ["b STARTSWITH 'hello'", ['A', 'C']],
  ["b ENDSWITH 'world'", ['B', 'C']],
  ["b NOT ENDSWITH 'world'", ['A']],
  ["b CONTAINS ''", []],
  ["b NOT CONTAINS ''", []],
  ['x = 1', []], // missing on the left → NULL
  ['1 = x', []], // missing on the right → FALSE
  ['x IS NULL AND TRUE', ['A', 'B', 'C', 'D', 'E']],
  ['TRUE = TRUE', ['A', 'B', 'C', 'D', 'E']],
  ['1 = 1.0', ['A', 'B', 'C', 'D', 'E']], // int widens to double
  ["'abc' = 1", []], // conversion error
  ['a = c', ['C', 'E']], // both NULL → TRUE; A and B differ; D's c is NULL → FALSE
  ['TAGS = TAGS', ['A', 'B', 'C', 'D', 'E']], // NULL = NULL is TRUE
  ['not (a > 5) and a is not null -- comment\n', ['A']], // 'abc' > 5: error → no match
  ['/* block */ a In (\'3\')', ['A']],
];

describe('SQL92 filter truth table (store-and-broker §14.3)', () => {
  test.each(truthTable)('%s', (expression, expected) => {
    const filter = compileSql92(expression);
    const matched = Object.entries(messages)
      .filter(([, props]) => matchesProperties(filter, new Map(Object.entries(props))))
      .map(([name]) => name);
    expect(matched).toEqual(expected);
  });
});

describe('SQL92 parse errors (store-and-broker §14.2)', () => {
  test.each([
    '',
    'a =',
    'a = NULL',
    'NULL = a',
    "a > 'x'".replace("'x'", "'x"), // unterminated string
    "TRUE = 'x'",
    'TRUE = 1',
    "a > 'abc'",
    'a > TRUE',
    'a > (b = 1)',
    'a BETWEEN 5 AND 1',
    'a BETWEEN NULL AND 1',
    "a IN ()",
    'a IN (1, 2)',
    "'x' IN ('x')",
    "a CONTAINS 1",
    '5',
    "'abc'",
    'a = 1 AND 5',
    'NOT 5',
    'a = 0x1F',
    'a = 007',
    'a = 0.0',
    'a = 1e400',
    'a = 99999999999999999999',
    'a.b = 1',
    'a-b = 1',
    'a = 1 *',
    'a b',
    '(a = 1',
  ])('%j does not compile', (expression) => {
    expect(() => compileSql92(expression)).toThrow(Sql92ParseError);
  });

  test('failures are cached and thrown again', () => {
    expect(() => compileSql92('a = NULL')).toThrow("'NULL' cannot be compared.");
    expect(() => compileSql92('a = NULL')).toThrow("'NULL' cannot be compared.");
  });

  test('keywords are case-insensitive; identifiers keep their case', () => {
    const filter = compileSql92('Tags is not null and TAGS in (\'x\')');
    expect(matchesProperties(filter, new Map([['TAGS', 'x']]))).toBe(false);
    expect(matchesProperties(filter, new Map([['TAGS', 'x'], ['Tags', 'y']]))).toBe(true);
  });

  test('the same string compiles to the same cached filter', () => {
    expect(compileSql92('a = 1')).toBe(compileSql92('a = 1'));
  });
});

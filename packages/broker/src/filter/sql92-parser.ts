import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import type { SqlNode } from './sql92-ast';
import * as T from './sql92-lexer';
import { build, Sql92ParseError } from './sql92-node-builder';

type CompareOp = 'gt' | 'ge' | 'lt' | 'le';
type StringTestOp = 'contains' | 'startsWith' | 'endsWith';

/**
 * RocketMQ's SQL92 filter grammar (store-and-broker §14.2), lowest precedence first:
 * OR, AND, equality / IS NULL, ordering / BETWEEN / IN / CONTAINS..., unary (+, -, NOT),
 * primary. Semantic actions build the compiled {@link SqlNode} tree with Java's checks.
 */
class Sql92Parser extends EmbeddedActionsParser {
  constructor() {
    super(T.SQL92_TOKENS, { maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  readonly expression = this.RULE('expression', (): SqlNode => {
    const node = this.SUBRULE(this.orExpr);
    return this.ACTION(() => build.root(node));
  });

  private readonly orExpr = this.RULE('orExpr', (): SqlNode => {
    let left = this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(T.Or);
      const right = this.SUBRULE2(this.andExpr);
      left = this.ACTION(() => build.logical('or', left, right));
    });
    return left;
  });

  private readonly andExpr = this.RULE('andExpr', (): SqlNode => {
    let left = this.SUBRULE(this.eqExpr);
    this.MANY(() => {
      this.CONSUME(T.And);
      const right = this.SUBRULE2(this.eqExpr);
      left = this.ACTION(() => build.logical('and', left, right));
    });
    return left;
  });

  private readonly eqExpr = this.RULE('eqExpr', (): SqlNode => {
    let left = this.SUBRULE(this.cmpExpr);
    this.MANY(() => {
      left = this.OR([
        { ALT: () => this.equality(1, T.Equal, left) },
        { ALT: () => this.equality(2, T.NotEqual, left) },
        { ALT: () => this.isNull(left) },
      ]);
    });
    return left;
  });

  private equality(idx: number, token: TokenType, left: SqlNode): SqlNode {
    this.CONSUME(token);
    const right = this.subrule(idx, this.cmpExpr);
    return this.ACTION(() => (token === T.Equal ? build.equal(left, right) : build.notEqual(left, right)));
  }

  private isNull(left: SqlNode): SqlNode {
    this.CONSUME(T.Is);
    const negated = this.OPTION(() => this.CONSUME(T.Not)) !== undefined;
    this.CONSUME(T.Null);
    return this.ACTION(() => build.isNull(left, negated));
  }

  private readonly cmpExpr = this.RULE('cmpExpr', (): SqlNode => {
    let left = this.SUBRULE(this.unary);
    this.MANY(() => {
      left = this.OR([
        { ALT: () => this.ordering(1, T.Greater, 'gt', left) },
        { ALT: () => this.ordering(2, T.GreaterEqual, 'ge', left) },
        { ALT: () => this.ordering(3, T.Less, 'lt', left) },
        { ALT: () => this.ordering(4, T.LessEqual, 'le', left) },
        { ALT: () => this.SUBRULE(this.predicate, { ARGS: [left] }) },
      ]);
    });
    return left;
  });

  private ordering(idx: number, token: TokenType, op: CompareOp, left: SqlNode): SqlNode {
    this.CONSUME(token);
    const right = this.subrule(idx, this.unary);
    return this.ACTION(() => build.compare(op, left, right));
  }

  /** `[NOT] BETWEEN | IN | CONTAINS | STARTSWITH | ENDSWITH`. */
  private readonly predicate = this.RULE('predicate', (left: SqlNode): SqlNode => {
    const negated = this.OPTION(() => this.CONSUME(T.Not)) !== undefined;
    return this.OR([
      { ALT: () => this.between(left, negated) },
      { ALT: () => this.inList(left, negated) },
      { ALT: () => this.stringTest(1, T.Contains, 'contains', left, negated) },
      { ALT: () => this.stringTest(2, T.StartsWith, 'startsWith', left, negated) },
      { ALT: () => this.stringTest(3, T.EndsWith, 'endsWith', left, negated) },
    ]);
  });

  private between(left: SqlNode, negated: boolean): SqlNode {
    this.CONSUME(T.Between);
    const low = this.SUBRULE3(this.unary);
    this.CONSUME(T.And);
    const high = this.SUBRULE4(this.unary);
    return this.ACTION(() => build.between(left, low, high, negated));
  }

  private inList(left: SqlNode, negated: boolean): SqlNode {
    this.CONSUME(T.In);
    this.CONSUME(T.LParen);
    const values: string[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const token = this.CONSUME(T.StringLiteral);
        this.ACTION(() => values.push(unquote(token)));
      },
    });
    this.CONSUME(T.RParen);
    return this.ACTION(() => build.in(left, values, negated));
  }

  private stringTest(idx: number, token: TokenType, op: StringTestOp, left: SqlNode, negated: boolean): SqlNode {
    this.CONSUME(token);
    const search = this.consume(idx, T.StringLiteral);
    return this.ACTION(() => build.stringTest(op, left, build.string(search.image), negated));
  }

  private readonly unary = this.RULE('unary', (): SqlNode =>
    this.OR([
      { ALT: () => this.prefixed(1, T.Plus, (operand) => operand) },
      { ALT: () => this.prefixed(2, T.Minus, build.negate) },
      { ALT: () => this.prefixed(3, T.Not, build.not) },
      { ALT: () => this.SUBRULE(this.primary) },
    ]),
  );

  private prefixed(idx: number, token: TokenType, apply: (operand: SqlNode) => SqlNode): SqlNode {
    this.CONSUME(token);
    const operand = this.subrule(idx, this.unary);
    return this.ACTION(() => apply(operand));
  }

  private readonly primary = this.RULE('primary', (): SqlNode =>
    this.OR([
      { ALT: () => this.literal(T.StringLiteral, (t) => build.string(t.image)) },
      { ALT: () => this.literal(T.IntegerLiteral, (t) => build.integer(t.image)) },
      { ALT: () => this.literal(T.FloatLiteral, (t) => build.float(t.image)) },
      { ALT: () => this.literal(T.True, () => ({ op: 'const', value: true })) },
      { ALT: () => this.literal(T.False, () => ({ op: 'const', value: false })) },
      { ALT: () => this.literal(T.Null, () => ({ op: 'const', value: null })) },
      { ALT: () => this.literal(T.Identifier, (t) => ({ op: 'prop', name: t.image })) },
      { ALT: () => this.parenthesized() },
    ]),
  );

  private literal(token: TokenType, make: (token: IToken) => SqlNode): SqlNode {
    const consumed = this.CONSUME(token);
    return this.ACTION(() => make(consumed));
  }

  private parenthesized(): SqlNode {
    this.CONSUME(T.LParen);
    const inner = this.SUBRULE(this.orExpr);
    this.CONSUME(T.RParen);
    return inner;
  }
}

function unquote(token: IToken): string {
  return token.image.slice(1, -1).split("''").join("'");
}

/** One parser instance: chevrotain parsers are reusable by resetting `input`. */
let parser: Sql92Parser | undefined;

/**
 * Parses and compiles an SQL92 filter expression.
 * @throws Sql92ParseError with the lexer's, the parser's or a build-time check's message.
 */
export function parseSql92(text: string): SqlNode {
  const lexed = T.sql92Lexer.tokenize(text);
  if (lexed.errors.length > 0) {
    const error = lexed.errors[0];
    throw new Sql92ParseError(`Lexical error at column ${error.offset + 1}: ${error.message}`);
  }
  parser ??= new Sql92Parser();
  parser.input = lexed.tokens;
  const node = parser.expression();
  if (parser.errors.length > 0) {
    const error = parser.errors[0];
    const at = Number.isNaN(error.token.startOffset) ? 'end of input' : `column ${error.token.startOffset + 1}`;
    throw new Sql92ParseError(`Encountered a syntax error at ${at}: ${error.message}`);
  }
  return node;
}

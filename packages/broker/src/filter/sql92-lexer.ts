import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Identifier: `[a-zA-Z_$][a-zA-Z0-9_$]*`, looked up case-sensitively in the message properties. */
export const Identifier = createToken({ name: 'Identifier', pattern: /[a-zA-Z_$][a-zA-Z0-9_$]*/ });

function keyword(word: string): TokenType {
  return createToken({ name: word, pattern: new RegExp(word, 'i'), longer_alt: Identifier });
}

export const Not = keyword('NOT');
export const And = keyword('AND');
export const Or = keyword('OR');
export const Between = keyword('BETWEEN');
export const In = keyword('IN');
export const Is = keyword('IS');
export const True = keyword('TRUE');
export const False = keyword('FALSE');
export const Null = keyword('NULL');
export const Contains = keyword('CONTAINS');
export const StartsWith = keyword('STARTSWITH');
export const EndsWith = keyword('ENDSWITH');

const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f]+/, group: Lexer.SKIPPED });
const LineComment = createToken({ name: 'LineComment', pattern: /--[^\n\r]*/, group: Lexer.SKIPPED });
const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED });

/** `d+.d*[E[+-]d+]`, `.d+[E...]` or `d+E[+-]d+`. */
export const FloatLiteral = createToken({
  name: 'FloatLiteral',
  pattern: /\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+/,
});
/** `0` or `[1-9][0-9]*`, optional `l`/`L`; no hex or octal forms. */
export const IntegerLiteral = createToken({ name: 'IntegerLiteral', pattern: /(?:0|[1-9]\d*)[lL]?/ });
/** `'...'` with `''` as an embedded quote. */
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /'(?:[^']|'')*'/ });

export const NotEqual = createToken({ name: 'NotEqual', pattern: /<>/ });
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: />=/ });
export const LessEqual = createToken({ name: 'LessEqual', pattern: /<=/ });
export const Equal = createToken({ name: 'Equal', pattern: /=/ });
export const Greater = createToken({ name: 'Greater', pattern: />/ });
export const Less = createToken({ name: 'Less', pattern: /</ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });

/** Every token, in matching order (comments before `-`, floats before integers, keywords before identifiers). */
export const SQL92_TOKENS: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  FloatLiteral,
  IntegerLiteral,
  StringLiteral,
  NotEqual,
  GreaterEqual,
  LessEqual,
  Equal,
  Greater,
  Less,
  LParen,
  RParen,
  Comma,
  Plus,
  Minus,
  Not,
  And,
  Or,
  Between,
  In,
  Is,
  True,
  False,
  Null,
  Contains,
  StartsWith,
  EndsWith,
  Identifier,
];

/** The SQL92 filter lexer (RocketMQ's lexical rules, store-and-broker §14.2). */
export const sql92Lexer = new Lexer(SQL92_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: false });

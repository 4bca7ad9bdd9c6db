import { MQError } from '@mq/common';
import { ResponseCode } from '../response-code';

/** A parsed JSON value. Object keys are always strings (see {@link parseJavaJson}). */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A parsed JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Nesting deeper than this is refused, so hostile input cannot exhaust the stack. */
const MAX_DEPTH = 256;

/**
 * Parses JSON as Java's fastjson writes it (spec §4.2), which is not always RFC 8259 JSON:
 * map keys may be bare numbers (`{0:"10.0.0.1:10911"}`) or whole JSON objects
 * (`{{"brokerName":"b","queueId":0,"topic":"T"}:5}`).
 *
 * Every key becomes a string: a quoted key as its value, any other key as its source text
 * (`"0"`, `'{"brokerName":"b","queueId":0,"topic":"T"}'`). The body schemas turn those back
 * into numbers or MessageQueues. Numbers are JS numbers, exact below 2^53.
 *
 * @throws MQError SYSTEM_ERROR naming the position of the first syntax error.
 */
export function parseJavaJson(input: string | Uint8Array): JsonValue {
  const text = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return new TolerantParser(text).parseDocument();
  }
}

class TolerantParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    const value = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private parseValue(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    this.skipWhitespace();
    const ch = this.text[this.pos];
    switch (ch) {
      case '{':
        return this.parseObject(depth);
      case '[':
        return this.parseArray(depth);
      case '"':
        return this.parseString();
      case 't':
        return this.parseLiteral('true', true);
      case 'f':
        return this.parseLiteral('false', false);
      case 'n':
        return this.parseLiteral('null', null);
      default:
        return this.parseNumber();
    }
  }

  private parseObject(depth: number): JsonObject {
    const object: JsonObject = {};
    this.pos++;
    if (this.consumeIf('}')) return object;
    do {
      const key = this.parseKey(depth);
      this.expect(':');
      setOwn(object, key, this.parseValue(depth + 1));
    } while (this.consumeIf(','));
    this.expect('}');
    return object;
  }

  /** A quoted key as its value; a bare number or nested object as its source text. */
  private parseKey(depth: number): string {
    this.skipWhitespace();
    if (this.text[this.pos] === '"') return this.parseString();
    const start = this.pos;
    this.parseValue(depth + 1);
    return this.text.slice(start, this.pos);
  }

  private parseArray(depth: number): JsonValue[] {
    const array: JsonValue[] = [];
    this.pos++;
    if (this.consumeIf(']')) return array;
    do array.push(this.parseValue(depth + 1));
    while (this.consumeIf(','));
    this.expect(']');
    return array;
  }

  private parseString(): string {
    const start = ++this.pos;
    const end = this.text.indexOf('"', start);
    const plain = end < 0 ? -1 : this.text.indexOf('\\', start);
    if (end >= 0 && (plain < 0 || plain > end)) {
      this.pos = end + 1;
      return this.text.slice(start, end);
    }
    return this.parseEscapedString();
  }

  private parseEscapedString(): string {
    let result = '';
    for (;;) {
      const ch = this.text[this.pos++];
      if (ch === undefined) this.fail('unterminated string');
      if (ch === '"') return result;
      result += ch === '\\' ? this.parseEscape() : ch;
    }
  }

  private parseEscape(): string {
    const ch = this.text[this.pos++];
    switch (ch) {
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      case undefined:
        return this.fail('unterminated string');
      default:
        return ch;
    }
  }

  private parseNumber(): number {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!match) this.fail('unexpected character');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('unexpected character');
    this.pos += word.length;
    return value;
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos])) this.pos++;
  }

  private consumeIf(ch: string): boolean {
    this.skipWhitespace();
    if (this.text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  private expect(ch: string): void {
    if (!this.consumeIf(ch)) this.fail(`expected '${ch}'`);
  }

  private fail(reason: string): never {
    throw new MQError(ResponseCode.SYSTEM_ERROR, `malformed JSON body at offset ${this.pos}: ${reason}`);
  }
}

/** Sets a property as an own data property, so keys like `__proto__` stay plain data. */
export function setOwn<V>(object: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

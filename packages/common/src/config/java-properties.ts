import { CommonErrorCode, MQError } from '../errors';

const WHITESPACE = new Set([' ', '\t', '\f']);

function skipLeadingWhitespace(line: string): string {
  let i = 0;
  while (i < line.length && WHITESPACE.has(line[i] as string)) i++;
  return line.slice(i);
}

function endsWithOddBackslashes(line: string): boolean {
  let count = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

/**
 * Java's logical lines: blank lines and comment lines (`#` or `!` after leading whitespace)
 * are dropped; a line ending in an odd number of backslashes continues on the next line,
 * whose leading whitespace is skipped.
 */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending: string | undefined;
  for (const natural of text.split(/\r\n|\r|\n/)) {
    const line = skipLeadingWhitespace(natural);
    if (pending === undefined && (line === '' || line[0] === '#' || line[0] === '!')) continue;
    const continues = endsWithOddBackslashes(line);
    const content = (pending ?? '') + (continues ? line.slice(0, -1) : line);
    if (continues) {
      pending = content;
    } else {
      lines.push(content);
      pending = undefined;
    }
  }
  if (pending !== undefined) lines.push(pending);
  return lines;
}

/** Splits at the first unescaped `=`, `:` or whitespace, then skips whitespace and one separator. */
function splitKeyValue(line: string): { key: string; value: string } {
  let keyEnd = line.length;
  let valueStart = line.length;
  let hasSeparator = false;
  let escaped = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (!escaped && (c === '=' || c === ':' || WHITESPACE.has(c))) {
      keyEnd = i;
      valueStart = i + 1;
      hasSeparator = c === '=' || c === ':';
      break;
    }
    escaped = c === '\\' ? !escaped : false;
  }
  while (valueStart < line.length) {
    const c = line[valueStart] as string;
    if (WHITESPACE.has(c)) valueStart++;
    else if (!hasSeparator && (c === '=' || c === ':')) {
      hasSeparator = true;
      valueStart++;
    } else break;
  }
  return { key: line.slice(0, keyEnd), value: line.slice(valueStart) };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { t: '\t', r: '\r', n: '\n', f: '\f' };

/** Resolves `\t \r \n \f`, `\uXXXX` and `\x` (= x). A malformed `\u` escape raises MQError. */
function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '\\' || i === text.length - 1) {
      if (c !== '\\') out += c;
      continue;
    }
    const next = text[++i] as string;
    if (next === 'u') {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `Malformed \\uxxxx encoding in properties text: "${text}"`);
      }
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += SIMPLE_ESCAPES[next] ?? next;
    }
  }
  return out;
}

/**
 * Parses Java `.properties` text as `java.util.Properties.load` does: `#`/`!` comments,
 * `=`, `:` or whitespace between key and value, backslash line continuations, and escapes
 * including `\uXXXX`. Later duplicates win; entries keep file order.
 */
export function parseJavaProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of logicalLines(text)) {
    const { key, value } = splitKeyValue(line);
    properties.set(unescape(key), unescape(value));
  }
  return properties;
}

import { languageName } from '../command/language-code';
import { RemotingCommand, setExtField, type ExtFields } from '../command/remoting-command';
import { RemotingDecodeError } from './decode-error';

/** Characters JSON.stringify would escape (quote, backslash, controls, lone surrogate halves). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The constant pieces around `language`, `version` and the tail, cached for the last values seen. */
let languagePiece = { language: '', text: '' };
let tailPiece = { version: Number.NaN, text: '' };

/**
 * The JSON header (serializeType 0) exactly as fastjson writes Java's bean: keys sorted,
 * `extFields` and `remark` only when set, `language` by name. Built piece by piece in that
 * fixed order (the whole-object `JSON.stringify` it replaces costs about half as much again);
 * only `extFields` goes through `JSON.stringify`.
 */
export function encodeJsonHeader(command: RemotingCommand): string {
  let text = `{"code":${command.code}`;
  if (command.extFields !== undefined) text += `,"extFields":${JSON.stringify(command.extFields)}`;
  text += `,"flag":${command.flag}${languageText(command.language)}${command.opaque}`;
  if (command.remark !== undefined) text += `,"remark":${quote(command.remark)}`;
  return text + tailText(command.version);
}

/** `,"language":"JAVA","opaque":` */
function languageText(language: string): string {
  if (languagePiece.language !== language) languagePiece = { language, text: `,"language":${quote(language)},"opaque":` };
  return languagePiece.text;
}

/** `,"serializeTypeCurrentRPC":"JSON","version":479}` */
function tailText(version: number): string {
  if (tailPiece.version !== version) tailPiece = { version, text: `,"serializeTypeCurrentRPC":"JSON","version":${version}}` };
  return tailPiece.text;
}

function quote(value: string): string {
  return typeof value === 'string' && !NEEDS_ESCAPE.test(value) ? `"${value}"` : JSON.stringify(value);
}

/**
 * Parses a JSON header leniently, as fastjson does: unknown keys ignored, a missing `flag` or
 * `version` is 0, a missing `language` is JAVA, `language` may be a name or a code, numbers
 * may arrive as numeric strings and non-string ext values are turned into strings. As in Java,
 * a missing `opaque` takes the next value of the process counter.
 */
export function decodeJsonHeader(header: Buffer): RemotingCommand {
  return decodeJsonHeaderAt(header, 0, header.length);
}

/** {@link decodeJsonHeader} of `frame[start, end)`, without making a view of it first. */
export function decodeJsonHeaderAt(frame: Buffer, start: number, end: number): RemotingCommand {
  const fields = parseObject(frame, start, end);
  const command = new RemotingCommand(
    intField(fields, 'code', 0),
    intField(fields, 'flag', 0),
    fields.opaque === undefined ? undefined : intField(fields, 'opaque', 0),
  );
  command.language = languageField(fields.language);
  command.version = intField(fields, 'version', 0);
  command.remark = textOf(fields.remark);
  command.extFields = extFieldsOf(fields.extFields);
  return command;
}

function parseObject(frame: Buffer, start: number, end: number): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame.toString('utf8', start, end));
  } catch (error) {
    throw new RemotingDecodeError(`JSON header is not valid JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(parsed)) throw new RemotingDecodeError('JSON header is not an object');
  return parsed;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function intField(fields: Record<string, unknown>, key: string, fallback: number): number {
  const value = fields[key];
  if (typeof value === 'number' && (value | 0) === value) return value | 0;
  if (value === undefined || value === null) return fallback;
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw new RemotingDecodeError(`JSON header field ${key} is not an integer: ${JSON.stringify(value)}`);
  }
  return number | 0;
}

function languageField(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return languageName(value);
  return 'JAVA';
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Reuses the parsed object when every value is already a string (the normal case). */
function extFieldsOf(value: unknown): ExtFields | undefined {
  if (!isPlainObject(value)) return undefined;
  for (const key in value) {
    if (typeof value[key] !== 'string') return copyAsText(value);
  }
  return value as ExtFields;
}

function copyAsText(value: Record<string, unknown>): ExtFields {
  const ext: ExtFields = {};
  for (const key in value) {
    const text = textOf(value[key]);
    if (text !== undefined) setExtField(ext, key, text);
  }
  return ext;
}

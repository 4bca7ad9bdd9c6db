import { MQError } from '@mq/common';
import { languageCodeOf, languageName } from '../command/language-code';
import { RemotingCommand, setExtField, type ExtFields } from '../command/remoting-command';
import { ResponseCode } from '../protocol/response-code';
import { RemotingDecodeError } from './decode-error';

/** code(2) language(1) version(2) opaque(4) flag(4) remarkLength(4) extLength(4). */
const FIXED_PART_SIZE = 21;
const MAX_KEY_LENGTH = 0x7fff;

/**
 * Byte length of the ROCKETMQ binary header (serializeType 1) of `command`. Like Java, an
 * empty remark is written as length 0 (read back as no remark).
 */
export function rocketmqHeaderLength(command: RemotingCommand): number {
  let length = FIXED_PART_SIZE;
  if (command.remark) length += Buffer.byteLength(command.remark);
  const ext = command.extFields;
  if (ext) {
    for (const key in ext) length += 6 + Buffer.byteLength(key) + Buffer.byteLength(ext[key]);
  }
  return length;
}

/**
 * Writes the ROCKETMQ binary header at `offset`; `buffer` must have
 * {@link rocketmqHeaderLength} bytes there. Code and version travel as int16, so codes above
 * 32767 (the POP family) do not survive, exactly as in Java.
 */
export function writeRocketmqHeader(command: RemotingCommand, buffer: Buffer, offset: number): void {
  let at = offset;
  at = buffer.writeInt16BE(toInt16(command.code), at);
  at = buffer.writeUInt8(languageCodeOf(command.language), at);
  at = buffer.writeInt16BE(toInt16(command.version), at);
  at = buffer.writeInt32BE(command.opaque, at);
  at = buffer.writeInt32BE(command.flag, at);
  at = writeText(buffer, at, command.remark ?? '', 4);
  const extLengthAt = at;
  at += 4;
  const ext = command.extFields;
  if (ext) {
    for (const key in ext) {
      at = writeText(buffer, at, key, 2);
      at = writeText(buffer, at, ext[key], 4);
    }
  }
  buffer.writeInt32BE(at - extLengthAt - 4, extLengthAt);
}

function toInt16(value: number): number {
  return (value << 16) >> 16;
}

function writeText(buffer: Buffer, at: number, text: string, lengthSize: 2 | 4): number {
  const written = buffer.write(text, at + lengthSize, 'utf8');
  if (lengthSize === 2) {
    if (written > MAX_KEY_LENGTH) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, `ext field key of ${written} bytes exceeds the ROCKETMQ header limit of ${MAX_KEY_LENGTH}`);
    }
    buffer.writeInt16BE(written, at);
  } else {
    buffer.writeInt32BE(written, at);
  }
  return at + lengthSize + written;
}

/**
 * Reads a ROCKETMQ binary header. A length-0 remark reads as no remark and a length-0 ext
 * value as an absent key (Java reads both as null). Duplicate keys: the last one wins.
 * Every length is checked against the header, so truncated or corrupt headers throw
 * {@link RemotingDecodeError}.
 */
export function decodeRocketmqHeader(header: Buffer): RemotingCommand {
  const reader = new HeaderReader(header);
  const code = reader.int16();
  const language = languageName(reader.uint8());
  const version = reader.int16();
  const opaque = reader.int32();
  const flag = reader.int32();
  const command = new RemotingCommand(code, flag, opaque);
  command.language = language;
  command.version = version;
  command.remark = reader.text(reader.length(4, 'remark'));
  command.extFields = readExtFields(reader, reader.length(4, 'extFields'));
  return command;
}

function readExtFields(reader: HeaderReader, extLength: number): ExtFields | undefined {
  if (extLength === 0) return undefined;
  const end = reader.position + extLength;
  reader.require(extLength, 'extFields');
  const ext: ExtFields = {};
  while (reader.position < end) {
    const key = reader.text(reader.length(2, 'ext key', extLength)) ?? '';
    const value = reader.text(reader.length(4, 'ext value', extLength));
    if (value !== undefined) setExtField(ext, key, value);
  }
  if (reader.position !== end) throw new RemotingDecodeError('ROCKETMQ header ext entries overrun extFields length');
  return ext;
}

/** Bounds-checked big-endian reads over one header. */
class HeaderReader {
  position = 0;

  constructor(private readonly header: Buffer) {}

  require(size: number, what: string): void {
    if (this.position + size > this.header.length) {
      throw new RemotingDecodeError(`ROCKETMQ header truncated reading ${what}`);
    }
  }

  uint8(): number {
    this.require(1, 'fixed fields');
    return this.header[this.position++];
  }

  int16(): number {
    this.require(2, 'fixed fields');
    const value = this.header.readInt16BE(this.position);
    this.position += 2;
    return value;
  }

  int32(): number {
    this.require(4, 'fixed fields');
    const value = this.header.readInt32BE(this.position);
    this.position += 4;
    return value;
  }

  /** A length prefix, validated against the header and an optional enclosing limit. */
  length(size: 2 | 4, what: string, limit = this.header.length): number {
    this.require(size, `${what} length`);
    const value = size === 2 ? this.header.readInt16BE(this.position) : this.header.readInt32BE(this.position);
    this.position += size;
    if (value < 0 || value > limit) throw new RemotingDecodeError(`ROCKETMQ header ${what} length ${value} is invalid`);
    this.require(value, what);
    return value;
  }

  /** `length` bytes of UTF-8, or undefined for length 0. */
  text(length: number): string | undefined {
    if (length === 0) return undefined;
    const value = this.header.toString('utf8', this.position, this.position + length);
    this.position += length;
    return value;
  }
}

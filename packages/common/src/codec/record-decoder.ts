import { crc32 } from '../crc32';
import { CommonErrorCode, MQError } from '../errors';
import { readInt64BE } from '../int64';
import { decompressBody } from '../message/compression';
import { IPV4_LENGTH, IPV6_LENGTH, readHostAddress, type HostAddress } from '../message/host-address';
import { MessageExt } from '../message/message-ext';
import { decodeProperties } from '../message/properties-codec';
import { MessageSysFlag } from '../message/sys-flag';
import { computeRecordSize, MessageMagic, RecordPosition, topicLengthSize } from './record-layout';

/** How much of a record to materialise. */
export interface DecodeRecordOptions {
  /** Read the body (default true). When false, `body` is empty. */
  readBody?: boolean;
  /**
   * Decompress a compressed body and clear COMPRESSED_FLAG in the decoded sysFlag, as the
   * Java client does (default true). Brokers and stores pass false to keep bytes as stored.
   */
  decompressBody?: boolean;
  /** Verify BODYCRC against the stored body (default false; recovery turns it on). */
  checkCRC?: boolean;
}

/** One decoded record and the bytes it took. */
export interface DecodedRecord {
  message: MessageExt;
  /** TOTALSIZE: the next record starts `size` bytes later. */
  size: number;
}

const EMPTY_BODY = Buffer.alloc(0);
/** Smallest valid record: IPv4 hosts, V1 magic, empty body, topic and properties. */
const MIN_RECORD_SIZE = computeRecordSize(0, MessageMagic.V1, 0, 0, 0);

function corrupt(offset: number, problem: string): MQError {
  return new MQError(CommonErrorCode.SYSTEM_ERROR, `corrupt stored message record at byte ${offset}: ${problem}`);
}

/** Reads records field by field without ever stepping past the record's end. */
class RecordReader {
  pos: number;

  constructor(
    readonly source: Buffer,
    readonly start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  need(bytes: number, field: string): void {
    if (bytes < 0 || this.pos + bytes > this.end) {
      throw corrupt(this.start, `${field} needs ${bytes} bytes at record byte ${this.pos - this.start} but the record has ${this.end - this.start}`);
    }
  }

  int32(field: string): number {
    this.need(4, field);
    const value = this.source.readInt32BE(this.pos);
    this.pos += 4;
    return value;
  }

  int64(field: string): number {
    this.need(8, field);
    const value = readInt64BE(this.source, this.pos);
    this.pos += 8;
    return value;
  }

  bytes(length: number, field: string): Buffer {
    this.need(length, field);
    const view = this.source.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }

  utf8(length: number, field: string): string {
    this.need(length, field);
    const text = this.source.toString('utf8', this.pos, this.pos + length);
    this.pos += length;
    return text;
  }

  host(sysFlag: number, v6Flag: number, field: string): HostAddress {
    const ipLength = (sysFlag & v6Flag) === 0 ? IPV4_LENGTH : IPV6_LENGTH;
    this.need(ipLength + 4, field);
    const host = readHostAddress(this.source, this.pos, ipLength);
    this.pos += ipLength + 4;
    return host;
  }
}

function readRecordHeader(source: Buffer, offset: number): { totalSize: number; magic: number } {
  if (offset < 0 || offset + 8 > source.length) {
    throw corrupt(offset, `only ${Math.max(0, source.length - offset)} bytes left, a record header needs 8`);
  }
  const totalSize = source.readInt32BE(offset + RecordPosition.TOTAL_SIZE);
  const magic = source.readInt32BE(offset + RecordPosition.MAGIC_CODE);
  if (magic === MessageMagic.BLANK) throw corrupt(offset, 'BLANK end-of-file marker, not a message');
  if (magic !== MessageMagic.V1 && magic !== MessageMagic.V2) {
    throw corrupt(offset, `bad magic code 0x${(magic >>> 0).toString(16)}`);
  }
  if (totalSize < MIN_RECORD_SIZE || offset + totalSize > source.length) {
    throw corrupt(offset, `TOTALSIZE ${totalSize} does not fit the ${source.length - offset} bytes left`);
  }
  return { totalSize, magic };
}

function readBodyField(reader: RecordReader, message: MessageExt, options: DecodeRecordOptions): void {
  const bodyLength = reader.int32('BODYLENGTH');
  const body = reader.bytes(bodyLength, 'BODY');
  if (options.checkCRC && crc32(body) !== message.bodyCRC) {
    throw corrupt(reader.start, `BODYCRC ${message.bodyCRC} does not match the body's CRC ${crc32(body)}`);
  }
  if (options.readBody === false) {
    message.body = EMPTY_BODY;
  } else if (options.decompressBody !== false && (message.sysFlag & MessageSysFlag.COMPRESSED_FLAG) !== 0) {
    message.body = decompressBody(body, message.sysFlag);
    message.sysFlag &= ~MessageSysFlag.COMPRESSED_FLAG;
  } else {
    message.body = body;
  }
}

function readTopicField(reader: RecordReader, magic: number): string {
  reader.need(topicLengthSize(magic), 'TOPICLENGTH');
  const length = magic === MessageMagic.V2 ? reader.source.readInt16BE(reader.pos) : reader.source.readInt8(reader.pos);
  reader.pos += topicLengthSize(magic);
  return reader.utf8(length, 'TOPIC');
}

function readPropertiesField(reader: RecordReader, message: MessageExt): void {
  reader.need(2, 'PROPERTIESLENGTH');
  const length = reader.source.readInt16BE(reader.pos);
  reader.pos += 2;
  for (const [name, value] of decodeProperties(reader.utf8(length, 'PROPERTIES'))) message.properties.set(name, value);
}

/**
 * Decodes the record at `offset`. Raises MQError (never RangeError) for truncated or garbage
 * input: too few bytes, a BLANK or unknown magic, a TOTALSIZE that overruns the buffer,
 * negative or overrunning lengths, a TOTALSIZE that differs from the parsed size, or (with
 * `checkCRC`) a body CRC mismatch. The body is a view into `source`, not a copy.
 */
export function decodeStoredRecord(source: Buffer, offset = 0, options: DecodeRecordOptions = {}): DecodedRecord {
  const { totalSize, magic } = readRecordHeader(source, offset);
  const reader = new RecordReader(source, offset, offset + totalSize);
  reader.pos = offset + RecordPosition.BODY_CRC;
  const message = new MessageExt();
  message.storeSize = totalSize;
  message.bodyCRC = reader.int32('BODYCRC');
  message.queueId = reader.int32('QUEUEID');
  message.flag = reader.int32('FLAG');
  message.queueOffset = reader.int64('QUEUEOFFSET');
  message.commitLogOffset = reader.int64('PHYSICALOFFSET');
  message.sysFlag = reader.int32('SYSFLAG');
  message.bornTimestamp = reader.int64('BORNTIMESTAMP');
  message.bornHost = reader.host(message.sysFlag, MessageSysFlag.BORNHOST_V6_FLAG, 'BORNHOST');
  message.storeTimestamp = reader.int64('STORETIMESTAMP');
  message.storeHost = reader.host(message.sysFlag, MessageSysFlag.STOREHOSTADDRESS_V6_FLAG, 'STOREHOST');
  message.reconsumeTimes = reader.int32('RECONSUMETIMES');
  message.preparedTransactionOffset = reader.int64('PREPARED TRANSACTION OFFSET');
  readBodyField(reader, message, options);
  message.topic = readTopicField(reader, magic);
  readPropertiesField(reader, message);
  if (reader.pos !== reader.end) {
    throw corrupt(offset, `TOTALSIZE ${totalSize} differs from the parsed size ${reader.pos - offset}`);
  }
  return { message, size: totalSize };
}

/**
 * Decodes every record of a PULL/QUERY/VIEW body (records back to back, no separators).
 * Raises MQError if any record is malformed rather than returning a partial list.
 */
export function decodeStoredRecords(source: Buffer, options: DecodeRecordOptions = {}): MessageExt[] {
  const messages: MessageExt[] = [];
  let offset = 0;
  while (offset < source.length) {
    const { message, size } = decodeStoredRecord(source, offset, options);
    messages.push(message);
    offset += size;
  }
  return messages;
}

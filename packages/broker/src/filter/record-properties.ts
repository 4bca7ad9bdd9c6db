import { bodyLengthPosition, decodeProperties, MessageMagic, RecordPosition, topicLengthSize } from '@mq/common';

/**
 * The properties of a stored record, read in place (no body or topic decoding): what an
 * SQL92 filter evaluates during a pull. A record too short for its own lengths has none.
 */
export function readRecordProperties(record: Buffer): Map<string, string> {
  const sysFlag = record.readInt32BE(RecordPosition.SYS_FLAG);
  const magic = record.readInt32BE(RecordPosition.MAGIC_CODE);
  let pos = bodyLengthPosition(sysFlag);
  pos += 4 + record.readInt32BE(pos);
  const topicLength = magic === MessageMagic.V2 ? record.readInt16BE(pos) : record.readInt8(pos);
  pos += topicLengthSize(magic) + topicLength;
  if (pos + 2 > record.length) return new Map();
  const length = record.readInt16BE(pos);
  pos += 2;
  if (length <= 0 || pos + length > record.length) return new Map();
  return decodeProperties(record.toString('utf8', pos, pos + length));
}

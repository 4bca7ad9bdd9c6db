import { crc32 } from '../crc32';
import { CommonErrorCode, MQError } from '../errors';
import { writeInt64BE } from '../int64';
import { isIPv6Address, writeHostAddress, type HostAddress } from '../message/host-address';
import { MAX_PROPERTIES_LENGTH } from '../message/properties-codec';
import { MessageSysFlag } from '../message/sys-flag';
import { computeRecordSize, MessageMagic, RecordPosition } from './record-layout';

/** Topics longer than this many UTF-8 bytes need the V2 (2-byte topic length) record. */
export const V1_MAX_TOPIC_LENGTH = 127;
/** Largest topic a V2 record can carry (its length field is a signed int16). */
export const V2_MAX_TOPIC_LENGTH = 32767;

/**
 * Everything a stored record holds. A `MessageExt` satisfies it (its `propertiesString`
 * getter serialises the properties map).
 */
export interface StoredRecordInput {
  readonly topic: string;
  readonly queueId: number;
  readonly flag: number;
  readonly body: Uint8Array;
  /** The §5.1 properties string. */
  readonly propertiesString: string;
  /** Written with bits 0x10/0x20 set or cleared to match the host address families. */
  readonly sysFlag: number;
  readonly bornTimestamp: number;
  readonly bornHost: HostAddress;
  readonly storeTimestamp: number;
  readonly storeHost: HostAddress;
  readonly reconsumeTimes: number;
  readonly preparedTransactionOffset: number;
  readonly queueOffset: number;
  /** PHYSICALOFFSET: the record's own commit-log offset. */
  readonly commitLogOffset: number;
}

/** Sizes and derived values of one record, computed once before writing it. */
export interface RecordPlan {
  /** TOTALSIZE: bytes the record takes. */
  readonly totalSize: number;
  readonly magic: number;
  /** The sysFlag as written (host-family bits adjusted). */
  readonly sysFlag: number;
  readonly topicLength: number;
  readonly propertiesString: string;
  readonly propertiesLength: number;
}

function hostFamilyFlags(input: StoredRecordInput): number {
  const cleared = input.sysFlag & ~(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
  return (
    cleared |
    (isIPv6Address(input.bornHost.address) ? MessageSysFlag.BORNHOST_V6_FLAG : 0) |
    (isIPv6Address(input.storeHost.address) ? MessageSysFlag.STOREHOSTADDRESS_V6_FLAG : 0)
  );
}

/**
 * Measures a record: V1 unless the topic exceeds 127 UTF-8 bytes (the 5.x broker default,
 * `autoMessageVersionOnTopicLen=true`). Raises MQError(MESSAGE_ILLEGAL) when the properties
 * exceed 32767 bytes or the topic cannot be encoded.
 */
export function planStoredRecord(input: StoredRecordInput): RecordPlan {
  const propertiesString = input.propertiesString;
  const propertiesLength = Buffer.byteLength(propertiesString, 'utf8');
  if (propertiesLength > MAX_PROPERTIES_LENGTH) {
    throw new MQError(
      CommonErrorCode.MESSAGE_ILLEGAL,
      `message properties are ${propertiesLength} bytes, more than the maximum ${MAX_PROPERTIES_LENGTH}; topic=${input.topic}`,
    );
  }
  const topicLength = Buffer.byteLength(input.topic, 'utf8');
  if (topicLength > V2_MAX_TOPIC_LENGTH) {
    throw new MQError(CommonErrorCode.MESSAGE_ILLEGAL, `topic is ${topicLength} bytes, more than the maximum ${V2_MAX_TOPIC_LENGTH}`);
  }
  const magic = topicLength > V1_MAX_TOPIC_LENGTH ? MessageMagic.V2 : MessageMagic.V1;
  const sysFlag = hostFamilyFlags(input);
  const totalSize = computeRecordSize(sysFlag, magic, input.body.length, topicLength, propertiesLength);
  return { totalSize, magic, sysFlag, topicLength, propertiesString, propertiesLength };
}

/**
 * Writes a record at `offset` in `target` (which must have `plan.totalSize` bytes free there)
 * and returns the offset after it. BODYCRC is computed from the body.
 */
export function writeStoredRecord(input: StoredRecordInput, plan: RecordPlan, target: Buffer, offset: number): number {
  if (offset < 0 || offset + plan.totalSize > target.length) {
    throw new MQError(
      CommonErrorCode.SYSTEM_ERROR,
      `no room for a ${plan.totalSize}-byte record at offset ${offset} of a ${target.length}-byte buffer`,
    );
  }
  target.writeInt32BE(plan.totalSize, offset + RecordPosition.TOTAL_SIZE);
  target.writeInt32BE(plan.magic, offset + RecordPosition.MAGIC_CODE);
  target.writeInt32BE(crc32(input.body), offset + RecordPosition.BODY_CRC);
  target.writeInt32BE(input.queueId, offset + RecordPosition.QUEUE_ID);
  target.writeInt32BE(input.flag, offset + RecordPosition.FLAG);
  writeInt64BE(target, input.queueOffset, offset + RecordPosition.QUEUE_OFFSET);
  writeInt64BE(target, input.commitLogOffset, offset + RecordPosition.PHYSICAL_OFFSET);
  target.writeInt32BE(plan.sysFlag, offset + RecordPosition.SYS_FLAG);
  writeInt64BE(target, input.bornTimestamp, offset + RecordPosition.BORN_TIMESTAMP);
  let pos = writeHostAddress(input.bornHost, target, offset + RecordPosition.BORN_HOST);
  pos = writeInt64BE(target, input.storeTimestamp, pos);
  pos = writeHostAddress(input.storeHost, target, pos);
  pos = target.writeInt32BE(input.reconsumeTimes, pos);
  pos = writeInt64BE(target, input.preparedTransactionOffset, pos);
  pos = target.writeInt32BE(input.body.length, pos);
  target.set(input.body, pos);
  pos += input.body.length;
  pos = plan.magic === MessageMagic.V2 ? target.writeInt16BE(plan.topicLength, pos) : target.writeInt8(plan.topicLength, pos);
  pos += target.write(input.topic, pos, plan.topicLength, 'utf8');
  pos = target.writeInt16BE(plan.propertiesLength, pos);
  return pos + target.write(plan.propertiesString, pos, plan.propertiesLength, 'utf8');
}

/** Encodes one record into a new Buffer of exactly its size. */
export function encodeStoredRecord(input: StoredRecordInput): Buffer {
  const plan = planStoredRecord(input);
  const target = Buffer.allocUnsafe(plan.totalSize);
  writeStoredRecord(input, plan, target, 0);
  return target;
}

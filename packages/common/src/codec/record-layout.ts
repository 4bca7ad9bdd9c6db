import { MessageSysFlag } from '../message/sys-flag';

/**
 * Layout of a stored message record (remoting spec §5.5, store spec §1.3): the commit-log
 * format and the body format of PULL/QUERY/VIEW responses. Positions are relative to the
 * record's first byte; fields after BORNHOST move with the host sizes, so they are functions
 * of the record's sysFlag.
 */

/** MAGICCODE values, as the signed int32 `readInt32BE` returns. */
export const MessageMagic = {
  /** 0xDAA320A7: topic length is 1 byte. */
  V1: -626843481,
  /** 0xDAA320AB: topic length is 2 bytes (topics longer than 127 bytes). */
  V2: -626843477,
  /** 0xCBD43194: end-of-file filler in commit-log segments; never on the wire. */
  BLANK: -875286124,
} as const;

/** Positions of the fields that do not move. */
export const RecordPosition = {
  TOTAL_SIZE: 0,
  MAGIC_CODE: 4,
  BODY_CRC: 8,
  QUEUE_ID: 12,
  FLAG: 16,
  QUEUE_OFFSET: 20,
  PHYSICAL_OFFSET: 28,
  SYS_FLAG: 36,
  BORN_TIMESTAMP: 40,
  BORN_HOST: 48,
} as const;

/** Size of the BLANK marker (int remaining + int magic); no record starts closer to a file end. */
export const END_FILE_MIN_BLANK_LENGTH = 8;

/** Bytes of BORNHOST: 8 (IPv4 + port) or 20 (IPv6 + port, sysFlag 0x10). */
export function bornHostLength(sysFlag: number): number {
  return (sysFlag & MessageSysFlag.BORNHOST_V6_FLAG) === 0 ? 8 : 20;
}

/** Bytes of STOREHOST: 8 (IPv4 + port) or 20 (IPv6 + port, sysFlag 0x20). */
export function storeHostLength(sysFlag: number): number {
  return (sysFlag & MessageSysFlag.STOREHOSTADDRESS_V6_FLAG) === 0 ? 8 : 20;
}

/** Position of STORETIMESTAMP (56 with an IPv4 born host). */
export function storeTimestampPosition(sysFlag: number): number {
  return RecordPosition.BORN_HOST + bornHostLength(sysFlag);
}

/** Position of STOREHOST (64 with an IPv4 born host). */
export function storeHostPosition(sysFlag: number): number {
  return storeTimestampPosition(sysFlag) + 8;
}

/** Position of RECONSUMETIMES (72 with IPv4 hosts). */
export function reconsumeTimesPosition(sysFlag: number): number {
  return storeHostPosition(sysFlag) + storeHostLength(sysFlag);
}

/** Position of PREPARED TRANSACTION OFFSET (76 with IPv4 hosts). */
export function preparedTransactionOffsetPosition(sysFlag: number): number {
  return reconsumeTimesPosition(sysFlag) + 4;
}

/** Position of BODYLENGTH (84 with IPv4 hosts); the body follows it. */
export function bodyLengthPosition(sysFlag: number): number {
  return preparedTransactionOffsetPosition(sysFlag) + 8;
}

/** Bytes of the topic length field for a magic: 1 for V1, 2 for V2. */
export function topicLengthSize(magic: number): number {
  return magic === MessageMagic.V2 ? 2 : 1;
}

/** TOTALSIZE of a record with these parts (lengths in bytes). */
export function computeRecordSize(
  sysFlag: number,
  magic: number,
  bodyLength: number,
  topicLength: number,
  propertiesLength: number,
): number {
  return bodyLengthPosition(sysFlag) + 4 + bodyLength + topicLengthSize(magic) + topicLength + 2 + propertiesLength;
}

/** Writes the 8-byte BLANK marker that fills the rest (`remaining` bytes) of a commit-log file. */
export function writeBlankMarker(target: Buffer, offset: number, remaining: number): void {
  target.writeInt32BE(remaining, offset);
  target.writeInt32BE(MessageMagic.BLANK, offset + 4);
}

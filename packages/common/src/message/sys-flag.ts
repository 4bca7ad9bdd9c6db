/**
 * Bits of a message's `sysFlag` int (remoting spec §5.3), as Java's `MessageSysFlag`.
 */
export const MessageSysFlag = {
  COMPRESSED_FLAG: 0x1,
  MULTI_TAGS_FLAG: 0x2,
  TRANSACTION_NOT_TYPE: 0x0,
  TRANSACTION_PREPARED_TYPE: 0x4,
  TRANSACTION_COMMIT_TYPE: 0x8,
  TRANSACTION_ROLLBACK_TYPE: 0xc,
  /** Mask of the two transaction-type bits. */
  TRANSACTION_TYPE_MASK: 0xc,
  BORNHOST_V6_FLAG: 0x10,
  STOREHOSTADDRESS_V6_FLAG: 0x20,
  NEED_UNWRAP_FLAG: 0x40,
  INNER_BATCH_FLAG: 0x80,
  COMPRESSION_LZ4_TYPE: 0x100,
  COMPRESSION_ZSTD_TYPE: 0x200,
  COMPRESSION_ZLIB_TYPE: 0x300,
  /** Mask of the three compression-type bits (8–10). */
  COMPRESSION_TYPE_MASK: 0x700,
} as const;

/** The transaction type bits of a sysFlag (`flag & 0xC`). */
export function getTransactionType(sysFlag: number): number {
  return sysFlag & MessageSysFlag.TRANSACTION_TYPE_MASK;
}

/** `sysFlag` with its transaction type replaced by `type`. */
export function resetTransactionType(sysFlag: number, type: number): number {
  return (sysFlag & ~MessageSysFlag.TRANSACTION_TYPE_MASK) | type;
}

/** True when every bit of `bits` is set in `sysFlag`. */
export function hasSysFlag(sysFlag: number, bits: number): boolean {
  return (sysFlag & bits) === bits;
}

/** Bits of the PULL_MESSAGE header's `sysFlag` (Java's `PullSysFlag`). */
export const PullSysFlag = {
  FLAG_COMMIT_OFFSET: 0x1,
  FLAG_SUSPEND: 0x2,
  FLAG_SUBSCRIPTION: 0x4,
  FLAG_CLASS_FILTER: 0x8,
  FLAG_LITE_PULL_MESSAGE: 0x10,
} as const;

/** Which parts a pull request asks for, turned into a PULL `sysFlag`. */
export interface PullSysFlagParts {
  commitOffset?: boolean;
  suspend?: boolean;
  subscription?: boolean;
  classFilter?: boolean;
  litePull?: boolean;
}

/** Builds a PULL `sysFlag` like Java's `PullSysFlag.buildSysFlag`. */
export function buildPullSysFlag(parts: PullSysFlagParts): number {
  return (
    (parts.commitOffset ? PullSysFlag.FLAG_COMMIT_OFFSET : 0) |
    (parts.suspend ? PullSysFlag.FLAG_SUSPEND : 0) |
    (parts.subscription ? PullSysFlag.FLAG_SUBSCRIPTION : 0) |
    (parts.classFilter ? PullSysFlag.FLAG_CLASS_FILTER : 0) |
    (parts.litePull ? PullSysFlag.FLAG_LITE_PULL_MESSAGE : 0)
  );
}

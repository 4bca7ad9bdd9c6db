import { CommonErrorCode, MQError } from '../errors';
import { readInt64BE, writeInt64BE } from '../int64';
import { IPV4_LENGTH, IPV6_LENGTH, readHostAddress, writeHostAddress, type HostAddress } from '../message/host-address';
import { fromHex, toUpperHex } from '../util/hex';

/** Hex length of an offsetMsgId whose store host is IPv4 (16 bytes). */
export const OFFSET_MSG_ID_IPV4_LENGTH = 32;
/** Hex length of an offsetMsgId whose store host is IPv6 (28 bytes). */
export const OFFSET_MSG_ID_IPV6_LENGTH = 56;

/** What an offsetMsgId encodes: where the record lives. */
export interface OffsetMessageId {
  storeHost: HostAddress;
  commitLogOffset: number;
}

const scratch = Buffer.alloc(IPV6_LENGTH + 4 + 8);

/**
 * The server-side message id (remoting spec §5.6): uppercase hex of store address, int32 port
 * and int64 commit-log offset; 32 characters for an IPv4 store host, 56 for IPv6.
 */
export function createOffsetMessageId(storeHost: HostAddress, commitLogOffset: number): string {
  const end = writeInt64BE(scratch, commitLogOffset, writeHostAddress(storeHost, scratch, 0));
  return toUpperHex(scratch, 0, end);
}

/**
 * Decodes an offsetMsgId (either case). Like Java, 32 characters mean IPv4 and 56 mean IPv6;
 * any other length is refused with MQError.
 */
export function decodeOffsetMessageId(id: string): OffsetMessageId {
  if (id.length !== OFFSET_MSG_ID_IPV4_LENGTH && id.length !== OFFSET_MSG_ID_IPV6_LENGTH) {
    throw new MQError(
      CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR,
      `offset message id must be 32 (IPv4) or 56 (IPv6) hex characters, got ${id.length}: ${id}`,
    );
  }
  const bytes = fromHex(id, 'offset message id');
  const ipLength = id.length === OFFSET_MSG_ID_IPV4_LENGTH ? IPV4_LENGTH : IPV6_LENGTH;
  return { storeHost: readHostAddress(bytes, 0, ipLength), commitLogOffset: readInt64BE(bytes, ipLength + 4) };
}

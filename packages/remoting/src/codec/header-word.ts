import { isSerializeType, type SerializeType } from '../command/serialize-type';
import { RemotingDecodeError } from './decode-error';
import { HEADER_WORD_SIZE } from './frame-limits';

/** The decoded header-length word of a frame. */
export interface HeaderWord {
  serializeType: SerializeType;
  headerLength: number;
}

/** Packs the serialize type and header length into the word that follows the frame length. */
export function encodeHeaderWord(serializeType: SerializeType, headerLength: number): number {
  return ((serializeType << 24) | headerLength) >>> 0;
}

/**
 * Unpacks and validates a header-length word against the frame's length value (the byte
 * count after the length field). Throws {@link RemotingDecodeError} on an unknown
 * serialization or a header longer than the frame.
 */
export function decodeHeaderWord(word: number, frameLength: number): HeaderWord {
  const serializeType = word >>> 24;
  const headerLength = word & 0xffffff;
  if (!isSerializeType(serializeType)) {
    throw new RemotingDecodeError(`unknown header serialize type ${serializeType}`);
  }
  if (headerLength > frameLength - HEADER_WORD_SIZE) {
    throw new RemotingDecodeError(`header length ${headerLength} exceeds frame length ${frameLength}`);
  }
  return { serializeType, headerLength };
}

/**
 * Java's frame limit (`com.rocketmq.remoting.frameMaxLength`): a whole frame, its 4-byte
 * length field included, may not exceed 16 MiB, so the largest legal length value is
 * 16 777 212.
 */
export const MAX_FRAME_LENGTH = 16 * 1024 * 1024;

/** Size of the length field in front of every frame. */
export const LENGTH_FIELD_SIZE = 4;

/** Size of the header-length word (serialize type + 24-bit header length). */
export const HEADER_WORD_SIZE = 4;

/** Largest header length the 24-bit field can carry. */
export const MAX_HEADER_LENGTH = 0xffffff;

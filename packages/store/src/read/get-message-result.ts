import { GetMessageStatus } from '../store-status';

/** Result of `getMessage` (RocketMQ's `GetMessageResult`). */
export interface GetMessageResult {
  status: GetMessageStatus;
  /** Queue offset the next pull should start at. */
  nextBeginOffset: number;
  minOffset: number;
  maxOffset: number;
  /** The stored records, unchanged: concatenated they are the PULL response body. */
  messageBufferList: Buffer[];
  /** Queue offset of each returned record. */
  messageQueueOffsets: number[];
  bufferTotalSize: number;
  /** True when the reader is far behind (more than 40% of RAM of commit log). */
  suggestPullingFromSlave: boolean;
}

/** A result with no messages. */
export function emptyResult(status: GetMessageStatus, nextBeginOffset: number, minOffset: number, maxOffset: number): GetMessageResult {
  return { status, nextBeginOffset, minOffset, maxOffset, messageBufferList: [], messageQueueOffsets: [], bufferTotalSize: 0, suggestPullingFromSlave: false };
}

/** Result of `queryMessage` (RocketMQ's `QueryMessageResult`). */
export interface QueryMessageResult {
  messageBufferList: Buffer[];
  bufferTotalSize: number;
  indexLastUpdateTimestamp: number;
  indexLastUpdatePhyoffset: number;
}

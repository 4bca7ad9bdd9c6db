import { CommonErrorCode, MQError, encodeProperties, type Message } from '@mq/common';

/** TOTALSIZE, MAGICCODE, BODYCRC, FLAG, BODYLENGTH (4 bytes each) and PROPERTIESLENGTH (2). */
const BATCH_ENTRY_OVERHEAD = 4 * 5 + 2;

/** Bytes one message takes in a SEND_BATCH_MESSAGE body. */
export function batchEntrySize(message: Message): number {
  return BATCH_ENTRY_OVERHEAD + message.body.length + Buffer.byteLength(encodeProperties(message.properties), 'utf8');
}

/**
 * Splits messages, in order, into consecutive batches whose encoded bodies each fit in
 * `maxBatchBytes`. A single message larger than that cannot be sent: MESSAGE_ILLEGAL.
 */
export function splitBatch(messages: readonly Message[], maxBatchBytes: number): Message[][] {
  const batches: Message[][] = [];
  let current: Message[] = [];
  let currentBytes = 0;
  for (const message of messages) {
    const size = batchEntrySize(message);
    if (size > maxBatchBytes) {
      throw new MQError(CommonErrorCode.MESSAGE_ILLEGAL, `a message of the batch takes ${size} bytes, more than the maximum ${maxBatchBytes}`);
    }
    if (currentBytes + size > maxBatchBytes) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(message);
    currentBytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

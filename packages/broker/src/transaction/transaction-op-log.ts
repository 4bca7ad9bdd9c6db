import { createUniqueMessageId, type HostAddress, MessageConst, MessageExt, SystemTopic } from '@mq/common';
import { isPutStored, type MessageStore } from '@mq/store';
import { TRANSACTION_QUEUE_ID } from './half-message';

/** Tag of op messages that mark half messages as finished ("d" for delete). */
export const REMOVE_TAG = 'd';
/** Separator of half offsets in an op body (5.x: `"<offset>,"` per entry). */
const OP_SEPARATOR = ',';

/**
 * The op queue `RMQ_SYS_TRANS_OP_HALF_TOPIC` (store-and-broker §9.3): one record per
 * finished half message, tag `d`, body `"<halfQueueOffset>,"` (the 5.x format, one entry
 * per record rather than Java's batches, which readers cannot tell apart).
 */
export class TransactionOpLog {
  constructor(
    private readonly store: MessageStore,
    private readonly storeHost: HostAddress,
  ) {}

  /** Marks the half message at `halfQueueOffset` as committed or rolled back. */
  async markRemoved(halfQueueOffset: number): Promise<boolean> {
    const op = new MessageExt(SystemTopic.TRANS_OP_HALF);
    op.queueId = TRANSACTION_QUEUE_ID;
    op.body = Buffer.from(`${halfQueueOffset}${OP_SEPARATOR}`, 'utf8');
    op.tags = REMOVE_TAG;
    op.bornTimestamp = Date.now();
    op.bornHost = this.storeHost;
    op.storeHost = this.storeHost;
    op.putProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, createUniqueMessageId());
    op.putProperty(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, 'false');
    const put = await this.store.putMessage(op);
    return isPutStored(put.putMessageStatus);
  }
}

/** The half offsets an op body lists; empty and malformed pieces are skipped. */
export function parseOpBody(body: Buffer): number[] {
  return body
    .toString('utf8')
    .split(OP_SEPARATOR)
    .map((piece) => Number.parseInt(piece, 10))
    .filter((offset) => Number.isSafeInteger(offset) && offset >= 0);
}

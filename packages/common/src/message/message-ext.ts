import { createOffsetMessageId } from '../id/offset-message-id';
import type { HostAddress } from './host-address';
import { Message } from './message';
import { MessageConst } from './message-const';

const UNKNOWN_HOST: HostAddress = { address: '0.0.0.0', port: 0 };

/**
 * A stored message: the message plus everything the broker adds (queue, offsets, hosts,
 * times, flags). This is what record decoding yields for store, broker and client.
 */
export class MessageExt extends Message {
  brokerName = '';
  queueId = 0;
  /** TOTALSIZE of the stored record. */
  storeSize = 0;
  queueOffset = 0;
  sysFlag = 0;
  bornTimestamp = 0;
  bornHost: HostAddress = UNKNOWN_HOST;
  storeTimestamp = 0;
  storeHost: HostAddress = UNKNOWN_HOST;
  commitLogOffset = 0;
  bodyCRC = 0;
  reconsumeTimes = 0;
  preparedTransactionOffset = 0;
  private cachedOffsetMsgId: string | undefined;

  /**
   * The server id (store host + commit-log offset, §5.6). Computed on first use from
   * `storeHost` and `commitLogOffset`, unless set explicitly.
   */
  get offsetMsgId(): string {
    this.cachedOffsetMsgId ??= createOffsetMessageId(this.storeHost, this.commitLogOffset);
    return this.cachedOffsetMsgId;
  }

  set offsetMsgId(id: string) {
    this.cachedOffsetMsgId = id;
  }

  /**
   * The id applications see, as Java's client decoding gives it: `UNIQ_KEY` when present,
   * else the offsetMsgId.
   */
  get msgId(): string {
    return this.properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) ?? this.offsetMsgId;
  }
}

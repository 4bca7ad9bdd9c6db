import type { MessageQueue } from '@mq/common';
import { ResponseCode } from '@mq/remoting';

/** Outcome of a send that reached the broker (Java's `SendStatus`). */
export type SendStatus = 'SEND_OK' | 'FLUSH_DISK_TIMEOUT' | 'FLUSH_SLAVE_TIMEOUT' | 'SLAVE_NOT_AVAILABLE';

/** What a successful `send` resolves to (Java's `SendResult`). */
export interface SendResult {
  status: SendStatus;
  /** The client-side unique id (`UNIQ_KEY`); for a batch, the ids joined by commas. */
  msgId: string;
  /** The broker's id of the stored message (store host + commit-log offset). */
  offsetMsgId: string;
  /** The queue the client chose. */
  messageQueue: MessageQueue;
  /** The message's offset in its queue. */
  queueOffset: number;
  /** Set for transactional half messages. */
  transactionId?: string;
  /**
   * Set by RocketMQ 5.3.2+ brokers for a single timer message (`deliverTimeMs`, `delayTimeMs`,
   * `delayTimeSec`; not delay levels): pass it to `Producer.recallMessage` to cancel the delivery.
   */
  recallHandle?: string;
  /** `MSG_REGION` from the broker, default `DefaultRegion`. */
  regionId: string;
  /** Whether the broker has tracing on (`TRACE_ON` ≠ "false"). */
  traceOn: boolean;
}

const STATUS_BY_CODE: ReadonlyMap<number, SendStatus> = new Map([
  [ResponseCode.SUCCESS, 'SEND_OK'],
  [ResponseCode.FLUSH_DISK_TIMEOUT, 'FLUSH_DISK_TIMEOUT'],
  [ResponseCode.FLUSH_SLAVE_TIMEOUT, 'FLUSH_SLAVE_TIMEOUT'],
  [ResponseCode.SLAVE_NOT_AVAILABLE, 'SLAVE_NOT_AVAILABLE'],
]);

/** The send status a response code stands for, or undefined when the send failed. */
export function sendStatusOf(responseCode: number): SendStatus | undefined {
  return STATUS_BY_CODE.get(responseCode);
}

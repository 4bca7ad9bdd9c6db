import type { ClientOptions } from '../client-options';
import type { TraceOptionKey, TraceOptions } from '../trace/trace-options';

/** Producer settings; defaults are Java's `DefaultMQProducer`'s. */
export interface ProducerOptions extends ClientOptions, TraceOptions {
  /** Producer group; default `DEFAULT_PRODUCER`. Transactional producers need their own group. */
  group?: string;
  /** Total time budget of one send, retries included; default 3000 ms. */
  sendMsgTimeoutMs?: number;
  /** Extra attempts of a failed synchronous send, on another broker when there is one; default 2. */
  retryTimesWhenSendFailed?: number;
  /** Retry when the broker stored the message but answered a non-OK status (duplicates it); default false. */
  retryAnotherBrokerWhenNotStoreOK?: boolean;
  /** Bodies of at least this many bytes are zlib-compressed; default 4096. */
  compressMsgBodyOverHowmuch?: number;
  /** zlib level; default 5. */
  compressLevel?: number;
  /** Largest body (single message) or batch body; default 4 MiB. */
  maxMessageSize?: number;
  /** Queues of a topic auto-created through `createTopicKey`; default 4. */
  defaultTopicQueueNums?: number;
  /** Topic whose route stands in for unknown topics when brokers auto-create; default `TBW102`. */
  createTopicKey?: string;
  /** Avoid slow or failing brokers for a while; default false. */
  sendLatencyFaultEnable?: boolean;
}

/** {@link ProducerOptions} producer fields with defaults applied. */
export type ResolvedProducerSettings = Required<Omit<ProducerOptions, keyof ClientOptions | TraceOptionKey>>;

export const DEFAULT_PRODUCER_GROUP = 'DEFAULT_PRODUCER';

export function resolveProducerSettings(options: ProducerOptions): ResolvedProducerSettings {
  return {
    group: options.group ?? DEFAULT_PRODUCER_GROUP,
    sendMsgTimeoutMs: options.sendMsgTimeoutMs ?? 3000,
    retryTimesWhenSendFailed: options.retryTimesWhenSendFailed ?? 2,
    retryAnotherBrokerWhenNotStoreOK: options.retryAnotherBrokerWhenNotStoreOK ?? false,
    compressMsgBodyOverHowmuch: options.compressMsgBodyOverHowmuch ?? 4096,
    compressLevel: options.compressLevel ?? 5,
    maxMessageSize: options.maxMessageSize ?? 4 * 1024 * 1024,
    defaultTopicQueueNums: options.defaultTopicQueueNums ?? 4,
    createTopicKey: options.createTopicKey ?? 'TBW102',
    sendLatencyFaultEnable: options.sendLatencyFaultEnable ?? false,
  };
}

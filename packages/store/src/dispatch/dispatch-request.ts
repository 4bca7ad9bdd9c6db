import { MessageConst, type MessageExt } from '@mq/common';
import { computeTagsCode } from './tags-code';

/**
 * What the dispatcher needs to know about one stored record to build the consume queue and
 * the index (RocketMQ's `DispatchRequest`, spec §5.2).
 */
export interface DispatchRequest {
  readonly topic: string;
  readonly queueId: number;
  readonly commitLogOffset: number;
  readonly msgSize: number;
  readonly tagsCode: number;
  readonly storeTimestamp: number;
  readonly consumeQueueOffset: number;
  /** `KEYS` as stored (space-separated), if any. */
  readonly keys: string | undefined;
  readonly uniqKey: string | undefined;
  readonly sysFlag: number;
  readonly properties: ReadonlyMap<string, string>;
}

/** The dispatch request of a stored message whose record is `size` bytes. */
export function toDispatchRequest(message: MessageExt, size: number, delayLevels: readonly number[]): DispatchRequest {
  const properties = message.properties;
  return {
    topic: message.topic,
    queueId: message.queueId,
    commitLogOffset: message.commitLogOffset,
    msgSize: size,
    tagsCode: computeTagsCode(message.topic, properties, message.storeTimestamp, delayLevels),
    storeTimestamp: message.storeTimestamp,
    consumeQueueOffset: message.queueOffset,
    keys: properties.get(MessageConst.PROPERTY_KEYS),
    uniqKey: properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
    sysFlag: message.sysFlag,
    properties,
  };
}

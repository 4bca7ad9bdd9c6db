import { MQError, isRetryTopic, type MessageQueue } from '@mq/common';
import { ResponseCode, type ConsumeFromWhere } from '@mq/remoting';
import type { MQClientInstance } from '../instance/mq-client-instance';
import { brokerAddressFor } from './pull-api';
import { OFFSET_NOT_FOUND, OFFSET_UNREADABLE, type OffsetStore } from './offset-store';

/**
 * Where a newly assigned queue starts (Java's `computePullFromWhere`, spec §10.3): the stored
 * offset when there is one; otherwise per `consumeFromWhere` — last: the max offset (0 for
 * retry topics); first: 0; timestamp: the offset of that time (max offset for retry topics).
 * Returns {@link OFFSET_UNREADABLE} when the broker could not be asked.
 */
export async function computePullFromWhere(
  instance: MQClientInstance,
  offsetStore: OffsetStore,
  mq: MessageQueue,
  consumeFromWhere: ConsumeFromWhere,
  consumeTimestampMs: number,
): Promise<number> {
  const stored = await offsetStore.readOffset(mq, 'STORE');
  if (stored >= 0 || stored === OFFSET_UNREADABLE) return stored;
  if (stored !== OFFSET_NOT_FOUND) return OFFSET_UNREADABLE;
  try {
    const addr = await brokerAddressFor(instance, mq);
    switch (consumeFromWhere) {
      case 'CONSUME_FROM_FIRST_OFFSET':
        return 0;
      case 'CONSUME_FROM_TIMESTAMP':
        return isRetryTopic(mq.topic) ? await instance.api.getMaxOffset(addr, mq) : await instance.api.searchOffset(addr, mq, consumeTimestampMs);
      default:
        return isRetryTopic(mq.topic) ? 0 : await instance.api.getMaxOffset(addr, mq);
    }
  } catch {
    return OFFSET_UNREADABLE;
  }
}

/** The time of `consumeTimestamp` (`yyyyMMddHHmmss`, local time), or half an hour before `createdAt` when unset. */
export function consumeTimestampMs(consumeTimestamp: string | undefined, createdAt: number): number {
  if (!consumeTimestamp) return createdAt - 30 * 60_000;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(consumeTimestamp);
  if (!match) throw new MQError(ResponseCode.SYSTEM_ERROR, `consumeTimestamp must be yyyyMMddHHmmss, got ${consumeTimestamp}`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(y!, mo! - 1, d!, h!, mi!, s!).getTime();
}

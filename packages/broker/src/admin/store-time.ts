import type { MessageStore } from '@mq/store';

/** Store time of the message at a queue offset (Java's `getMessageStoreTimeStamp`); 0 when it is gone. */
export async function storeTimestampAt(store: MessageStore, topic: string, queueId: number, offset: number): Promise<number> {
  if (offset < store.getMinOffsetInQueue(topic, queueId) || offset >= store.getMaxOffsetInQueue(topic, queueId)) return 0;
  const phyOffset = await store.getCommitLogOffsetInQueue(topic, queueId, offset);
  const message = await store.lookMessageByOffset(phyOffset);
  return message?.storeTimestamp ?? 0;
}

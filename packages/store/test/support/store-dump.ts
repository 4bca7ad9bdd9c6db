import { decodeStoredRecords, MessageConst, type MessageExt } from '@mq/common';
import { GetMessageStatus, type MessageStore } from '../../src';

/** The JSON shape tools/golden-store prints (GoldenStoreReader) and writes (manifest). */
export interface StoreDump {
  config: { mappedFileSizeCommitLog: number; mappedFileSizeConsumeQueue: number; maxHashSlotNum: number; maxIndexNum: number };
  queues: Array<{ topic: string; queueId: number; minOffset: number; maxOffset: number }>;
  messages: Array<Record<string, string | number | null>>;
  queries: Array<{ topic: string; key: string; offsets: number[] }>;
}

function describe(m: MessageExt): Record<string, string | number | null> {
  return {
    topic: m.topic,
    queueId: m.queueId,
    queueOffset: m.queueOffset,
    commitLogOffset: m.commitLogOffset,
    storeSize: m.storeSize,
    storeTimestamp: m.storeTimestamp,
    bornTimestamp: m.bornTimestamp,
    bodyCRC: m.bodyCRC,
    sysFlag: m.sysFlag,
    flag: m.flag,
    body: m.body.toString('utf8'),
    tags: m.tags ?? null,
    keys: m.keys ?? null,
    uniqKey: m.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) ?? null,
    offsetMsgId: m.offsetMsgId,
  };
}

/** Reads a store through our API into the same shape as the Java tool's output. */
export async function dumpStore(store: MessageStore, queues: Array<[string, number]>, queries: Array<[string, string]>): Promise<StoreDump> {
  const c = store.config;
  const dump: StoreDump = {
    config: { mappedFileSizeCommitLog: c.mappedFileSizeCommitLog, mappedFileSizeConsumeQueue: c.mappedFileSizeConsumeQueue, maxHashSlotNum: c.maxHashSlotNum, maxIndexNum: c.maxIndexNum },
    queues: [],
    messages: [],
    queries: [],
  };
  for (const [topic, queueId] of queues) {
    dump.queues.push({ topic, queueId, minOffset: store.getMinOffsetInQueue(topic, queueId), maxOffset: store.getMaxOffsetInQueue(topic, queueId) });
    let offset = store.getMinOffsetInQueue(topic, queueId);
    for (;;) {
      const got = await store.getMessage('golden', topic, queueId, offset, 32);
      if (got.status !== GetMessageStatus.FOUND) break;
      dump.messages.push(...decodeStoredRecords(Buffer.concat(got.messageBufferList), { decompressBody: false }).map(describe));
      offset = got.nextBeginOffset;
    }
  }
  for (const [topic, key] of queries) {
    const result = await store.queryMessage(topic, key, 32, 0, Number.MAX_SAFE_INTEGER);
    const offsets = decodeStoredRecords(Buffer.concat(result.messageBufferList), { readBody: false }).map((m) => m.commitLogOffset);
    dump.queries.push({ topic, key, offsets: offsets.sort((a, b) => a - b) });
  }
  return dump;
}

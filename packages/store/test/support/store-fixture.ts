import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageConst, MessageExt } from '@mq/common';
import { MessageStore, type MessageStoreConfig, type MessageStoreOptions } from '../../src';

/** A message as the broker hands it to the store. */
export function brokerMessage(topic: string, queueId: number, body: string | Buffer, props: { tags?: string; keys?: string; uniqKey?: string } = {}): MessageExt {
  const m = new MessageExt();
  m.topic = topic;
  m.queueId = queueId;
  m.body = typeof body === 'string' ? Buffer.from(body) : body;
  m.bornTimestamp = Date.now();
  m.bornHost = { address: '127.0.0.1', port: 50000 };
  m.storeHost = { address: '127.0.0.1', port: 10911 };
  if (props.tags) m.tags = props.tags;
  if (props.keys) m.keys = props.keys;
  if (props.uniqKey) m.putProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, props.uniqKey);
  return m;
}

/** Small file sizes so tests roll files quickly. */
export const SMALL_FILES: Partial<MessageStoreConfig> = {
  mappedFileSizeCommitLog: 64 * 1024,
  mappedFileSizeConsumeQueue: 100 * 20,
  maxHashSlotNum: 64,
  maxIndexNum: 256,
  flushIntervalCommitLog: 50,
  flushIntervalConsumeQueue: 50,
};

/** A temp directory removed by `cleanup`. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'mq-store-'));
}

/** Opens (and starts) a store in `dir`. */
export async function openStore(dir: string, config: Partial<MessageStoreConfig> = {}, options: MessageStoreOptions = {}): Promise<MessageStore> {
  const store = new MessageStore({ ...SMALL_FILES, storePathRootDir: dir, ...config }, options);
  await store.start();
  return store;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

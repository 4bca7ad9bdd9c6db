import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeStoredRecords } from '@mq/common';
import { GetMessageStatus, type MessageStore } from '../src';
import { brokerMessage, openStore, removeDir, tempDir } from './support/store-fixture';

describe('MessageStore.deleteTopics', () => {
  let dir: string;
  let store: MessageStore;

  beforeEach(async () => {
    dir = tempDir();
    store = await openStore(dir);
  });

  afterEach(async () => {
    await store.shutdown();
    removeDir(dir);
  });

  const queueDir = (topic: string): string => path.join(dir, 'consumequeue', topic);

  it('destroys the topic consume queues on disk and leaves other topics alone', async () => {
    for (let i = 0; i < 3; i++) {
      await store.putMessage(brokerMessage('Gone', i, `g${i}`));
      await store.putMessage(brokerMessage('Kept', i, `k${i}`));
    }
    await store.shutdown();
    store = await openStore(dir);
    expect(fs.existsSync(queueDir('Gone'))).toBe(true);

    expect(await store.deleteTopics(['Gone', 'NeverExisted'])).toBe(1);

    expect(fs.existsSync(queueDir('Gone'))).toBe(false);
    expect(store.getMaxOffsetInQueue('Gone', 0)).toBe(0);
    expect((await store.getMessage('G', 'Gone', 0, 0, 32)).status).toBe(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE);
    const kept = await store.getMessage('G', 'Kept', 2, 0, 32);
    expect(decodeStoredRecords(Buffer.concat(kept.messageBufferList)).map((m) => m.body.toString())).toEqual(['k2']);
  });

  it('numbers a topic created again from queue offset 0, also after a restart', async () => {
    for (let i = 0; i < 5; i++) await store.putMessage(brokerMessage('Again', 0, `old${i}`));
    await store.deleteTopics(['Again']);

    const put = await store.putMessage(brokerMessage('Again', 0, 'new0'));
    expect(put.appendMessageResult?.logicsOffset).toBe(0);
    await store.shutdown();
    store = await openStore(dir);

    expect(store.getMaxOffsetInQueue('Again', 0)).toBe(1);
    const got = await store.getMessage('G', 'Again', 0, 0, 32);
    expect(decodeStoredRecords(Buffer.concat(got.messageBufferList)).map((m) => m.body.toString())).toEqual(['new0']);
  });
});

import { decodeStoredRecords } from '@mq/common';
import { GetMessageStatus, PutMessageStatus, type MessageStore } from '../src';
import { fdIo } from '../src/file/fd-io';
import { brokerMessage, openStore, removeDir, tempDir } from './support/store-fixture';

describe('group commit', () => {
  let dir: string;
  let store: MessageStore | undefined;
  const original = { ...fdIo };

  beforeEach(() => (dir = tempDir()));
  afterEach(async () => {
    Object.assign(fdIo, original);
    await store?.shutdown();
    store = undefined;
    removeDir(dir);
  });

  it.each(['ASYNC_FLUSH', 'SYNC_FLUSH'] as const)('%s: everything appended in one turn goes out in one write (and one sync)', async (flushDiskType) => {
    store = await openStore(dir, { flushDiskType, mappedFileSizeCommitLog: 1 << 20, flushIntervalConsumeQueue: 60_000, flushIntervalCommitLog: 60_000 });
    await store.putMessage(brokerMessage('G', 0, 'warm-up'));
    const writes: number[] = [];
    let syncs = 0;
    fdIo.write = (fd, buf, offset, length, position) => {
      writes.push(length);
      return original.write(fd, buf, offset, length, position);
    };
    fdIo.fdatasync = (fd) => {
      syncs++;
      return original.fdatasync(fd);
    };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store!.putMessage(brokerMessage('G', i % 4, `m${i}`))));
    expect(results.every((r) => r.putMessageStatus === PutMessageStatus.PUT_OK)).toBe(true);
    const total = results.reduce((sum, r) => sum + r.appendMessageResult!.wroteBytes, 0);
    expect(writes).toEqual([total]);
    if (flushDiskType === 'SYNC_FLUSH') expect(syncs).toBe(1);
    const offsets = results.map((r) => r.appendMessageResult!.wroteOffset);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });

  it('SYNC_FLUSH answers only after the sync; a slow disk gives FLUSH_DISK_TIMEOUT but keeps the message', async () => {
    store = await openStore(dir, { flushDiskType: 'SYNC_FLUSH', syncFlushTimeout: 200 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fdIo.fdatasync = async (fd) => {
      await gate;
      return original.fdatasync(fd);
    };
    const result = await store.putMessage(brokerMessage('S', 0, 'slow'));
    expect(result.putMessageStatus).toBe(PutMessageStatus.FLUSH_DISK_TIMEOUT);
    expect(result.appendMessageResult?.logicsOffset).toBe(0);
    expect((await store.getMessage('G', 'S', 0, 0, 32)).status).toBe(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE);
    release();
    for (let i = 0; i < 100 && store.getMaxOffsetInQueue('S', 0) === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const got = await store.getMessage('G', 'S', 0, 0, 32);
    expect(decodeStoredRecords(Buffer.concat(got.messageBufferList))[0].body.toString()).toBe('slow');
  });

  it('SYNC_FLUSH with WAIT=false answers after the write without waiting for the sync', async () => {
    store = await openStore(dir, { flushDiskType: 'SYNC_FLUSH', syncFlushTimeout: 5000 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fdIo.fdatasync = async (fd) => {
      await gate;
      return original.fdatasync(fd);
    };
    const m = brokerMessage('W', 0, 'no-wait');
    m.waitStoreMsgOK = false;
    expect((await store.putMessage(m)).putMessageStatus).toBe(PutMessageStatus.PUT_OK);
    release();
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetMessageStatus, PutMessageStatus, type MessageStore } from '../src';
import { brokerMessage, openStore, removeDir, tempDir } from './support/store-fixture';

const HOUR = 3600_000;

describe('expiry and disk guards', () => {
  let dir: string;
  let store: MessageStore;
  let diskRatio: number;

  async function start(config: Record<string, unknown> = {}): Promise<void> {
    store = await openStore(dir, { deleteCommitLogFilesInterval: 0, deleteConsumeQueueFilesInterval: 0, ...config }, { diskUsage: async () => diskRatio });
  }

  async function fill(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await store.putMessage(brokerMessage('E', 0, Buffer.alloc(900, 7), { keys: `k${i}` }));
  }

  const commitLogFiles = (): string[] => fs.readdirSync(path.join(dir, 'commitlog'));
  const cqFiles = (): string[] => fs.readdirSync(path.join(dir, 'consumequeue', 'E', '0'));

  beforeEach(() => {
    dir = tempDir();
    diskRatio = 0.1;
  });
  afterEach(async () => {
    await store.shutdown();
    removeDir(dir);
  });

  it('deletes expired commit-log files at deleteWhen, then the consume-queue and index files pointing into them', async () => {
    const later = Date.now() + 73 * HOUR;
    await start({ deleteWhen: String(new Date(later).getHours()) });
    await fill(300);
    const before = commitLogFiles();
    expect(before.length).toBeGreaterThan(3);
    expect(cqFiles().length).toBe(3);

    await store.cleanOnce(Date.now());
    expect(commitLogFiles()).toEqual(before);

    await store.cleanOnce(later);
    expect(commitLogFiles()).toEqual([before[before.length - 1]]);
    expect(cqFiles().length).toBeLessThan(3);
    const min = store.getMinOffsetInQueue('E', 0);
    expect(min).toBeGreaterThan(0);
    expect(await store.getMessage('G', 'E', 0, 0, 32, 1 << 20)).toMatchObject({ status: GetMessageStatus.OFFSET_TOO_SMALL, nextBeginOffset: min });
    expect((await store.getMessage('G', 'E', 0, min, 32, 1 << 20)).status).toBe(GetMessageStatus.FOUND);
    expect((await store.queryMessage('E', 'k0', 5, 0, later)).messageBufferList).toHaveLength(0);
    expect((await store.queryMessage('E', 'k299', 5, 0, later)).messageBufferList).toHaveLength(1);
  });

  it('answers MESSAGE_WAS_REMOVING while commit-log files are gone but the consume queue is not yet corrected', async () => {
    const later = Date.now() + 73 * HOUR;
    await start({ deleteWhen: String(new Date(later).getHours()), deleteFileBatchMax: 1, deleteCommitLogFilesInterval: 2000, mappedFileSizeCommitLog: 256 * 1024 });
    await fill(300);
    const first = commitLogFiles()[0];
    const cleaning = store.cleanOnce(later);
    for (let i = 0; i < 200 && commitLogFiles().includes(first); i++) await new Promise((r) => setTimeout(r, 10));
    expect(commitLogFiles()).not.toContain(first);
    expect(await store.getMessage('G', 'E', 0, 0, 32)).toMatchObject({ status: GetMessageStatus.MESSAGE_WAS_REMOVING, nextBeginOffset: 100 });
    await cleaning;
    expect((await store.getMessage('G', 'E', 0, 0, 32)).status).toBe(GetMessageStatus.OFFSET_TOO_SMALL);
  });

  it('keeps files younger than fileReservedTime', async () => {
    await start({ deleteWhen: String(new Date().getHours()) });
    await fill(200);
    const before = commitLogFiles();
    store.executeDeleteFilesManually();
    await store.cleanOnce();
    expect(commitLogFiles()).toEqual(before);
  });

  it('deletes regardless of age past the forced-clean ratio', async () => {
    await start({ deleteWhen: '99' });
    await fill(200);
    diskRatio = 0.87;
    await store.cleanOnce();
    expect(commitLogFiles().length).toBe(1);
    expect((await store.putMessage(brokerMessage('E', 0, 'ok'))).putMessageStatus).toBe(PutMessageStatus.PUT_OK);
  });

  it('refuses writes while the disk is above the warning ratio and resumes when space returns', async () => {
    await start({ deleteWhen: '99' });
    await fill(5);
    diskRatio = 0.95;
    await store.cleanOnce();
    const refused = await store.putMessage(brokerMessage('E', 0, 'refused'));
    expect(refused.putMessageStatus).toBe(PutMessageStatus.SERVICE_NOT_AVAILABLE);
    expect(refused.remark).toMatch(/disk is full \[CL: 95\.00/);
    expect((await store.getMessage('G', 'E', 0, 0, 32, 1 << 20)).status).toBe(GetMessageStatus.FOUND);
    expect(store.getRuntimeInfo().runningFlags).toBe(String(0x10));
    diskRatio = 0.5;
    await store.cleanOnce();
    expect((await store.putMessage(brokerMessage('E', 0, 'accepted'))).putMessageStatus).toBe(PutMessageStatus.PUT_OK);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeStoredRecords } from '@mq/common';
import { GetMessageStatus, PutMessageStatus, type MessageStore } from '../src';
import { brokerMessage, openStore, removeDir, tempDir } from './support/store-fixture';

const FILE_SIZE = 64 * 1024;

async function fill(store: MessageStore, count: number, queueId = 0): Promise<number[]> {
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = await store.putMessage(brokerMessage('R', queueId, `body-${i}`.padEnd(500, '.'), { keys: `k${i}` }));
    offsets.push(r.appendMessageResult!.wroteOffset);
  }
  return offsets;
}

async function readAll(store: MessageStore, queueId = 0): Promise<string[]> {
  const bodies: string[] = [];
  let offset = store.getMinOffsetInQueue('R', queueId);
  for (;;) {
    const got = await store.getMessage('G', 'R', queueId, offset, 32, 1 << 22);
    if (got.status !== GetMessageStatus.FOUND) return bodies;
    bodies.push(...decodeStoredRecords(Buffer.concat(got.messageBufferList), { checkCRC: true }).map((m) => m.body.toString().replace(/\.+$/, '')));
    offset = got.nextBeginOffset;
  }
}

function commitLogFile(dir: string, offset: number): string {
  const start = offset - (offset % FILE_SIZE);
  return path.join(dir, 'commitlog', String(start).padStart(20, '0'));
}

function simulateCrash(dir: string): void {
  fs.writeFileSync(path.join(dir, 'abort'), '1');
}

describe('recovery', () => {
  let dir: string;
  let store: MessageStore | undefined;

  beforeEach(() => (dir = tempDir()));
  afterEach(async () => {
    await store?.shutdown();
    store = undefined;
    removeDir(dir);
  });

  it('restarts cleanly: data, queue offsets and index survive; appends continue', async () => {
    store = await openStore(dir);
    await fill(store, 200);
    await store.shutdown();
    expect(fs.existsSync(path.join(dir, 'abort'))).toBe(false);
    store = await openStore(dir);
    expect(store.getMaxOffsetInQueue('R', 0)).toBe(200);
    const next = await store.putMessage(brokerMessage('R', 0, 'after'));
    expect(next.appendMessageResult!.logicsOffset).toBe(200);
    expect((await store.queryMessage('R', 'k7', 5, 0, Date.now() + 1000)).messageBufferList).toHaveLength(1);
    expect(await readAll(store)).toHaveLength(201);
  });

  it('refuses a second store on the same directory', async () => {
    store = await openStore(dir);
    const { MessageStore: Store } = await import('../src');
    const other = new Store({ storePathRootDir: dir });
    // Same process holds the lock; simulate another live owner by rewriting the pid.
    fs.writeFileSync(path.join(dir, 'lock'), `lock ${process.ppid}`);
    await expect(other.start()).rejects.toThrow(/MQ already started/);
  });

  it('truncates a torn record at the tail and keeps everything before it', async () => {
    store = await openStore(dir);
    const offsets = await fill(store, 50);
    await store.shutdown();
    store = undefined;
    const last = offsets[49];
    const fd = fs.openSync(commitLogFile(dir, last), 'r+');
    fs.writeSync(fd, Buffer.alloc(200), 0, 200, (last % FILE_SIZE) + 300);
    fs.closeSync(fd);
    simulateCrash(dir);
    store = await openStore(dir);
    const bodies = await readAll(store);
    expect(bodies).toHaveLength(49);
    expect(bodies[48]).toBe('body-48');
    expect(store.getMaxPhyOffset()).toBe(last);
    const again = await store.putMessage(brokerMessage('R', 0, 'again'));
    expect(again.appendMessageResult).toMatchObject({ wroteOffset: last, logicsOffset: 49 });
  });

  it('treats a zeroed tail as the end of data', async () => {
    store = await openStore(dir);
    const offsets = await fill(store, 30);
    await store.shutdown();
    store = undefined;
    const cut = offsets[20];
    const file = commitLogFile(dir, cut);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(FILE_SIZE - (cut % FILE_SIZE)), 0, FILE_SIZE - (cut % FILE_SIZE), cut % FILE_SIZE);
    fs.closeSync(fd);
    simulateCrash(dir);
    store = await openStore(dir);
    expect(await readAll(store)).toHaveLength(20);
    expect(store.getMaxOffsetInQueue('R', 0)).toBe(20);
  });

  it('stops at a garbage record in the middle: nothing after it is served', async () => {
    store = await openStore(dir);
    const offsets = await fill(store, 40);
    await store.shutdown();
    store = undefined;
    const bad = offsets[10];
    const fd = fs.openSync(commitLogFile(dir, bad), 'r+');
    fs.writeSync(fd, Buffer.from('garbage!garbage!'), 0, 16, bad % FILE_SIZE);
    fs.closeSync(fd);
    simulateCrash(dir);
    store = await openStore(dir);
    const bodies = await readAll(store);
    expect(bodies).toEqual([...Array(10).keys()].map((i) => `body-${i}`));
    expect(store.getMaxPhyOffset()).toBe(bad);
  });

  it('detects a body CRC mismatch on recovery', async () => {
    store = await openStore(dir);
    const offsets = await fill(store, 5);
    await store.shutdown();
    store = undefined;
    const fd = fs.openSync(commitLogFile(dir, offsets[3]), 'r+');
    fs.writeSync(fd, Buffer.from('X'), 0, 1, (offsets[3] % FILE_SIZE) + 90);
    fs.closeSync(fd);
    simulateCrash(dir);
    store = await openStore(dir);
    expect(await readAll(store)).toHaveLength(3);
  });

  it('rebuilds a missing consume queue from the commit log', async () => {
    store = await openStore(dir);
    await fill(store, 20, 0);
    await fill(store, 20, 1);
    await store.shutdown();
    store = undefined;
    fs.rmSync(path.join(dir, 'consumequeue', 'R', '0'), { recursive: true });
    store = await openStore(dir);
    expect(store.getMaxOffsetInQueue('R', 0)).toBe(20);
    expect(await readAll(store, 0)).toHaveLength(20);
    expect((await store.putMessage(brokerMessage('R', 0, 'more'))).appendMessageResult!.logicsOffset).toBe(20);
  });

  it('rebuilds consume queues and index after a crash with every index file lost', async () => {
    store = await openStore(dir);
    await fill(store, 60);
    await store.shutdown();
    store = undefined;
    fs.rmSync(path.join(dir, 'consumequeue'), { recursive: true });
    fs.rmSync(path.join(dir, 'index'), { recursive: true });
    simulateCrash(dir);
    store = await openStore(dir);
    expect(await readAll(store)).toHaveLength(60);
    expect((await store.queryMessage('R', 'k59', 5, 0, Date.now() + 1000)).messageBufferList).toHaveLength(1);
  });

  it('refuses to start when a commit-log file has the wrong size', async () => {
    store = await openStore(dir);
    await fill(store, 200);
    await store.shutdown();
    store = undefined;
    fs.truncateSync(path.join(dir, 'commitlog', '00000000000000000000'), 1000);
    const { MessageStore: Store } = await import('../src');
    await expect(new Store({ storePathRootDir: dir, mappedFileSizeCommitLog: FILE_SIZE }).start()).rejects.toThrow(/configured file size/);
  });

  it('answers NO_MESSAGE_IN_QUEUE for a queue whose only message was truncated away', async () => {
    store = await openStore(dir);
    const [only] = await fill(store, 1, 5);
    await store.shutdown();
    store = undefined;
    const fd = fs.openSync(commitLogFile(dir, only), 'r+');
    fs.writeSync(fd, Buffer.alloc(64), 0, 64, only % FILE_SIZE);
    fs.closeSync(fd);
    simulateCrash(dir);
    store = await openStore(dir);
    expect(await store.getMessage('G', 'R', 5, 0, 32)).toMatchObject({ status: GetMessageStatus.NO_MESSAGE_IN_QUEUE, nextBeginOffset: 0, maxOffset: 0 });
  });

  it('answers SERVICE_NOT_AVAILABLE after shutdown', async () => {
    store = await openStore(dir);
    const s = store;
    await s.shutdown();
    store = undefined;
    expect((await s.putMessage(brokerMessage('R', 0, 'late'))).putMessageStatus).toBe(PutMessageStatus.SERVICE_NOT_AVAILABLE);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageExt, MessageQueue } from '@mq/common';
import { LocalFileOffsetStore, ProcessQueue, buildSubscription, matchesSubscription } from '../../src';

function message(offset: number, size = 10, tags?: string): MessageExt {
  const ext = new MessageExt('T', Buffer.alloc(size), { tags });
  ext.queueOffset = offset;
  return ext;
}

describe('ProcessQueue', () => {
  it('commits the smallest cached offset, or one past the highest when empty', () => {
    const pq = new ProcessQueue();
    expect(pq.removeMessages([message(1)])).toBe(-1);
    const msgs = [5, 6, 7, 8].map((offset) => message(offset));
    pq.putMessages(msgs);
    expect(pq.removeMessages([msgs[1]!, msgs[2]!])).toBe(5);
    expect(pq.removeMessages([msgs[0]!])).toBe(8);
    expect(pq.removeMessages([msgs[3]!])).toBe(9);
  });

  it('tracks count, bytes and span for flow control, ignoring duplicates', () => {
    const pq = new ProcessQueue();
    expect(pq.putMessages([message(10, 100), message(2010, 50), message(10, 100)])).toHaveLength(2);
    expect(pq.messageCount).toBe(2);
    expect(pq.messageBytes).toBe(150);
    expect(pq.offsetSpan).toBe(2000);
  });

  it('orderly: takes in offset order, commits past the batch, puts back on suspend', () => {
    const pq = new ProcessQueue();
    pq.putMessages([3, 1, 2].map((offset) => message(offset)));
    const first = pq.takeMessages(2);
    expect(first.map((m) => m.queueOffset)).toEqual([1, 2]);
    pq.makeMessagesToConsumeAgain(first);
    expect(pq.takeMessages(1).map((m) => m.queueOffset)).toEqual([1]);
    expect(pq.commit()).toBe(2);
    expect(pq.takeMessages(5).map((m) => m.queueOffset)).toEqual([2, 3]);
    expect(pq.commit()).toBe(4);
    expect(pq.hasPending).toBe(false);
  });
});

describe('subscription tag filter', () => {
  it('matches listed tags and everything for *', () => {
    const sub = buildSubscription('T', 'A || B');
    expect(sub.tagsSet).toEqual(['A', 'B']);
    expect(sub.codeSet).toEqual([65, 66]);
    expect(matchesSubscription(sub, message(0, 1, 'B'))).toBe(true);
    expect(matchesSubscription(sub, message(0, 1, 'C'))).toBe(false);
    expect(matchesSubscription(buildSubscription('T', '*'), message(0, 1))).toBe(true);
    expect(() => buildSubscription('T', '||')).toThrow('names no tag');
  });
});

describe('LocalFileOffsetStore', () => {
  it('persists offsets in Java\'s file shape and loads them back', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'offsets-'));
    try {
      const store = new LocalFileOffsetStore(dir, '10.0.0.1@x', 'G');
      const mq = new MessageQueue('T', 'b', 1);
      store.updateOffset(mq, 12, false);
      store.updateOffset(mq, 7, true);
      await store.persistAll();
      const text = readFileSync(path.join(dir, '10.0.0.1@x', 'G', 'offsets.json'), 'utf8');
      expect(text).toContain('"offsetTable":{{"brokerName":"b","queueId":1,"topic":"T"}:12}');
      const reloaded = new LocalFileOffsetStore(dir, '10.0.0.1@x', 'G');
      await reloaded.load();
      expect(await reloaded.readOffset(mq, 'STORE')).toBe(12);
      expect(await reloaded.readOffset(new MessageQueue('T', 'b', 2), 'STORE')).toBe(-1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

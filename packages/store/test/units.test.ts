import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { javaStringHashCode, loadConfig, parseDelayLevels, SystemTopic } from '@mq/common';
import { DEFAULT_MESSAGE_STORE_CONFIG, messageStoreConfigSchema } from '../src';
import { TailChunks } from '../src/file/tail-chunks';
import { IndexFile, indexKeyHash } from '../src/index/index-file';
import { parseSegmentFileName, segmentFileName } from '../src/file/segment-name';
import { computeTagsCode } from '../src/dispatch/tags-code';
import { removeDir, tempDir } from './support/store-fixture';

describe('TailChunks', () => {
  it('gives back exactly the bytes appended, through runs and views, after trims', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 2000 }), (lengths, retain) => {
        const tail = new TailChunks(512);
        const expected: number[] = [];
        let pos = 0;
        for (const length of lengths) {
          const { buf, offset } = tail.reserve(pos, length);
          for (let i = 0; i < length; i++) {
            buf[offset + i] = (pos + i) & 0xff;
            expected.push((pos + i) & 0xff);
          }
          pos += length;
        }
        const all = Buffer.concat(tail.runs(0, pos).map((r) => r.bytes));
        expect([...all]).toEqual(expected);
        const committed = Math.floor(pos / 2);
        tail.trim(committed, retain);
        const first = tail.firstPosition();
        expect(first).toBeLessThanOrEqual(committed);
        const kept = Buffer.concat(tail.runs(first, pos).map((r) => r.bytes));
        expect([...kept]).toEqual(expected.slice(first));
        const view = tail.view(pos - 1, 1);
        expect(view?.[0]).toBe(expected[pos - 1]);
      }),
    );
  });
});

describe('IndexFile', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeDir(dir));

  it('finds every offset put under a key, newest first, across hash collisions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: 0, max: 1e9 })), { minLength: 1, maxLength: 40 }), async (puts) => {
        const file = IndexFile.create(path.join(dir, `f${Math.random()}`), 3, 64);
        const base = 1_700_000_000_000;
        puts.forEach(([key, offset], i) => expect(file.putKey(indexKeyHash(javaStringHashCode(key)), offset, base + i * 1000)).toBe(true));
        for (const key of ['a', 'b', 'c', 'd', 'e']) {
          const out: number[] = [];
          await file.selectPhyOffsets(out, indexKeyHash(javaStringHashCode(key)), 100, 0, Number.MAX_SAFE_INTEGER);
          expect(out).toEqual(puts.filter(([k]) => k === key).map(([, o]) => o).reverse());
        }
        await file.close();
      }),
      { numRuns: 30 },
    );
  });

  it('writes the RocketMQ header and survives a reopen', async () => {
    const filePath = path.join(dir, 'idx');
    const file = IndexFile.create(filePath, 4, 2);
    expect(file.putKey(7, 100, 5000)).toBe(true);
    expect(file.putKey(7, 200, 6000)).toBe(false);
    await file.flush(true);
    await file.close();
    const bytes = fs.readFileSync(filePath);
    expect(bytes.length).toBe(40 + 4 * 4 + 2 * 20);
    expect(bytes.readInt32BE(36)).toBe(2);
    const reopened = IndexFile.openSync(filePath, 4, 2);
    expect(reopened.header).toMatchObject({ beginTimestamp: 5000, endTimestamp: 5000, beginPhyOffset: 100, endPhyOffset: 100, hashSlotCount: 1, indexCount: 2 });
    expect(reopened.isWriteFull()).toBe(true);
    await reopened.close();
  });

  it('maps Integer.MIN_VALUE to hash 0', () => {
    expect(indexKeyHash(-0x80000000)).toBe(0);
    expect(indexKeyHash(-5)).toBe(5);
  });
});

describe('names and tag codes', () => {
  it('names segment files with 20 digits', () => {
    expect(segmentFileName(1073741824)).toBe('00000000001073741824');
    expect(parseSegmentFileName('00000000001073741824')).toBe(1073741824);
    expect(parseSegmentFileName('abc')).toBeUndefined();
  });

  it('stores the delivery time as tags code of a delayed message', () => {
    const levels = parseDelayLevels('1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h');
    expect(levels[17]).toBe(7_200_000);
    expect(computeTagsCode(SystemTopic.SCHEDULE, new Map([['DELAY', '2']]), 1000, levels)).toBe(6000);
    expect(computeTagsCode(SystemTopic.SCHEDULE, new Map([['DELAY', '99']]), 1000, levels)).toBe(1000 + 7_200_000);
    expect(computeTagsCode('T', new Map([['TAGS', 'TagA']]), 1000, levels)).toBe(javaStringHashCode('TagA'));
    expect(computeTagsCode('T', new Map(), 1000, levels)).toBe(0);
  });
});

describe('MessageStoreConfig', () => {
  it("has RocketMQ's key names and defaults and loads broker.conf values through common's schema", () => {
    expect(DEFAULT_MESSAGE_STORE_CONFIG).toMatchObject({
      mappedFileSizeCommitLog: 1073741824,
      mappedFileSizeConsumeQueue: 6000000,
      flushDiskType: 'ASYNC_FLUSH',
      syncFlushTimeout: 5000,
      flushIntervalCommitLog: 500,
      flushCommitLogLeastPages: 4,
      fileReservedTime: 72,
      deleteWhen: '04',
      diskMaxUsedSpaceRatio: 75,
      maxMessageSize: 4194304,
      checkCRCOnRecover: true,
      maxHashSlotNum: 5000000,
      maxIndexNum: 20000000,
      messageIndexEnable: true,
    });
    const config = loadConfig(messageStoreConfigSchema, { overrides: [['flushDiskType', 'SYNC_FLUSH'], ['fileReservedTime', '48']] });
    expect(config).toMatchObject({ flushDiskType: 'SYNC_FLUSH', fileReservedTime: 48 });
    expect(() => loadConfig(messageStoreConfigSchema, { overrides: [['mappedFileSizeCommitLog', 'big']] })).toThrow(/mappedFileSizeCommitLog/);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageConst, MessageExt } from '@mq/common';
import { PutMessageStatus } from '../src';
import { dumpStore, type StoreDump } from './support/store-dump';
import { openStore, removeDir, tempDir } from './support/store-fixture';

const FIXTURES = path.join(__dirname, 'fixtures');
const GOLDEN_TOOL = path.resolve(__dirname, '../../../tools/golden-store');
const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'apache-store.manifest.json'), 'utf8')) as StoreDump;
const sizes = manifest.config;

function queuesOf(dump: StoreDump): Array<[string, number]> {
  return dump.queues.map((q) => [q.topic, q.queueId]);
}

function queriesOf(dump: StoreDump): Array<[string, string]> {
  return dump.queries.map((q) => [q.topic, q.key]);
}

describe('Apache RocketMQ store files', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeDir(dir));

  it('reads a store written by Apache DefaultMessageStore 5.3.3 exactly as Apache reads it', async () => {
    fs.cpSync(path.join(FIXTURES, 'apache-store'), dir, { recursive: true });
    const store = await openStore(dir, sizes);
    try {
      const ours = await dumpStore(store, queuesOf(manifest), queriesOf(manifest));
      expect(ours.queues).toEqual(manifest.queues);
      expect(ours.messages).toEqual(manifest.messages);
      expect(ours.queries).toEqual(manifest.queries);
      expect(manifest.messages.length).toBe(48);
      const next = await store.putMessage(goldenMessage(100));
      expect(next.putMessageStatus).toBe(PutMessageStatus.PUT_OK);
    } finally {
      await store.shutdown();
    }
  });

  const javaReady = hasCommand('java', ['-version']) && hasCommand('mvn', ['-v']);
  (javaReady ? it : it.skip)('is read by Apache DefaultMessageStore exactly as we read it (needs java + mvn)', async () => {
    const store = await openStore(dir, sizes);
    for (let i = 0; i < 48; i++) expect((await store.putMessage(goldenMessage(i))).putMessageStatus).toBe(PutMessageStatus.PUT_OK);
    const queries: Array<[string, string]> = [['GoldenA', 'five'], ['GoldenB', 'five'], ['GoldenA', 'key-3'], ['GoldenA', 'absent']];
    const queues: Array<[string, number]> = [['GoldenA', 0], ['GoldenA', 1], ['GoldenB', 0], ['GoldenB', 1], ['GoldenB', 2]];
    const ours = await dumpStore(store, queues, queries);
    await store.shutdown();
    const theirs = readWithJava(dir, queries.map(([t, k]) => `${t}#${k}`));
    expect(theirs.queues).toEqual(ours.queues);
    expect(theirs.messages).toEqual(ours.messages);
    expect(theirs.queries).toEqual(ours.queries);
    expect(ours.messages).toHaveLength(48);
  }, 300_000);
  if (!javaReady) console.warn('apache-compat: java or mvn not found; skipping the Java reader test');
});

function hasCommand(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/** Builds the Java tool if needed, then prints what Apache's store reads from `dir`. */
function readWithJava(dir: string, queries: string[]): StoreDump {
  if (!fs.existsSync(path.join(GOLDEN_TOOL, 'target', 'lib'))) {
    execFileSync('mvn', ['-q', '-B', '-f', path.join(GOLDEN_TOOL, 'pom.xml'), 'process-classes'], { stdio: 'inherit' });
  }
  const classpath = `${path.join(GOLDEN_TOOL, 'target', 'classes')}:${path.join(GOLDEN_TOOL, 'target', 'lib', '*')}`;
  const out = execFileSync('java', ['-cp', classpath, 'mq.golden.GoldenStoreReader', dir, ...queries], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = out.split('\n').find((l) => l.startsWith('{"config"'));
  if (!line) throw new Error(`GoldenStoreReader printed no JSON:\n${out}`);
  return JSON.parse(line) as StoreDump;
}

/** The same messages GoldenStoreWriter.java writes. */
function goldenMessage(i: number): MessageExt {
  const topics = ['GoldenA', 'GoldenB'];
  const queueCounts = [2, 3];
  const t = i % 3 === 2 ? 1 : 0;
  const m = new MessageExt();
  m.topic = topics[t];
  m.queueId = Math.floor(i / 3) % queueCounts[t];
  if (i % 4 !== 0) m.tags = i % 2 === 0 ? 'TagA' : 'TagB';
  m.keys = `key-${i} ${i % 5 === 0 ? 'five' : 'other'}`;
  m.putProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, `0A000001${(4242).toString(16).toUpperCase().padStart(4, '0')}006F6C64${i.toString(16).toUpperCase().padStart(12, '0')}`);
  m.body = Buffer.from(`golden message ${i} ${'x'.repeat((i * 37) % 300)}`);
  m.flag = i;
  m.bornTimestamp = 1700000000000 + i;
  m.bornHost = { address: '10.0.0.1', port: 50000 };
  m.storeHost = { address: '10.0.0.2', port: 10911 };
  return m;
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MQError } from '@mq/common';
import { KVConfigManager } from '../src/kv/kv-config-manager';

describe('KVConfigManager', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'namesrv-kv-'));
    path = join(dir, 'sub', 'kvConfig.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('puts, gets, lists and deletes by namespace', async () => {
    const kv = new KVConfigManager(path);
    await kv.load();
    await kv.putKVConfig('ORDER_TOPIC_CONFIG', 'T', 'broker-a:4');
    await kv.putKVConfig('ORDER_TOPIC_CONFIG', 'U', 'broker-b:8');
    expect(kv.getKVConfig('ORDER_TOPIC_CONFIG', 'T')).toBe('broker-a:4');
    expect(kv.getKVListByNamespace('ORDER_TOPIC_CONFIG')).toEqual(new Map([['T', 'broker-a:4'], ['U', 'broker-b:8']]));
    await kv.deleteKVConfig('ORDER_TOPIC_CONFIG', 'T');
    expect(kv.getKVConfig('ORDER_TOPIC_CONFIG', 'T')).toBeUndefined();
    await kv.deleteKVConfig('ORDER_TOPIC_CONFIG', 'U');
    expect(kv.getKVListByNamespace('ORDER_TOPIC_CONFIG')).toEqual(new Map());
    expect(kv.getKVListByNamespace('nope')).toBeUndefined();
  });

  it('persists in the kvConfig.json layout and reloads it', async () => {
    const kv = new KVConfigManager(path);
    await Promise.all([kv.putKVConfig('ns', 'a', '1'), kv.putKVConfig('ns', 'b', '2')]);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ configTable: { ns: { a: '1', b: '2' } } });
    const reloaded = new KVConfigManager(path);
    await reloaded.load();
    expect(reloaded.getKVConfig('ns', 'b')).toBe('2');
  });

  it('refuses to start over a corrupt file instead of overwriting it', async () => {
    await writeFile(join(dir, 'bad.json'), '{"configTable":{"ns":');
    await expect(new KVConfigManager(join(dir, 'bad.json')).load()).rejects.toBeInstanceOf(MQError);
    await writeFile(join(dir, 'bad.json'), '{"configTable":{"ns":{"k":1}}}');
    await expect(new KVConfigManager(join(dir, 'bad.json')).load()).rejects.toThrow(/not a string map/);
  });

  it('reports a write failure as MQError and keeps working afterwards', async () => {
    await writeFile(join(dir, 'file'), 'x');
    const kv = new KVConfigManager(join(dir, 'file', 'kv.json'));
    await expect(kv.putKVConfig('ns', 'k', 'v')).rejects.toBeInstanceOf(MQError);
    await expect(kv.putKVConfig('ns', 'k2', 'v')).rejects.toBeInstanceOf(MQError);
  });
});

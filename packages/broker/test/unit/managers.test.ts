import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConsumerOffsetManager } from '../../src/offset/consumer-offset-manager';
import { TopicConfigManager } from '../../src/topic/topic-config-manager';
import { SubscriptionGroupManager } from '../../src/subscription/subscription-group-manager';
import { defaultBrokerConfig } from '../../src/config/broker-config';
import { ConfigFile } from '../../src/persistence/config-file';
import { parseJavaJson, stringifyJavaJson } from '../../src/persistence/java-json';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'broker-managers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('java json', () => {
  it('writes integer-keyed maps unquoted and reads them back', () => {
    const text = stringifyJavaJson({ offsetTable: { 'T@G': new Map([[0, 12], [1, 40]]) } });
    expect(text).toBe('{"offsetTable":{"T@G":{0:12,1:40}}}');
    expect(parseJavaJson(text)).toEqual({ offsetTable: { 'T@G': { 0: 12, 1: 40 } } });
  });

  it('leaves digits inside strings alone', () => {
    expect(parseJavaJson('{"a":"{1:2,3:4}",5:"x"}')).toEqual({ a: '{1:2,3:4}', 5: 'x' });
  });
});

describe('ConfigFile', () => {
  it('keeps the previous content as .bak and falls back to it when the file is corrupt', async () => {
    const file = new ConfigFile(path.join(dir, 'config', 'x.json'));
    await file.persist('{"v":1}');
    await file.persist('{"v":2}');
    expect(readFileSync(`${file.filePath}.bak`, 'utf8')).toBe('{"v":1}');
    writeFileSync(file.filePath, '{not json');
    let loaded: unknown;
    expect(file.load((text) => (loaded = JSON.parse(text)))).toBe(true);
    expect(loaded).toEqual({ v: 1 });
    expect(existsSync(file.filePath)).toBe(false);
  });

  it('reports false when nothing exists', () => {
    expect(new ConfigFile(path.join(dir, 'none.json')).load(() => undefined)).toBe(false);
  });
});

describe('ConsumerOffsetManager', () => {
  it('persists offsets in Java form and reloads them', async () => {
    const manager = new ConsumerOffsetManager(dir);
    manager.commitOffset('1.2.3.4:5', 'G', 'T', 0, 12);
    manager.commitOffset('1.2.3.4:5', 'G', 'T', 3, 40);
    await manager.persist();
    const text = readFileSync(path.join(dir, 'config', 'consumerOffset.json'), 'utf8');
    expect(text).toContain('"offsetTable":{"T@G":{0:12,3:40}}');
    expect(text).toContain('"groupTopicMap":{"G":["T"]}');
    const reloaded = new ConsumerOffsetManager(dir);
    reloaded.load();
    expect(reloaded.queryOffset('G', 'T', 3)).toBe(40);
    expect(reloaded.queryOffset('G', 'T', 1)).toBe(-1);
    expect(reloaded.queryOffset('H', 'T', 0)).toBe(-1);
  });

  it('reads a Java-written file with unknown keys', () => {
    const manager = new ConsumerOffsetManager(dir);
    manager.decode('{"dataVersion":{"counter":3,"stateVersion":0,"timestamp":1},"lmqOffsetTable":{},"offsetTable":{"%RETRY%G@G":{0:7}}}');
    expect(manager.queryOffset('G', '%RETRY%G', 0)).toBe(7);
    expect(manager.dataVersion.toJSON().counter).toBe(3);
  });
});

describe('TopicConfigManager', () => {
  it('creates the start-up topics and auto-creates from TBW102', async () => {
    const config = { ...defaultBrokerConfig(), brokerName: 'broker-a' };
    const manager = new TopicConfigManager(config, dir);
    expect(manager.selectTopicConfig('TBW102')).toMatchObject({ perm: 7, readQueueNums: 8, writeQueueNums: 8 });
    expect(manager.selectTopicConfig('broker-a')).toMatchObject({ perm: 7, readQueueNums: 1 });
    expect(manager.selectTopicConfig('DefaultCluster')).toMatchObject({ perm: 7, readQueueNums: 16 });
    const changed: string[] = [];
    manager.onTopicsChanged((topics) => changed.push(...topics.map((t) => t.topicName)));
    const created = manager.createTopicInSendMessageMethod('NewTopic', 'TBW102', 'x', 4, 0);
    expect(created).toMatchObject({ perm: 6, readQueueNums: 4, writeQueueNums: 4 });
    expect(changed).toEqual(['NewTopic']);
    await manager.persist();
  });

  it('refuses auto-creation when autoCreateTopicEnable is off', () => {
    const manager = new TopicConfigManager({ ...defaultBrokerConfig(), autoCreateTopicEnable: false }, dir);
    expect(manager.selectTopicConfig('TBW102')).toBeUndefined();
    expect(manager.createTopicInSendMessageMethod('NewTopic', 'TBW102', 'x', 4, 0)).toBeUndefined();
  });

  it('round-trips topics.json, the file winning over built-ins', async () => {
    const config = defaultBrokerConfig();
    const manager = new TopicConfigManager(config, dir);
    manager.createTopicIfAbsent('%RETRY%G', 1, 6);
    manager.updateTopicConfig({ ...manager.selectTopicConfig('SELF_TEST_TOPIC')!, readQueueNums: 3 });
    await manager.persist();
    const reloaded = new TopicConfigManager(config, dir);
    reloaded.load();
    expect(reloaded.selectTopicConfig('%RETRY%G')).toMatchObject({ readQueueNums: 1, perm: 6 });
    expect(reloaded.selectTopicConfig('SELF_TEST_TOPIC')).toMatchObject({ readQueueNums: 3 });
    expect(reloaded.dataVersion.toJSON().counter).toBe(manager.dataVersion.toJSON().counter);
  });
});

describe('SubscriptionGroupManager', () => {


  it('auto-creates valid groups only when enabled, system groups always', async () => {
    const on = new SubscriptionGroupManager(true, dir);
    expect(on.findSubscriptionGroupConfig('G1')).toMatchObject({ retryMaxTimes: 16, retryQueueNums: 1 });
    expect(on.findSubscriptionGroupConfig('bad group')).toBeUndefined();
    const off = new SubscriptionGroupManager(false, dir);
    expect(off.findSubscriptionGroupConfig('G2')).toBeUndefined();
    expect(off.findSubscriptionGroupConfig('CID_RMQ_SYS_X')).toBeDefined();
    expect(off.findSubscriptionGroupConfig('TOOLS_CONSUMER')).toBeDefined();
    await Promise.all([on.persist(), off.persist()]);
  });

  it('round-trips subscriptionGroup.json', async () => {
    const manager = new SubscriptionGroupManager(true, dir);
    manager.updateSubscriptionGroupConfig({ ...manager.findSubscriptionGroupConfig('G')!, retryMaxTimes: 3 });
    await manager.persist();
    const reloaded = new SubscriptionGroupManager(false, dir);
    reloaded.load();
    expect(reloaded.selectSubscriptionGroupConfig('G')).toMatchObject({ retryMaxTimes: 3, consumeEnable: true });
  });
});

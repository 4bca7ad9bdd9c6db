import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MQError, defaultConfig, loadConfig, namesrvConfigSchema, type NamesrvConfig } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import { NamesrvConfigStore } from '../src';

describe('NamesrvConfigStore', () => {
  let dir: string;
  let config: NamesrvConfig;
  let store: NamesrvConfigStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'namesrv-config-'));
    config = { ...defaultConfig(namesrvConfigSchema, {}), configStorePath: join(dir, 'conf', 'namesrv.properties') };
    store = new NamesrvConfigStore(config);
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('applies an update and persists a file that loads back to the same config', async () => {
    await store.update('enableTopicList=false\nscanNotActiveBrokerInterval = 700\nnoSuchKey=1\n');
    expect([config.enableTopicList, config.scanNotActiveBrokerInterval]).toEqual([false, 700]);
    expect(store.format()).toContain('scanNotActiveBrokerInterval=700\n');
    expect(loadConfig(namesrvConfigSchema, { env: {}, file: config.configStorePath })).toEqual(config);
  });

  it('applies nothing when one value does not parse, and names the key', async () => {
    const update = store.update('enableTopicList=false\nlistenPort=ninety\n');
    await expect(update).rejects.toMatchObject({ code: ResponseCode.INVALID_PARAMETER, remark: expect.stringContaining('listenPort') });
    expect(config.enableTopicList).toBe(true);
  });

  it('refuses keys of configBlackList with NO_PERMISSION', async () => {
    const update = store.update('configStorePath=/tmp/elsewhere\n');
    await expect(update).rejects.toBeInstanceOf(MQError);
    await expect(update).rejects.toMatchObject({ code: ResponseCode.NO_PERMISSION });
    expect(config.configStorePath).toBe(join(dir, 'conf', 'namesrv.properties'));
  });
});

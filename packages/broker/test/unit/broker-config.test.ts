import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MESSAGE_STORE_CONFIG } from '@mq/store';
import { defaultBrokerConfig } from '../../src/config/broker-config';
import { formatBrokerStartupConfig, loadBrokerStartupConfig } from '../../src/config/broker-startup-config';

/** An Apache RocketMQ 5.x `conf/broker.conf`, extended with common keys, as operators write it. */
const APACHE_BROKER_CONF = `# broker.conf
brokerClusterName = DefaultCluster
brokerName = broker-a
brokerId = 0
namesrvAddr=127.0.0.1:9876;10.0.0.2:9876
listenPort=10921
brokerIP1=192.168.1.10
storePathRootDir=/data/rocketmq/store
storePathCommitLog=/data/rocketmq/store/commitlog
deleteWhen = 04
fileReservedTime = 48
brokerRole = ASYNC_MASTER
flushDiskType = SYNC_FLUSH
autoCreateTopicEnable=false
enableDLegerCommitLog=false
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'broker-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function confFile(text: string): string {
  const file = path.join(dir, 'broker.conf');
  writeFileSync(file, text);
  return file;
}

test('an Apache broker.conf applies as is; store keys go to the store, unknown keys are reported', () => {
  const unknown: string[] = [];
  const { broker, store } = loadBrokerStartupConfig({ env: {}, file: confFile(APACHE_BROKER_CONF), onUnknownKey: (key) => unknown.push(key) });
  expect(broker).toMatchObject({
    brokerClusterName: 'DefaultCluster',
    brokerName: 'broker-a',
    brokerId: 0,
    namesrvAddr: '127.0.0.1:9876;10.0.0.2:9876',
    listenPort: 10921,
    haListenPort: 10922,
    brokerIP1: '192.168.1.10',
    brokerRole: 'ASYNC_MASTER',
    autoCreateTopicEnable: false,
  });
  expect(store).toEqual({
    ...DEFAULT_MESSAGE_STORE_CONFIG,
    storePathRootDir: '/data/rocketmq/store',
    storePathCommitLog: '/data/rocketmq/store/commitlog',
    deleteWhen: '04',
    fileReservedTime: 48,
    flushDiskType: 'SYNC_FLUSH',
  });
  expect(store).not.toHaveProperty('brokerName');
  expect(broker).not.toHaveProperty('storePathRootDir');
  expect(unknown).toEqual(['enableDLegerCommitLog']);
});

test('defaults are RocketMQ\'s; NAMESRV_ADDR comes from the environment; -n overrides the file', () => {
  const defaults = defaultBrokerConfig({ NAMESRV_ADDR: '10.1.1.1:9876' });
  expect(defaults).toMatchObject({ brokerClusterName: 'DefaultCluster', listenPort: 10911, brokerId: 0, namesrvAddr: '10.1.1.1:9876', brokerPermission: 6 });
  const { broker } = loadBrokerStartupConfig({ env: {}, file: confFile(APACHE_BROKER_CONF), overrides: [['namesrvAddr', '127.0.0.1:1']] });
  expect(broker.namesrvAddr).toBe('127.0.0.1:1');
});

test.each([
  ['listenPort=ninety\n', 'listenPort'],
  ['flushDiskType=EVENTUALLY\n', 'flushDiskType'],
  ['brokerRole=SLAVE\nbrokerId=0\n', 'brokerId'],
  ['namesrvAddr=localhost\n', 'namesrvAddr'],
  ['fileReservedTime=3000000000\n', 'fileReservedTime'],
])('an invalid value is refused naming the key: %j', (text, key) => {
  expect(() => loadBrokerStartupConfig({ env: {}, file: confFile(text) })).toThrow(new RegExp(`config key ${key}`));
});

test('a master always has brokerId 0, as BrokerStartup forces it', () => {
  expect(loadBrokerStartupConfig({ env: {}, file: confFile('brokerId=3\n') }).broker.brokerId).toBe(0);
  expect(loadBrokerStartupConfig({ env: {}, file: confFile('brokerRole=SLAVE\nbrokerId=2\n') }).broker.brokerId).toBe(2);
});

test('program defaults sit under the file; the printed config lists broker and store keys', () => {
  const config = loadBrokerStartupConfig({ env: {}, defaults: [['brokerIP1', '127.0.0.1'], ['brokerName', 'x']], file: confFile('brokerName=broker-b\n') });
  expect(config.broker).toMatchObject({ brokerIP1: '127.0.0.1', brokerName: 'broker-b' });
  const printed = formatBrokerStartupConfig(config);
  expect(printed).toContain('brokerName=broker-b\n');
  expect(printed).toContain('listenPort=10911\n');
  expect(printed).toContain('flushDiskType=ASYNC_FLUSH\n');
});

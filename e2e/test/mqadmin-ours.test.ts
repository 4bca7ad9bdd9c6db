import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Admin, Producer, PushConsumer } from '@mq/client';
import { Message } from '@mq/common';
import { allocateClusterPorts, brokerConfig, namesrvConfig, writeProperties } from '../support/cluster';
import { ManagedProcess } from '../support/processes';
import { waitForPort } from '../support/wait-for-port';

const PACKAGES = join(__dirname, '..', '..', 'packages');
const MQADMIN = join(PACKAGES, 'tools', 'dist', 'bin', 'mqadmin.js');
const NAMESRV_BIN = join(PACKAGES, 'namesrv', 'dist', 'bin', 'mqnamesrv.js');
const BROKER_BIN = join(PACKAGES, 'broker', 'dist', 'bin', 'mqbroker.js');
const CLUSTER = 'DefaultCluster';
const BROKER_NAME = 'broker-e2e';
const TOPIC = 'MqadminTopic';
const GROUP = 'MqadminGroup';
const POLL_MS = 100;
const WAIT_MS = 30_000;

const built = [MQADMIN, NAMESRV_BIN, BROKER_BIN].every((bin) => existsSync(bin));
const describeBuilt = built ? describe : describe.skip;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

describeBuilt('mqadmin (packages/tools/dist) against our name server and broker', () => {
  let workDir: string;
  let namesrvAddr: string;
  let brokerAddr: string;
  let admin: Admin;
  const servers: ManagedProcess[] = [];

  async function mqadmin(...args: string[]): Promise<Run> {
    const env = { ...process.env, HOME: workDir, NAMESRV_ADDR: namesrvAddr, MQ_LOG_LEVEL: 'error' };
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [MQADMIN, ...args], { env, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  async function ok(...args: string[]): Promise<string> {
    const run = await mqadmin(...args);
    if (run.code !== 0) throw new Error(`mqadmin ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return run.stdout;
  }

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'mqadmin-e2e-'));
    const ports = await allocateClusterPorts();
    namesrvAddr = `127.0.0.1:${ports.namesrv}`;
    brokerAddr = `127.0.0.1:${ports.broker}`;
    writeProperties(join(workDir, 'namesrv.conf'), namesrvConfig(ports));
    // No gRPC listener: its fixed default port may be taken by another broker on this machine.
    writeProperties(join(workDir, 'broker.conf'), { ...brokerConfig(ports, workDir), grpcServerPort: -1 });
    const env = { ...process.env, HOME: workDir, NAMESRV_ADDR: '' };
    servers.push(ManagedProcess.start({ name: 'namesrv', command: process.execPath, args: [NAMESRV_BIN, '-c', join(workDir, 'namesrv.conf')], cwd: workDir, env, logFile: join(workDir, 'namesrv.log') }));
    await waitForPort(ports.namesrv, { timeoutMs: WAIT_MS, abandon: () => servers[0].exitReason });
    servers.push(ManagedProcess.start({ name: 'broker', command: process.execPath, args: [BROKER_BIN, '-n', namesrvAddr, '-c', join(workDir, 'broker.conf')], cwd: workDir, env, logFile: join(workDir, 'broker.log') }));
    await waitForPort(ports.broker, { timeoutMs: WAIT_MS, abandon: () => servers[1].exitReason });
    admin = new Admin({ namesrvAddr });
    await admin.start();
    await waitFor('the broker registration', async () => ((await admin.clusterMasters(CLUSTER)).includes(brokerAddr) ? true : undefined));
  }, 120_000);

  afterAll(async () => {
    await admin?.shutdown();
    for (const server of [...servers].reverse()) await server.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('clusterList prints the broker row with mqadmin headers; --json gives the same data', async () => {
    const text = await ok('clusterList');
    expect(text.split('\n')[0]).toMatch(/^#Cluster Name\s+#Broker Name\s+#BID\s+#Addr\s+#Version\s+#InTPS\(LOAD\)/);
    expect(text).toMatch(new RegExp(`^${CLUSTER}\\s+${BROKER_NAME}\\s+0\\s+${brokerAddr.replace(/\./g, '\\.')}\\s+V5_3_3`, 'm'));
    const json = JSON.parse(await ok('clusterList', '--json')) as Array<{ addr: string; runtime: Record<string, string> }>;
    expect(json.map((member) => member.addr)).toEqual([brokerAddr]);
    expect(await ok('clusterList', '-m')).toMatch(/^#Cluster Name\s+#Broker Name\s+#InTotalYest/);
  });

  it('updateTopic creates a topic that topicList, topicRoute, topicClusterList and topicStatus show', async () => {
    expect(await ok('updateTopic', '-c', CLUSTER, '-t', TOPIC, '-r', '4', '-w', '4', '-a', '+message.type=NORMAL')).toContain(`create topic to ${brokerAddr} success.`);
    await waitFor('the topic route', async () => ((await admin.topicRoute(TOPIC)).queueDatas.length > 0 ? true : undefined));
    expect((await ok('topicList')).split('\n')).toContain(TOPIC);
    expect(await ok('topicList', '-c')).toMatch(new RegExp(`^${CLUSTER}\\s+${TOPIC}`, 'm'));
    expect(await ok('topicRoute', '-t', TOPIC, '-l')).toMatch(new RegExp(`^${CLUSTER}\\s+${BROKER_NAME}\\s+\\{0=${brokerAddr.replace(/\./g, '\\.')}\\}\\s+4\\s+4\\s+6`, 'm'));
    expect(JSON.parse(await ok('topicRoute', '-t', TOPIC)).queueDatas[0]).toMatchObject({ brokerName: BROKER_NAME, readQueueNums: 4, writeQueueNums: 4, perm: 6 });
    expect((await ok('topicClusterList', '-t', TOPIC)).trim()).toBe(CLUSTER);
    const status = (await ok('topicStatus', '-t', TOPIC)).trim().split('\n');
    expect(status[0]).toMatch(/^#Broker Name\s+#QID\s+#Min Offset\s+#Max Offset\s+#Last Updated$/);
    expect(status).toHaveLength(5);
  });

  it('updateTopicPerm changes the permission in the route', async () => {
    expect(await ok('updateTopicPerm', '-b', brokerAddr, '-t', TOPIC, '-p', '4')).toContain('update topic perm from 6 to 4');
    await waitFor('perm 4', async () => ((await admin.topicRoute(TOPIC)).queueDatas[0].perm === 4 ? true : undefined));
    expect(await ok('updateTopicPerm', '-c', CLUSTER, '-t', TOPIC, '-p', '6')).toContain('update topic perm from 4 to 6');
    await waitFor('perm 6', async () => ((await admin.topicRoute(TOPIC)).queueDatas[0].perm === 6 ? true : undefined));
  });

  it('sendMessage stores a message that every query command finds', async () => {
    const sent = JSON.parse(await ok('sendMessage', '-t', TOPIC, '-p', 'hello mqadmin', '-k', 'order-1', '-c', 'TagA', '-b', BROKER_NAME, '-i', '1', '--json')) as { msgId: string; offsetMsgId: string; queueId: number; status: string };
    expect(sent).toMatchObject({ status: 'SEND_OK', queueId: 1 });
    expect(await ok('queryMsgByKey', '-t', TOPIC, '-k', 'order-1')).toMatch(new RegExp(`^${sent.msgId}\\s+1\\s+0$`, 'm'));
    expect(await ok('queryMsgByUniqueKey', '-t', TOPIC, '-i', sent.msgId)).toMatch(/^Keys:\s+\[order-1\]$/m);
    expect(await ok('queryMsgById', '-i', sent.offsetMsgId, '-f', 'UTF-8')).toMatch(/^Message Body:\s+hello mqadmin$/m);
    expect(await ok('queryMsgById', '-t', TOPIC, '-i', sent.msgId)).toMatch(new RegExp(`^OffsetID:\\s+${sent.offsetMsgId}$`, 'm'));
    expect(await ok('queryMsgByOffset', '-t', TOPIC, '-b', BROKER_NAME, '-i', '1', '-o', '0')).toMatch(/^Tags:\s+\[TagA\]$/m);
    expect(await ok('printMsg', '-t', TOPIC)).toContain(`MSGID: ${sent.msgId} `);
    expect(await ok('consumeMessage', '-t', TOPIC, '-b', BROKER_NAME, '-i', '1', '-o', '0', '-c', '1')).toMatch(/BODY: hello mqadmin\nConsume ok/);
  });

  it('subscription groups: updateSubGroup, consumerProgress, consumerConnection, resetOffsetByTime, deleteSubGroup', async () => {
    expect(await ok('updateSubGroup', '-c', CLUSTER, '-g', GROUP, '-r', '3')).toContain(`create subscription group to ${brokerAddr} success.`);
    const consumer = new PushConsumer({ namesrvAddr, group: GROUP });
    consumer.subscribe(TOPIC, '*');
    consumer.registerMessageListener(async () => 'CONSUME_SUCCESS' as const);
    await consumer.start();
    try {
      const connection = await waitFor('the consumer connection', async () => {
        const run = await mqadmin('consumerConnection', '-g', GROUP);
        return run.code === 0 ? run.stdout : undefined;
      });
      expect(connection).toMatch(/^#ClientId\s+#ClientAddr\s+#Language\s+#Version$/m);
      expect(connection).toMatch(new RegExp(`^${TOPIC}\\s+\\*$`, 'm'));
      const progress = await ok('consumerProgress', '-g', GROUP);
      expect(progress).toMatch(/^#Topic\s+#Broker Name\s+#QID\s+#Broker Offset\s+#Consumer Offset\s+#Diff\s+#Inflight\s+#LastTime$/m);
      expect(progress).toContain('Consume Diff Total:');
      const reset = await ok('resetOffsetByTime', '-g', GROUP, '-t', TOPIC, '-s', '0');
      expect(reset).toMatch(/^#brokerName\s+#queueId\s+#offset/m);
    } finally {
      await consumer.shutdown();
    }
    expect(await ok('deleteSubGroup', '-b', brokerAddr, '-g', GROUP)).toContain(`delete subscription group [${GROUP}] from broker [${brokerAddr}] success.`);
  });

  it('producerConnection lists an online producer', async () => {
    const producer = new Producer({ namesrvAddr, group: 'MqadminProducer', heartbeatBrokerIntervalMs: 1000 });
    await producer.start();
    try {
      // A producer heartbeats only to brokers it knows (every second here), so it sends once to learn the route.
      await producer.send(new Message(TOPIC, Buffer.from('from a producer')));
      const text = await waitFor('the producer connection', async () => {
        const run = await mqadmin('producerConnection', '-g', 'MqadminProducer', '-t', TOPIC);
        return run.code === 0 && run.stdout.startsWith('0001') ? run.stdout : undefined;
      });
      expect(text).toMatch(/^0001 {2}\S+@\S+\s+\S+\s+\S+\s+V5_3_3$/m);
    } finally {
      await producer.shutdown();
    }
  });

  it('broker commands: brokerStatus, getBrokerConfig, updateBrokerConfig, cleanExpiredCQ, statsAll', async () => {
    expect(await ok('brokerStatus', '-b', brokerAddr)).toMatch(/^brokerVersionDesc\s+: V5_3_3$/m);
    expect(await ok('getBrokerConfig', '-b', brokerAddr)).toMatch(new RegExp(`^brokerName\\s+=  ${BROKER_NAME}$`, 'm'));
    expect(await ok('updateBrokerConfig', '-c', CLUSTER, '-k', 'flushIntervalCommitLog', '-v', '750')).toContain(`update broker config success, ${brokerAddr}`);
    expect(await ok('getBrokerConfig', '-c', CLUSTER)).toMatch(/^flushIntervalCommitLog\s+=  750$/m);
    expect((await ok('cleanExpiredCQ', '-c', CLUSTER)).trim()).toBe('success');
    expect(await ok('statsAll', '-t', TOPIC)).toMatch(new RegExp(`^#Topic\\s+#Consumer Group\\s+#Accumulation[^\\n]*\\n${TOPIC}\\s`));
  });

  it('name server commands: updateKvConfig, deleteKvConfig, wipeWritePerm, addWritePerm', async () => {
    expect(await ok('updateKvConfig', '-s', 'MQADMIN_NS', '-k', 'key', '-v', 'value')).toBe('create or update kv config to namespace success.\n');
    expect(await ok('deleteKvConfig', '-s', 'MQADMIN_NS', '-k', 'key')).toBe('delete kv config from namespace success.\n');
    expect(await ok('wipeWritePerm', '-b', BROKER_NAME)).toMatch(new RegExp(`^wipe write perm of broker\\[${BROKER_NAME}\\] in name server\\[${namesrvAddr}\\] OK, [1-9]\\d*$`, 'm'));
    expect((await admin.topicRoute(TOPIC)).queueDatas[0].perm & 2).toBe(0);
    expect(await ok('addWritePerm', '-b', BROKER_NAME)).toMatch(/OK, [1-9]\d*$/m);
    expect((await admin.topicRoute(TOPIC)).queueDatas[0].perm & 2).toBe(2);
  });

  it('deleteTopic removes the topic; failures exit non-zero and name the cause', async () => {
    expect(await ok('deleteTopic', '-c', CLUSTER, '-t', TOPIC)).toContain(`delete topic [${TOPIC}] from NameServer success.`);
    const missing = await mqadmin('topicRoute', '-t', TOPIC);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('TOPIC_NOT_EXIST (17): No topic route info in name server for the topic: MqadminTopic');
    const badPerm = await mqadmin('updateTopic', '-c', CLUSTER, '-t', TOPIC, '-p', '5');
    expect(badPerm.code).toBe(1);
    expect(badPerm.stderr).toContain('CLIENT_PARAMETER_CHECK_ERROR (-3): option --perm must be 2 (W), 4 (R) or 6 (RW), got 5');
    expect((await mqadmin('topicRoute', '--no-such-option')).code).not.toBe(0);
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeStoredRecords } from '@mq/common';
import {
  GetRouteInfoRequestHeader,
  RemotingClient,
  RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
} from '@mq/remoting';
import { freePort } from '../support/free-port';
import { waitForLogLine } from '../support/log-lines';
import { ManagedProcess, runToCompletion } from '../support/processes';

/** The published bins, as `npm test` builds them (nx build) before jest runs. */
const DIST = join(__dirname, '..', '..', 'packages');
const NAMESRV_BIN = join(DIST, 'namesrv', 'dist', 'bin', 'mqnamesrv.js');
const BROKER_BIN = join(DIST, 'broker', 'dist', 'bin', 'mqbroker.js');
const SERVER_BIN = join(DIST, 'broker', 'dist', 'bin', 'mqserver.js');
const POLL_MS = 50;
const BOOT_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 10_000;

describe('broker bins (packages/broker/dist, packages/namesrv/dist)', () => {
  let home: string;
  let client: RemotingClient;
  const running: ManagedProcess[] = [];
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, HOME: home, MQ_LOG_LEVEL: 'info', NAMESRV_ADDR: '' });

  function start(name: string, bin: string, args: readonly string[]): { process: ManagedProcess; logFile: string } {
    const logFile = join(home, `${name}-${running.length}.log`);
    const child = ManagedProcess.start({ name, command: process.execPath, args: [bin, ...args], env: env(), logFile });
    running.push(child);
    return { process: child, logFile };
  }

  async function stopCleanly(child: ManagedProcess): Promise<void> {
    await child.stop(STOP_GRACE_MS);
    expect(child.exitReason).toContain('exited with code 0');
  }

  function send(brokerAddr: string, topic: string, body: string): Promise<RemotingCommand> {
    const header = SendMessageRequestHeaderV2.encode({
      producerGroup: 'PG',
      topic,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      flag: 0,
      properties: '',
      batch: false,
    });
    return client.invoke(brokerAddr, RemotingCommand.createRequest(RequestCode.SEND_MESSAGE_V2, header, Buffer.from(body)), 5000);
  }

  /** Pulls queue 0 from offset 0, again while nothing is dispatched yet (dispatch is asynchronous); returns the bodies. */
  async function pullBodies(brokerAddr: string, topic: string): Promise<string[]> {
    const deadline = Date.now() + BOOT_TIMEOUT_MS;
    for (;;) {
      const request = RemotingCommand.createRequest(RequestCode.PULL_MESSAGE, {
        consumerGroup: 'CG',
        topic,
        queueId: '0',
        queueOffset: '0',
        maxMsgNums: '32',
        sysFlag: '4', // FLAG_SUBSCRIPTION: the subscription comes with the request, no heartbeat needed
        commitOffset: '0',
        suspendTimeoutMillis: '0',
        subscription: '*',
        subVersion: '0',
        expressionType: 'TAG',
      });
      const response = await client.invoke(brokerAddr, request, 5000);
      if (response.code === ResponseCode.SUCCESS) return decodeStoredRecords(response.body!).map((m) => m.body.toString());
      const notYet = response.code === ResponseCode.PULL_NOT_FOUND || response.code === ResponseCode.PULL_RETRY_IMMEDIATELY;
      if (!notYet || Date.now() > deadline) throw new Error(`pull of ${topic} from ${brokerAddr} still answers ${response.code} ${response.remark ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  beforeAll(async () => {
    const missing = [NAMESRV_BIN, BROKER_BIN, SERVER_BIN].filter((file) => !existsSync(file));
    if (missing.length > 0) {
      throw new Error(`${missing.join(', ')} missing: build first with \`NX_DAEMON=false npx nx run @mq/broker:build\` (npm test does this)`);
    }
    home = await mkdtemp(join(tmpdir(), 'broker-bins-'));
  });

  beforeEach(() => {
    client = new RemotingClient();
  });

  afterEach(async () => {
    await client.shutdown();
    await Promise.all(running.splice(0).map((child) => child.stop(STOP_GRACE_MS)));
  });

  afterAll(async () => {
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('mqbroker -p prints the effective config of broker.conf; a bad value is refused naming the key', async () => {
    const conf = join(home, 'print.conf');
    await writeFile(conf, 'brokerName=broker-p\nlistenPort=10931\nflushDiskType=SYNC_FLUSH\n');
    const printed = await runToCompletion(process.execPath, [BROKER_BIN, '-c', conf, '-n', '127.0.0.1:9876', '-p'], { env: env(), timeoutMs: 20_000 });
    expect([printed.code, printed.stderr]).toEqual([0, '']);
    expect(printed.stdout).toContain('brokerName=broker-p\n');
    expect(printed.stdout).toContain('namesrvAddr=127.0.0.1:9876\n');
    expect(printed.stdout).toContain('haListenPort=10932\n');
    expect(printed.stdout).toContain('flushDiskType=SYNC_FLUSH\n');

    await writeFile(conf, 'brokerRole=MASTER\n');
    const refused = await runToCompletion(process.execPath, [BROKER_BIN, '-c', conf], { env: env(), timeoutMs: 20_000 });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('config key brokerRole');
  });

  it('mqserver --help documents the ports, the store directory and the config file', async () => {
    const help = await runToCompletion(process.execPath, [SERVER_BIN, '--help'], { env: env(), timeoutMs: 20_000 });
    expect(help.code).toBe(0);
    for (const flag of ['--namesrv-port', '--broker-port', '--grpc-port', '--store-dir', '-c,--configFile']) expect(help.stdout).toContain(flag);
  });

  it('mqnamesrv + mqbroker -c broker.conf: registers, sends, pulls, stops with 0 on SIGTERM and keeps the messages', async () => {
    const namesrvPort = await freePort();
    const brokerPort = await freePort();
    const storeDir = join(home, 'broker-store');
    const conf = join(home, 'broker.conf');
    await writeFile(
      conf,
      [
        'brokerClusterName=BinCluster',
        'brokerName=broker-bin',
        'brokerId=0',
        `listenPort=${brokerPort}`,
        'grpcServerPort=0',
        'brokerIP1=127.0.0.1',
        `storePathRootDir=${storeDir}`,
        'brokerRole=ASYNC_MASTER',
        'flushDiskType=ASYNC_FLUSH',
        'deleteWhen=04',
        'fileReservedTime=48',
        'enableDLegerCommitLog=false',
        '',
      ].join('\n'),
    );
    const namesrvConf = join(home, 'namesrv.conf');
    await writeFile(namesrvConf, `listenPort=${namesrvPort}\nbindAddress=127.0.0.1\nkvConfigPath=${join(home, 'kv.json')}\n`);
    const namesrv = start('mqnamesrv', NAMESRV_BIN, ['-c', namesrvConf]);
    await waitForLogLine(namesrv.logFile, /The Name Server boot success/, namesrv.process, BOOT_TIMEOUT_MS);
    const namesrvAddr = `127.0.0.1:${namesrvPort}`;
    const brokerAddr = `127.0.0.1:${brokerPort}`;

    const broker = start('mqbroker', BROKER_BIN, ['-n', namesrvAddr, '-c', conf]);
    const boot = `The broker[broker-bin, ${brokerAddr}] boot success. serializeType=JSON and name server is ${namesrvAddr}`;
    await waitForLogLine(broker.logFile, new RegExp(boot.replace(/[.[\]]/g, '\\$&')), broker.process, BOOT_TIMEOUT_MS);
    expect(await readFile(broker.logFile, 'utf8')).toMatch(/"key":"enableDLegerCommitLog".*unknown config key/);

    const route = await client.invoke(
      namesrvAddr,
      RemotingCommand.createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, GetRouteInfoRequestHeader.encode({ topic: 'broker-bin' })),
      3000,
    );
    expect(route.code).toBe(ResponseCode.SUCCESS);

    expect((await send(brokerAddr, 'BinTopic', 'kept across restarts')).code).toBe(ResponseCode.SUCCESS);
    expect(await pullBodies(brokerAddr, 'BinTopic')).toEqual(['kept across restarts']);
    await stopCleanly(broker.process);

    const restarted = start('mqbroker', BROKER_BIN, ['-n', namesrvAddr, '-c', conf]);
    await waitForLogLine(restarted.logFile, /boot success/, restarted.process, BOOT_TIMEOUT_MS);
    expect(await pullBodies(brokerAddr, 'BinTopic')).toEqual(['kept across restarts']);
    await stopCleanly(restarted.process);
    await stopCleanly(namesrv.process);
  });

  it('mqserver (all-in-one) with -c broker.conf: sends, pulls, stops with 0 on SIGTERM and keeps the messages', async () => {
    const namesrvPort = await freePort();
    const brokerPort = await freePort();
    const storeDir = join(home, 'mq-store');
    const conf = join(home, 'mq-broker.conf');
    await writeFile(conf, 'brokerName=broker-mq\nlistenPort=1\n');
    const args = ['-c', conf, '--namesrv-port', String(namesrvPort), '--broker-port', String(brokerPort), '--grpc-port', '0', '--store-dir', storeDir];
    const brokerAddr = `127.0.0.1:${brokerPort}`;

    const mq = start('mqserver', SERVER_BIN, args);
    await waitForLogLine(mq.logFile, new RegExp(`The broker\\[broker-mq, 127\\.0\\.0\\.1:${brokerPort}\\] boot success`), mq.process, BOOT_TIMEOUT_MS);
    await waitForLogLine(mq.logFile, /gRPC API \(apache\.rocketmq\.v2\) listening on 127\.0\.0\.1:[1-9]\d*/, mq.process, BOOT_TIMEOUT_MS);
    expect((await send(brokerAddr, 'MqTopic', 'all in one')).code).toBe(ResponseCode.SUCCESS);
    expect(await pullBodies(brokerAddr, 'MqTopic')).toEqual(['all in one']);
    await stopCleanly(mq.process);
    expect(existsSync(join(storeDir, 'commitlog'))).toBe(true);

    const restarted = start('mqserver', SERVER_BIN, args);
    await waitForLogLine(restarted.logFile, /boot success/, restarted.process, BOOT_TIMEOUT_MS);
    expect(await pullBodies(brokerAddr, 'MqTopic')).toEqual(['all in one']);
    await stopCleanly(restarted.process);
  });
});

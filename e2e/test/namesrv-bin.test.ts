import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RemotingClient, RemotingCommand, RequestCode, ResponseCode } from '@mq/remoting';
import { waitForLogLine } from '../support/log-lines';
import { ManagedProcess, runToCompletion } from '../support/processes';

/** The published bin, as `npm test` builds it (nx build) before jest runs. */
const BIN = join(__dirname, '..', '..', 'packages', 'namesrv', 'dist', 'bin', 'mqnamesrv.js');

describe('mqnamesrv bin (packages/namesrv/dist)', () => {
  let home: string;
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, HOME: home, MQ_LOG_LEVEL: 'warn' });
  const runBin = (args: readonly string[]) => runToCompletion(process.execPath, [BIN, ...args], { env: env(), timeoutMs: 20_000 });

  beforeAll(async () => {
    if (!existsSync(BIN)) {
      throw new Error(`${BIN} is missing: build the packages first with \`npx nx run-many -t build\` (npm test does this)`);
    }
    home = await mkdtemp(join(tmpdir(), 'mqnamesrv-home-'));
  });

  afterAll(async () => {
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('prints the effective config with -p, including the -c file', async () => {
    const conf = join(home, 'namesrv.conf');
    await writeFile(conf, 'listenPort=19876\norderMessageEnable = true\n');
    const { code, stdout, stderr } = await runBin(['-c', conf, '-p']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('listenPort=19876\n');
    expect(stdout).toContain('orderMessageEnable=true\n');
    expect(stdout).toContain(`configStorePath=${conf}\n`);
  });

  it('refuses a bad config value naming the key, and an unknown option with the usage', async () => {
    const conf = join(home, 'bad.conf');
    await writeFile(conf, 'listenPort=ninety\n');
    const badValue = await runBin(['-c', conf, '-p']);
    expect(badValue.code).toBe(1);
    expect(badValue.stderr).toContain('listenPort');

    const badOption = await runBin(['--nope']);
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toContain('Unrecognized option: --nope');
    expect(badOption.stderr).toContain('usage: mqnamesrv');
  });

  it('serves requests, then stops on SIGTERM', async () => {
    const conf = join(home, 'run.conf');
    await writeFile(conf, `listenPort=0\nbindAddress=127.0.0.1\nkvConfigPath=${join(home, 'kv.json')}\n`);
    const logFile = join(home, 'namesrv.log');
    const namesrv = ManagedProcess.start({ name: 'mqnamesrv', command: process.execPath, args: [BIN, '-c', conf], env: env(), logFile });
    const client = new RemotingClient();
    try {
      const [, port] = await waitForLogLine(logFile, /The Name Server boot success\. serializeType=JSON, address 127\.0\.0\.1:(\d+)/, namesrv, 20_000);
      const response = await client.invoke(`127.0.0.1:${port}`, RemotingCommand.createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'T' }), 3000);
      expect(response.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    } finally {
      await client.shutdown();
      await namesrv.stop(10_000);
    }
    expect(namesrv.exitReason).toContain('exited with code 0');
  });
});

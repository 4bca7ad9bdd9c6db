// The harness's own building blocks, without Java: ports, processes, scenario outcomes.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { allOf, AVAILABLE } from '../support/availability';
import { brokerConfig, allocateClusterPorts, writeProperties } from '../support/cluster';
import { freePort, freePortWithNeighbours, isPortFree } from '../support/free-port';
import { cachedDirectory, hashSources } from '../support/maven';
import { countByQueue, expectedBodies, matchesTagExpression, nonZero, offsetsByQueue } from '../support/outcomes';
import { ManagedProcess, runToCompletion } from '../support/processes';
import { waitForPort } from '../support/wait-for-port';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ports', () => {
  test('a port in use is not free, and is free again once released', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    expect(await isPortFree(port)).toBe(false);
    await new Promise((resolve) => server.close(resolve));
    expect(await isPortFree(port)).toBe(true);
  });

  test('freePortWithNeighbours never hands out a port twice and checks the neighbours', async () => {
    const taken = new Set<number>();
    const first = await freePortWithNeighbours([-2, 1], taken);
    const second = await freePortWithNeighbours([-2, 1], taken);
    expect(new Set([first, first - 2, first + 1, second, second - 2, second + 1]).size).toBe(6);
    for (const port of [first - 2, first + 1]) expect(await isPortFree(port)).toBe(true);
  });

  test('cluster ports leave room for the fast channel (listenPort - 2) and HA (listenPort + 1)', async () => {
    const ports = await allocateClusterPorts();
    expect(ports.brokerHa).toBe(ports.broker + 1);
    expect([ports.broker - 2, ports.broker + 1]).not.toContain(ports.namesrv);
  });

  test('waitForPort resolves once something listens, and gives up when told to', async () => {
    const port = await freePort();
    const server = net.createServer();
    setTimeout(() => server.listen(port, '127.0.0.1'), 200);
    await waitForPort(port, { timeoutMs: 5000 });
    await new Promise((resolve) => server.close(resolve));

    const closed = await freePort();
    await expect(waitForPort(closed, { timeoutMs: 5000, abandon: () => 'server exited' })).rejects.toThrow('server exited');
    await expect(waitForPort(closed, { timeoutMs: 150 })).rejects.toThrow('within 150 ms');
  });
});

describe('processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-e2e-support-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('stop() ends the whole process group, grandchildren included', async () => {
    const pidFile = path.join(dir, 'grandchild.pid');
    const server = ManagedProcess.start({
      name: 'sh',
      command: 'sh',
      args: ['-c', `trap '' TERM; sleep 60 & echo $! > ${pidFile}; wait`],
      logFile: path.join(dir, 'sh.log'),
    });
    await waitUntil(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').trim() !== '', 5000);
    const grandchild = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(server.exitReason).toBeUndefined();
    await server.stop(200);
    expect(server.exitReason).toMatch(/^sh killed by SIGKILL/);
    await waitUntil(() => !isAlive(grandchild), 5000);
  });

  test('runToCompletion collects output and kills a command that overruns', async () => {
    const done = await runToCompletion('sh', ['-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 5000 });
    expect(done).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
    const slow = await runToCompletion('sleep', ['30'], { timeoutMs: 100 });
    expect(slow.timedOut).toBe(true);
    expect(slow.code).toBeNull();
  });

  test('runToCompletion reports a command that cannot start', async () => {
    const missing = await runToCompletion('/nonexistent/mq-e2e', [], { timeoutMs: 5000 });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/failed to start/);
  });

  test('cachedDirectory produces once and reuses the result', async () => {
    const target = path.join(dir, 'build');
    const produce = jest.fn(async (tmp: string) => fs.writeFileSync(path.join(tmp, 'out.txt'), 'built'));
    expect(await cachedDirectory(target, produce)).toBe(target);
    expect(await cachedDirectory(target, produce)).toBe(target);
    expect(produce).toHaveBeenCalledTimes(1);
    expect(fs.readFileSync(path.join(target, 'out.txt'), 'utf8')).toBe('built');
    await expect(cachedDirectory(path.join(dir, 'broken'), async () => Promise.reject(new Error('mvn failed')))).rejects.toThrow('mvn failed');
    expect(fs.readdirSync(dir)).toEqual(['build']);
  });

  test('hashSources changes with content and salt', () => {
    const src = path.join(dir, 'src');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'A.java'), 'class A {}');
    const before = hashSources([src], '4.9.8');
    expect(hashSources([src], '5.5.0')).not.toBe(before);
    fs.writeFileSync(path.join(src, 'A.java'), 'class A { }');
    expect(hashSources([src], '4.9.8')).not.toBe(before);
  });

  test('broker.conf is written as RocketMQ properties', () => {
    const file = path.join(dir, 'broker.conf');
    writeProperties(file, brokerConfig({ namesrv: 9876, broker: 10911, brokerHa: 10912, grpc: 8081 }, dir));
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines).toEqual(expect.arrayContaining(['listenPort=10911', 'haListenPort=10912', 'namesrvAddr=127.0.0.1:9876', 'autoCreateTopicEnable=true', 'brokerIP1=127.0.0.1']));
  });
});

describe('outcomes', () => {
  test('tag expressions match like a TAG subscription', () => {
    expect(matchesTagExpression('*', null)).toBe(true);
    expect(matchesTagExpression('TagA', 'TagA')).toBe(true);
    expect(matchesTagExpression('TagA', 'TagB')).toBe(false);
    expect(matchesTagExpression('TagA', null)).toBe(false);
    expect(matchesTagExpression('TagA || TagB', 'TagB')).toBe(true);
    expect(matchesTagExpression(' TagA||TagB ', 'TagC')).toBe(false);
  });

  test('expected bodies, per-queue counts and offsets', () => {
    const sent = [
      { status: 'SEND_OK', msgId: 'a', offsetMsgId: 'x', queueId: 1, queueOffset: 0, body: '1', tags: 'TagA' },
      { status: 'SEND_OK', msgId: 'b', offsetMsgId: 'y', queueId: 0, queueOffset: 0, body: '0', tags: null },
      { status: 'SEND_OK', msgId: 'c', offsetMsgId: 'z', queueId: 1, queueOffset: 1, body: '2', tags: 'TagB' },
    ];
    expect(expectedBodies(sent, 'TagA || TagB')).toEqual([1, 2]);
    expect(countByQueue(sent)).toEqual({ 0: 1, 1: 2 });
    expect(nonZero({ 0: 0, 1: 2 })).toEqual({ 1: 2 });
    const received = sent.map((m) => ({ ...m, body: m.body, tags: m.tags, keys: null, reconsumeTimes: 0 }));
    expect(offsetsByQueue(received)).toEqual({ 0: [0], 1: [0, 1] });
  });

  test('availability combines reasons', () => {
    expect(allOf(AVAILABLE, AVAILABLE)).toEqual(AVAILABLE);
    expect(allOf(AVAILABLE, { available: false, reason: 'no java' }, { available: false, reason: 'no bins' })).toEqual({
      available: false,
      reason: 'no java; no bins',
    });
  });
});

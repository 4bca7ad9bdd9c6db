// @mq/client failure paths against our built mqnamesrv and mqbroker, as real processes:
// a broker SIGKILLed while a producer sends, and a name server that only appears after the
// producer and a push consumer started.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MQError, Message, type MessageExt } from '@mq/common';
import { Admin, Producer, PushConsumer, type SendResult } from '@mq/client';
import { describeIf } from '../support/availability';
import { brokerConfig, namesrvConfig, writeProperties, type ClusterPorts } from '../support/cluster';
import { freePortWithNeighbours } from '../support/free-port';
import { ourBinaries } from '../support/our-cluster';
import { ManagedProcess } from '../support/processes';
import { waitForPort } from '../support/wait-for-port';

const PACKAGES = path.resolve(__dirname, '..', '..', 'packages');
const NAMESRV_BIN = path.join(PACKAGES, 'namesrv', 'dist', 'bin', 'mqnamesrv.js');
const BROKER_BIN = path.join(PACKAGES, 'broker', 'dist', 'bin', 'mqbroker.js');
const CLUSTER = 'DefaultCluster';
const SEND_TIMEOUT_MS = 3000;
/** A send that has not settled this long after its own timeout counts as hung. */
const HANG_MARGIN_MS = 5000;
const START_TIMEOUT_MS = 60_000;

let sequence = 0;
function unique(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${sequence++}`;
}

async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A call that neither resolved nor rejected in time. */
class Hang extends Error {}

/** Settles like `promise`, or rejects with {@link Hang} once it has been pending for `ms`: a hang is a failure, not a stuck test. */
function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Hang(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, hung]).finally(() => clearTimeout(timer));
}

/**
 * A server of ours in its own process group. It runs through `sh -c 'echo $$ > pidfile; exec node ...'`
 * so the test knows its pid and can SIGKILL it like a crash (ManagedProcess only stops gracefully first).
 */
class Server {
  private process: ManagedProcess | undefined;

  constructor(
    private readonly name: string,
    private readonly workDir: string,
    private readonly nodeArgs: readonly string[],
    readonly port: number,
  ) {}

  async start(): Promise<void> {
    const pidFile = path.join(this.workDir, `${this.name}.pid`);
    fs.rmSync(pidFile, { force: true });
    const script = `echo $$ > '${pidFile}'; exec '${process.execPath}' ${this.nodeArgs.map((arg) => `'${arg}'`).join(' ')}`;
    const server = ManagedProcess.start({ name: this.name, command: 'sh', args: ['-c', script], cwd: this.workDir, logFile: path.join(this.workDir, `${this.name}.log`) });
    this.process = server;
    await waitForPort(this.port, { timeoutMs: START_TIMEOUT_MS, abandon: () => server.exitReason });
  }

  /** SIGKILL, no shutdown hooks: what a crash or `kill -9` leaves behind. */
  async crash(): Promise<void> {
    const pid = Number(fs.readFileSync(path.join(this.workDir, `${this.name}.pid`), 'utf8'));
    process.kill(-pid, 'SIGKILL');
    await this.process?.exited;
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }
}

/** Name server and brokers of one test, all in `workDir`. */
class TestCluster {
  private readonly servers: Server[] = [];
  private readonly taken = new Set<number>();
  readonly namesrvAddr: string;

  private constructor(
    readonly workDir: string,
    private readonly namesrvPort: number,
  ) {
    this.namesrvAddr = `127.0.0.1:${namesrvPort}`;
    this.taken.add(namesrvPort);
  }

  /** Picks the name server's port; nothing runs yet. */
  static async create(workDir: string): Promise<TestCluster> {
    return new TestCluster(workDir, await freePortWithNeighbours([], new Set()));
  }

  async startNamesrv(): Promise<Server> {
    const conf = path.join(this.workDir, 'namesrv.conf');
    writeProperties(conf, namesrvConfig(await this.ports()));
    return this.started(new Server('namesrv', this.workDir, [NAMESRV_BIN, '-c', conf], this.namesrvPort));
  }

  /** A master named `brokerName` with a store of its own; `start()` it again after a crash to recover that store. */
  async startBroker(brokerName: string): Promise<Server> {
    const ports = await this.ports();
    const dir = path.join(this.workDir, brokerName);
    fs.mkdirSync(dir, { recursive: true });
    const conf = path.join(dir, 'broker.conf');
    writeProperties(conf, { ...brokerConfig(ports, dir), brokerName, grpcServerPort: -1 });
    return this.started(new Server(brokerName, dir, [BROKER_BIN, '-n', this.namesrvAddr, '-c', conf], ports.broker));
  }

  async stop(): Promise<void> {
    for (const server of [...this.servers].reverse()) await server.stop();
  }

  private async started(server: Server): Promise<Server> {
    this.servers.push(server);
    await server.start();
    return server;
  }

  private async ports(): Promise<ClusterPorts> {
    const broker = await freePortWithNeighbours([-2, 1], this.taken);
    return { namesrv: this.namesrvPort, broker, brokerHa: broker + 1, grpc: -1 };
  }
}

/** Creates `topic` on every master of the cluster once `brokerCount` of them registered, and waits for its route. */
async function createTopic(namesrvAddr: string, topic: string, brokerCount: number): Promise<void> {
  const admin = new Admin({ namesrvAddr, instanceName: unique('admin') });
  await admin.start();
  try {
    await eventually(async () => (await admin.clusterMasters(CLUSTER).catch(() => [])).length >= brokerCount, START_TIMEOUT_MS, `${brokerCount} masters registered`);
    await admin.createTopicInCluster(CLUSTER, { topic, readQueueNums: 4, writeQueueNums: 4 });
    await eventually(async () => (await admin.topicRoute(topic).catch(() => undefined))?.brokerDatas.length === brokerCount, 30_000, `route of ${topic} on ${brokerCount} brokers`);
  } finally {
    await admin.shutdown();
  }
}

/** A started push consumer of `topic` from the first offset, collecting every message it receives. */
async function startCollector(namesrvAddr: string, topic: string, received: MessageExt[], tuning: { pollNameServerIntervalMs?: number } = {}): Promise<PushConsumer> {
  const consumer = new PushConsumer({
    namesrvAddr,
    group: unique('CG'),
    instanceName: unique('c'),
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    ...tuning,
  });
  consumer.subscribe(topic, '*');
  consumer.registerMessageListener((messages) => {
    received.push(...messages);
    return 'CONSUME_SUCCESS';
  });
  await consumer.start();
  return consumer;
}

type SendOutcome = { startedAfterCrash: boolean } & ({ result: SendResult } | { error: unknown });

describeIf(ourBinaries(), '@mq/client failure paths against our servers', () => {
  let workDir = '';
  let cluster: TestCluster | undefined;
  const clients: Array<{ shutdown(): Promise<void> }> = [];

  beforeEach(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-client-failover-'));
    cluster = await TestCluster.create(workDir);
  });
  afterEach(async () => {
    for (const client of clients.splice(0).reverse()) await client.shutdown().catch(() => undefined);
    await cluster?.stop();
    if (workDir && !process.env.MQ_E2E_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  test('a broker killed mid-run: sends retry on the live broker, nothing acknowledged is lost', async () => {
    const c = cluster!;
    await c.startNamesrv();
    await c.startBroker('broker-a');
    const brokerB = await c.startBroker('broker-b');
    const topic = unique('Failover');
    await createTopic(c.namesrvAddr, topic, 2);

    const producer = new Producer({ namesrvAddr: c.namesrvAddr, group: unique('PG'), instanceName: unique('p'), sendMsgTimeoutMs: SEND_TIMEOUT_MS });
    clients.push(producer);
    await producer.start();

    const outcomes: SendOutcome[] = [];
    let crashed = false;
    let stop = false;
    let hang: Hang | undefined;
    const acked = (broker: string) => outcomes.filter((o) => 'result' in o && o.result.messageQueue.brokerName === broker).length;
    const sender = (async () => {
      for (let i = 0; !stop; i++) {
        const startedAfterCrash = crashed;
        const send = producer.send(new Message(topic, Buffer.from(`m-${i}`)));
        try {
          outcomes.push({ startedAfterCrash, result: await withinMs(send, SEND_TIMEOUT_MS + HANG_MARGIN_MS, `send ${i}`) });
        } catch (error) {
          if (error instanceof Hang) {
            hang = error;
            return;
          }
          outcomes.push({ startedAfterCrash, error });
        }
      }
    })();

    await eventually(() => hang !== undefined || (acked('broker-a') >= 20 && acked('broker-b') >= 20), 30_000, '20 messages acknowledged by each broker');
    await brokerB.crash();
    crashed = true;
    const sentBeforeCrash = outcomes.length;
    await eventually(() => hang !== undefined || outcomes.length >= sentBeforeCrash + 60, 60_000, '60 sends after the crash');
    stop = true;
    await sender;
    expect(hang).toBeUndefined();

    const failures = outcomes.flatMap((o) => ('error' in o ? [o.error] : []));
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(MQError);
      expect((failure as MQError).message).toMatch(/broker|send|connect|timeout/i);
    }
    const afterCrash = outcomes.filter((o) => o.startedAfterCrash);
    expect(afterCrash.length).toBeGreaterThanOrEqual(60);
    for (const outcome of afterCrash) {
      expect('result' in outcome ? `${outcome.result.status}@${outcome.result.messageQueue.brokerName}` : String(outcome.error)).toBe('SEND_OK@broker-a');
    }

    await brokerB.start();
    await createTopic(c.namesrvAddr, topic, 2); // waits until broker-b is routed again; the topic already exists on both
    const ackedIds = new Set(outcomes.flatMap((o) => ('result' in o ? [o.result.msgId] : [])));
    const received: MessageExt[] = [];
    clients.push(await startCollector(c.namesrvAddr, topic, received));
    const consumedIds = new Set<string>();
    await eventually(
      () => {
        for (const message of received.splice(0)) consumedIds.add(message.uniqKey ?? message.msgId);
        return [...ackedIds].every((id) => consumedIds.has(id));
      },
      60_000,
      `all ${ackedIds.size} acknowledged messages consumed`,
    );
    expect([...ackedIds].filter((id) => !consumedIds.has(id))).toEqual([]);
  }, 180_000);

  test('name server down at start: a clear error first, then sends and consumption once it is up', async () => {
    const c = cluster!;
    const topic = unique('Late');
    const tuning = { pollNameServerIntervalMs: 1000 };
    const producer = new Producer({ namesrvAddr: c.namesrvAddr, group: unique('PG'), instanceName: unique('p'), sendMsgTimeoutMs: SEND_TIMEOUT_MS, ...tuning });
    clients.push(producer);
    await producer.start();

    const early = producer.send(new Message(topic, Buffer.from('too early')));
    const failure = await withinMs(early, SEND_TIMEOUT_MS + HANG_MARGIN_MS, 'send without a name server').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(MQError);
    expect((failure as MQError).message).toContain(c.namesrvAddr);

    const received: MessageExt[] = [];
    clients.push(await withinMs(startCollector(c.namesrvAddr, topic, received, tuning), SEND_TIMEOUT_MS + HANG_MARGIN_MS, 'consumer start without a name server'));

    await c.startNamesrv();
    await c.startBroker('broker-a');
    await createTopic(c.namesrvAddr, topic, 1);

    const results = [];
    for (let i = 0; i < 8; i++) results.push(await producer.send(new Message(topic, Buffer.from(`late-${i}`))));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('SEND_OK'));

    const sentIds = results.map((r) => r.msgId);
    await eventually(() => sentIds.every((id) => received.some((m) => m.uniqKey === id)), 60_000, 'the consumer to receive all 8 messages');
  }, 180_000);
});

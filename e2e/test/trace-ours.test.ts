import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Admin, Producer, PushConsumer, decodeTraceData, type SendResult, type TraceContext, type TraceView } from '@mq/client';
import { Message, type MessageExt } from '@mq/common';
import { allOf, AVAILABLE, describeIf, type Availability } from '../support/availability';
import type { Cluster } from '../support/cluster';
import { buildDrivers, runDriver, type DriverBuild, type DriverResult } from '../support/java';
import { javaToolchain } from '../support/maven';
import { apacheMqadmin, type MqadminFactory } from '../support/mqadmin-tools';
import { ourBinaries, startOurCluster } from '../support/our-cluster';

const MQADMIN = join(__dirname, '..', '..', 'packages', 'tools', 'dist', 'bin', 'mqadmin.js');
const TRACE_TOPIC = 'RMQ_SYS_TRACE_TOPIC';
const WAIT_MS = 30_000;
/** Apache's mqadmin exits 0 even when a sub-command fails: it prints the exception instead. */
const APACHE_FAILURE_SIGNS = /command failed|Exception/;

function mqadminBuilt(): Availability {
  return existsSync(MQADMIN) ? AVAILABLE : { available: false, reason: 'packages/tools/dist is not built (run `npm run build`)' };
}

interface TraceDriverResult extends DriverResult {
  msgIds: string[];
  consumed: number;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describeIf(allOf(javaToolchain(), ourBinaries(), mqadminBuilt()), 'message trace on our cluster (traceTopicEnable=true)', () => {
  let workDir: string;
  let cluster: Cluster;
  let drivers: DriverBuild;
  let apacheTool: MqadminFactory;
  let admin: Admin;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'trace-e2e-'));
    const builds = Promise.all([buildDrivers('5.5.0'), apacheMqadmin()]);
    builds.catch(() => undefined); // awaited below, after the cluster is up (and so stopped in afterAll)
    cluster = await startOurCluster(workDir, { traceTopicEnable: true });
    admin = new Admin({ namesrvAddr: cluster.namesrvAddr });
    await admin.start();
    // A listening broker may not have registered yet; its first registration routes TBW102 and the trace topic.
    await eventually('the broker registration', async () => ((await admin.topicRoute(TRACE_TOPIC)).brokerDatas.length > 0 ? true : undefined));
    [drivers, apacheTool] = await builds;
  }, 300_000);

  afterAll(async () => {
    await admin?.shutdown();
    await cluster?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  async function queryMsgTraceById(msgId: string, ...extra: string[]): Promise<string> {
    const env = { ...process.env, HOME: workDir, MQ_LOG_LEVEL: 'error' };
    const { stdout } = await promisify(execFile)(process.execPath, [MQADMIN, 'queryMsgTraceById', '-n', cluster.namesrvAddr, '-i', msgId, ...extra], { env, timeout: 60_000 });
    return stdout;
  }

  it('Java client traces (enableMsgTrace) are read by our mqadmin queryMsgTraceById', async () => {
    const result = await runDriver<TraceDriverResult>(drivers, 'TraceDriver', { namesrv: cluster.namesrvAddr, topic: 'E2E_trace_java', group: 'GID_trace_java', count: 3 }, {
      clientHome: workDir,
      timeoutMs: 90_000,
    });
    expect(result.consumed).toBe(3);
    for (const msgId of result.msgIds) {
      const views = await eventually(`Pub and SubAfter records of ${msgId}`, async () => {
        const found = JSON.parse(await queryMsgTraceById(msgId, '--json')) as TraceView[];
        const types = new Set(found.map((view) => view.traceType));
        return ['Pub', 'SubBefore', 'SubAfter'].every((type) => types.has(type as TraceView['traceType'])) ? found : undefined;
      });
      expect(views.find((view) => view.traceType === 'Pub')).toMatchObject({ groupName: 'GID_trace_java_PRODUCER', topic: 'E2E_trace_java', tags: 'TagTrace', status: 'success' });
      expect(views.find((view) => view.traceType === 'SubAfter')).toMatchObject({ groupName: 'GID_trace_java', status: 'success' });
    }
    const text = await queryMsgTraceById(result.msgIds[0]!);
    expect(text).toMatch(/^#Type\s+#ProducerGroup\s+#ClientHost\s+#SendTime\s+#CostTimes\s+#Status\s*\nPub\s+GID_trace_java_PRODUCER\s/);
    expect(text).toMatch(/\nSub\s+GID_trace_java\s+\S+\s+\S+ \S+\s+\d+ms\s+success/);
  }, 180_000);

  /** Our Producer sends one message that our PushConsumer consumes, both with trace enabled. */
  async function sendAndConsumeTraced(topic: string, group: string): Promise<SendResult> {
    const namesrvAddr = cluster.namesrvAddr;
    const producer = new Producer({ namesrvAddr, group: `${group}_PRODUCER`, enableTrace: true });
    const consumer = new PushConsumer({ namesrvAddr, group, enableTrace: true, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    const consumed: MessageExt[] = [];
    consumer.subscribe(topic, '*');
    consumer.registerMessageListener((messages) => {
      consumed.push(...messages);
      return 'CONSUME_SUCCESS';
    });
    try {
      await producer.start();
      const sent = await producer.send(new Message(topic, Buffer.from('ours'), { tags: 'TagOurs', keys: 'ours-1' }));
      await consumer.start();
      await eventually('consumption', async () => (consumed.some((message) => message.msgId === sent.msgId) ? true : undefined));
      return sent;
    } finally {
      await consumer.shutdown();
      await producer.shutdown();
    }
  }

  /** Waits until the trace topic holds the Pub, SubBefore and SubAfter records of `msgId`, read with our Admin and decoder. */
  function awaitTraceRecords(msgId: string): Promise<TraceContext[]> {
    return eventually(`Pub, SubBefore and SubAfter records of ${msgId}`, async () => {
      const messages = await admin.queryMessageByKey(TRACE_TOPIC, msgId);
      const found = messages.flatMap((message) => decodeTraceData(message.body.toString('utf8'))).filter((record) => record.traceBeans[0]?.msgId === msgId);
      const types = new Set(found.map((record) => record.traceType));
      return types.has('Pub') && types.has('SubBefore') && types.has('SubAfter') ? found : undefined;
    });
  }

  it('our client traces land in the trace topic in the Java trace data format', async () => {
    const sent = await sendAndConsumeTraced('E2E_trace_ours', 'GID_trace_ours');
    const records = await awaitTraceRecords(sent.msgId);
    expect(records.find((record) => record.traceType === 'Pub')!.traceBeans[0]).toMatchObject({ topic: 'E2E_trace_ours', tags: 'TagOurs', keys: 'ours-1', offsetMsgId: sent.offsetMsgId });
    expect(await queryMsgTraceById(sent.msgId)).toMatch(/\nSub\s+GID_trace_ours\s/);
  }, 120_000);

  it("our client traces are read by Apache's mqadmin queryMsgTraceById", async () => {
    const sent = await sendAndConsumeTraced('E2E_trace_apache', 'GID_trace_apache');
    await awaitTraceRecords(sent.msgId);

    const tool = apacheTool(cluster.namesrvAddr, join(workDir, 'apache-mqadmin'));
    const run = await tool.run(['queryMsgTraceById', '-i', sent.msgId]).finally(() => tool.close());
    const output = `${run.stdout}\n${run.stderr}`;
    expect({ code: run.code, failed: APACHE_FAILURE_SIGNS.test(output), output }).toMatchObject({ code: 0, failed: false });
    // Apache prints a Pub row only for a Pub record it fully decoded whose msgId is the queried one.
    expect(run.stdout).toMatch(/^#Type\s+#ProducerGroup\s+#ClientHost\s+#SendTime\s+#CostTimes\s+#Status\s*\nPub\s+GID_trace_apache_PRODUCER\s+\S+\s+\S+ \S+\s+\d+ms\s+success\s*$/m);
    expect(run.stdout).toMatch(/^#Type\s+#ConsumerGroup\s+#ClientHost\s+#ConsumerTime\s+#CostTimes\s+#Status\s*\nSub\s+GID_trace_apache\s+\S+\s+\S+ \S+\s+\d+ms\s+success\s*$/m);
  }, 120_000);
});

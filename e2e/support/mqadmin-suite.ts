import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Admin, Producer, PushConsumer } from '@mq/client';
import { Message } from '@mq/common';
import { describeIf, type Availability } from './availability';
import type { Cluster } from './cluster';
import type { MqadminFactory, MqadminTool } from './mqadmin-tools';

/** Which mqadmin runs against which servers. */
export interface MqadminTarget {
  title: string;
  prerequisites(): Availability;
  startCluster(workDir: string): Promise<Cluster>;
  /** Prepares the mqadmin under test (runs while the cluster starts). */
  tool(): Promise<MqadminFactory>;
}

const CLUSTER = 'DefaultCluster';
const BROKER_NAME = 'broker-e2e';
const TOPIC = 'MqadminProofTopic';
const GROUP = 'MqadminProofGroup';
const PRODUCER_GROUP = 'MqadminProofProducer';
const KV_NAMESPACE = 'MQADMIN_PROOF';
const POLL_MS = 200;
const WAIT_MS = 30_000;
/** A step runs a few tool commands (the first of Apache's also starts its JVM). */
const STEP_TIMEOUT_MS = 90_000;

/** Apache's mqadmin exits 0 even when a sub-command fails: it prints the exception instead. */
const FAILURE_SIGNS = /command failed|Exception/;

/** Apache's mqadmin writes queried bodies here whatever its environment says. */
const APACHE_BODY_DIR = '/tmp/rocketmq/msgbodys';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function capture(text: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(text);
  if (!match?.[1]) throw new Error(`no ${what} (${pattern}) in:\n${text}`);
  return match[1];
}

/**
 * The mqadmin proof (issue #8): every sub-command below runs once against a fresh cluster and
 * its printed result is checked, in an order where each step builds on the previous ones
 * (topic, then messages, then a group that consumes them, then clean-up). The same table
 * holds for Apache's mqadmin on our servers and for ours on Apache's, so the two tools must
 * print the same rows and the two server implementations must answer the same.
 */
export function describeMqadminSuite(target: MqadminTarget): void {
  describeIf(target.prerequisites(), target.title, () => {
    let workDir = '';
    let cluster: Cluster | undefined;
    let tool: MqadminTool;
    let admin: Admin;
    let brokerAddr = '';
    const queriedIds: string[] = [];

    async function ok(...args: string[]): Promise<string> {
      const run = await tool.run(args);
      const output = `${run.stdout}\n${run.stderr}`;
      if (run.code !== 0 || FAILURE_SIGNS.test(output)) {
        throw new Error(`${tool.name} ${args.join(' ')} exited ${run.code}${run.timedOut ? ' (timed out)' : ''}:\n${output}`);
      }
      return run.stdout;
    }

    /** Runs a sub-command that must fail; returns everything it printed. */
    async function fails(...args: string[]): Promise<string> {
      const run = await tool.run(args);
      const output = `${run.stdout}\n${run.stderr}`;
      if (run.code === 0 && !FAILURE_SIGNS.test(output)) throw new Error(`${tool.name} ${args.join(' ')} succeeded:\n${output}`);
      return output;
    }

    async function route(): Promise<{ perm: number; readQueueNums: number }> {
      return (await admin.topicRoute(TOPIC)).queueDatas[0];
    }

    beforeAll(async () => {
      workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-mqadmin-e2e-'));
      const preparing = target.tool();
      preparing.catch(() => undefined); // awaited below, once the cluster is up
      const running = await target.startCluster(workDir);
      cluster = running;
      tool = (await preparing)(running.namesrvAddr, path.join(workDir, 'tool-home'));
      brokerAddr = running.brokerAddr;
      admin = new Admin({ namesrvAddr: running.namesrvAddr });
      await admin.start();
      await waitFor('the broker registration', async () => ((await admin.clusterMasters(CLUSTER)).includes(brokerAddr) ? true : undefined));
    }, 240_000);

    afterAll(async () => {
      await tool?.close();
      await admin?.shutdown();
      await cluster?.stop();
      if (workDir && !process.env.MQ_E2E_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
      for (const id of queriedIds) fs.rmSync(path.join(APACHE_BODY_DIR, id), { force: true });
    }, 60_000);

    it('clusterList, brokerStatus and getBrokerConfig describe the broker', async () => {
      const [clusters, status] = await Promise.all([ok('clusterList'), ok('brokerStatus', '-b', brokerAddr)]);
      expect(clusters).toMatch(new RegExp(`^${CLUSTER}\\s+${BROKER_NAME}\\s+0\\s+${escape(brokerAddr)}\\s+V\\d+_\\d+_\\d+\\s`, 'm'));
      expect(status).toMatch(/^brokerVersionDesc\s+: V\d+_\d+_\d+$/m);
      expect(status).toMatch(/^brokerActive\s+: true$/m);
      const [config, volumes] = await Promise.all([ok('getBrokerConfig', '-b', brokerAddr), ok('clusterList', '-m')]);
      expect(config).toContain(`============${brokerAddr}============`);
      expect(config).toMatch(new RegExp(`^brokerName\\s+=\\s+${BROKER_NAME}$`, 'm'));
      expect(config).toMatch(new RegExp(`^brokerClusterName\\s+=\\s+${CLUSTER}$`, 'm'));
      expect(volumes).toMatch(/^#Cluster Name\s+#Broker Name\s+#InTotalYest\s+#OutTotalYest\s+#InTotalToday\s+#OutTotalToday$/m);
      expect(volumes).toMatch(new RegExp(`^${CLUSTER}\\s+${BROKER_NAME}\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+$`, 'm'));
    }, STEP_TIMEOUT_MS);

    it('updateTopic creates a topic that topicList, topicRoute, topicClusterList and topicStatus show', async () => {
      const created = await ok('updateTopic', '-c', CLUSTER, '-t', TOPIC, '-r', '4', '-w', '4', '-a', '+message.type=NORMAL');
      expect(created).toContain(`create topic to ${brokerAddr} success.`);
      expect(created).toContain(`TopicConfig [topicName=${TOPIC}, readQueueNums=4, writeQueueNums=4, perm=RW-, `);
      expect(created).toContain('attributes={+message.type=NORMAL}]');
      await waitFor('the topic route', async () => ((await route()) ? true : undefined));
      const [topics, routeJson] = await Promise.all([ok('topicList'), ok('topicRoute', '-t', TOPIC)]);
      expect(topics.split('\n')).toContain(TOPIC);
      expect(topics.split('\n')).toContain('TBW102');
      expect(routeJson).toMatch(new RegExp(`"brokerName":\\s*"${BROKER_NAME}"`));
      expect(routeJson).toMatch(new RegExp(`"?0"?:\\s*"${escape(brokerAddr)}"`));
      expect(routeJson).toMatch(/"perm":\s*6/);
      expect(routeJson).toMatch(/"readQueueNums":\s*4/);
      const [table, clusters] = await Promise.all([ok('topicRoute', '-t', TOPIC, '-l'), ok('topicClusterList', '-t', TOPIC)]);
      expect(table).toMatch(new RegExp(`^${CLUSTER}\\s+${BROKER_NAME}\\s+\\{0=${escape(brokerAddr)}\\}\\s+4\\s+4\\s+6\\s*$`, 'm'));
      expect(clusters.trim()).toBe(CLUSTER);
      const [status, refused] = await Promise.all([
        ok('topicStatus', '-t', TOPIC),
        fails('updateTopic', '-c', CLUSTER, '-t', `${TOPIC}Refused`, '-a', '+message.type=NO_SUCH_TYPE'),
      ]);
      // Java's broker answers a bad attribute with SYSTEM_ERROR: its attribute checks throw RuntimeException.
      expect(refused).toMatch(/CODE: 1 |SYSTEM_ERROR \(1\)/);
      expect(status).toMatch(/^#Broker Name\s+#QID\s+#Min Offset\s+#Max Offset\s+#Last Updated\s*$/m);
      for (let queueId = 0; queueId < 4; queueId++) expect(status).toMatch(new RegExp(`^${BROKER_NAME}\\s+${queueId}\\s+0\\s+0\\s*$`, 'm'));
    }, STEP_TIMEOUT_MS);

    it('updateTopicPerm changes the permission in the route, by broker and by cluster', async () => {
      expect(await ok('updateTopicPerm', '-b', brokerAddr, '-t', TOPIC, '-p', '4')).toContain(`update topic perm from 6 to 4 in ${brokerAddr} success.`);
      await waitFor('perm 4 in the route', async () => ((await route()).perm === 4 ? true : undefined));
      expect(await ok('updateTopicPerm', '-c', CLUSTER, '-t', TOPIC, '-p', '6')).toContain(`update topic perm from 4 to 6 in ${brokerAddr} success.`);
      await waitFor('perm 6 in the route', async () => ((await route()).perm === 6 ? true : undefined));
    }, STEP_TIMEOUT_MS);

    let msgId = '';
    let offsetMsgId = '';

    it('sendMessage stores messages that queryMsgByKey, ByUniqueKey, ByOffset, ById, printMsg and consumeMessage find', async () => {
      const [first, second] = await Promise.all([
        ok('sendMessage', '-t', TOPIC, '-p', 'hello mqadmin', '-k', 'proof-key', '-c', 'TagA', '-b', BROKER_NAME, '-i', '1'),
        ok('sendMessage', '-t', TOPIC, '-p', 'second body', '-k', 'other-key', '-c', 'TagB', '-b', BROKER_NAME, '-i', '2'),
      ]);
      expect(first).toMatch(/^#Broker Name\s+#QID\s+#Send Result\s+#MsgId$/m);
      msgId = capture(first, new RegExp(`^${BROKER_NAME}\\s+1\\s+SEND_OK\\s+([0-9A-F]{32,})\\s*$`, 'm'), 'SEND_OK row for queue 1');
      expect(second).toMatch(new RegExp(`^${BROKER_NAME}\\s+2\\s+SEND_OK\\s+[0-9A-F]{32,}\\s*$`, 'm'));
      queriedIds.push(msgId);

      const [byKey, byOffset] = await Promise.all([
        ok('queryMsgByKey', '-t', TOPIC, '-k', 'proof-key'),
        ok('queryMsgByOffset', '-t', TOPIC, '-b', BROKER_NAME, '-i', '1', '-o', '0'),
      ]);
      expect(byKey).toMatch(new RegExp(`^${msgId}\\s+1\\s+0(\\s|$)`, 'm'));
      expect(byKey).not.toContain('other-key');
      offsetMsgId = capture(byOffset, /^OffsetID:\s+([0-9A-F]{32})$/m, 'OffsetID line');
      expect(byOffset).toMatch(/^Tags:\s+\[TagA\]$/m);
      expect(byOffset).toMatch(/^Keys:\s+\[proof-key\]$/m);
      expect(byOffset).toMatch(/^Queue ID:\s+1$/m);

      const [byUniqueKey, byId] = await Promise.all([
        ok('queryMsgByUniqueKey', '-t', TOPIC, '-i', msgId),
        ok('queryMsgById', '-t', TOPIC, '-i', offsetMsgId, '-f', 'UTF-8'),
      ]);
      expect(byUniqueKey).toMatch(/^Keys:\s+\[proof-key\]$/m);
      expect(byUniqueKey).toMatch(/^Queue Offset:\s+0$/m);
      expect(byId).toMatch(new RegExp(`^OffsetID:\\s+${offsetMsgId}$`, 'm'));
      expect(byId).toMatch(/^Message Body:\s+hello mqadmin$/m);
      expect(byId).toMatch(new RegExp(`^Store Host:\\s+${escape(brokerAddr)}$`, 'm'));

      const [printed, consumed] = await Promise.all([
        ok('printMsg', '-t', TOPIC),
        ok('consumeMessage', '-t', TOPIC, '-b', BROKER_NAME, '-i', '1', '-o', '0', '-c', '1'),
      ]);
      expect(printed).toContain(`MSGID: ${msgId} `);
      expect(printed).toMatch(/BODY: hello mqadmin$/m);
      expect(printed).toMatch(/BODY: second body$/m);
      expect(consumed).toMatch(/BODY: hello mqadmin$/m);
      expect(consumed).toMatch(/^Consume ok$/m);
    }, STEP_TIMEOUT_MS);

    it('updateSubGroup, consumerConnection, producerConnection, consumerProgress and statsAll follow live clients', async () => {
      expect(await ok('updateSubGroup', '-c', CLUSTER, '-g', GROUP, '-r', '3')).toContain(`create subscription group to ${brokerAddr} success.`);
      const consumer = new PushConsumer({ namesrvAddr: cluster!.namesrvAddr, group: GROUP });
      consumer.subscribe(TOPIC, '*');
      consumer.registerMessageListener(async () => 'CONSUME_SUCCESS' as const);
      const producer = new Producer({ namesrvAddr: cluster!.namesrvAddr, group: PRODUCER_GROUP, heartbeatBrokerIntervalMs: 1000 });
      await Promise.all([consumer.start(), producer.start()]);
      try {
        // A producer heartbeats only to brokers it knows, so it sends once to learn the route.
        const queue3 = (await producer.fetchPublishQueues(TOPIC)).find((mq) => mq.queueId === 3);
        await producer.send(new Message(TOPIC, Buffer.from('from a producer')), { queue: queue3 });
        await waitFor('the group to consume all 3 messages', async () => {
          const progress = await admin.consumerProgress(GROUP, TOPIC);
          return progress.queues.length === 4 && progress.totalLag === 0 && progress.queues.some((q) => q.consumerOffset > 0) ? true : undefined;
        });
        await waitFor('the producer heartbeat', async () => ((await admin.producerConnections(PRODUCER_GROUP, TOPIC)).connectionSet.length > 0 ? true : undefined));

        const [connections, producers] = await Promise.all([ok('consumerConnection', '-g', GROUP), ok('producerConnection', '-g', PRODUCER_GROUP, '-t', TOPIC)]);
        expect(connections).toMatch(/^\S+@\S+\s+127\.0\.0\.1:\d+\s+\w+\s+V\d+_\d+_\d+$/m);
        expect(connections).toMatch(new RegExp(`^${TOPIC}\\s+\\*$`, 'm'));
        expect(connections).toMatch(/^MessageModel: CLUSTERING$/m);
        expect(connections).toMatch(/^ConsumeType: CONSUME_PASSIVELY$/m);
        expect(producers).toMatch(/^0001\s+\S+@\S+\s+127\.0\.0\.1:\d+\s+\w+\s+V\d+_\d+_\d+$/m);

        const [progress, stats, groups] = await Promise.all([ok('consumerProgress', '-g', GROUP), ok('statsAll', '-t', TOPIC), ok('consumerProgress')]);
        expect(progress).toMatch(/^#Topic\s+#Broker Name\s+#QID\s+#Broker Offset\s+#Consumer Offset\s+#Diff\s+#Inflight\s+#LastTime$/m);
        expect(progress).toMatch(new RegExp(`^${TOPIC}\\s+${BROKER_NAME}\\s+1\\s+1\\s+1\\s+0\\s+0\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$`, 'm'));
        expect(progress).toMatch(/^Consume Diff Total: 0$/m);
        expect(stats).toMatch(/^#Topic\s+#Consumer Group\s+#Accumulation\s+#InTPS\s+#OutTPS\s+#InMsg24Hour\s+#OutMsg24Hour$/m);
        expect(stats).toMatch(new RegExp(`^${TOPIC}\\s+${GROUP}\\s+0\\s`, 'm'));
        // Without -g: one row per group found through its %RETRY% topic.
        expect(groups).toMatch(/^#Group\s+#Count\s+#Version\s+#Type\s+#Model\s+#TPS\s+#Diff Total$/m);
        expect(groups).toMatch(new RegExp(`^${GROUP}\\s+1\\s+V\\d+_\\d+_\\d+\\s+PUSH\\s+CLUSTERING\\s+\\d+\\s+0$`, 'm'));
      } finally {
        await Promise.all([consumer.shutdown(), producer.shutdown()]);
      }
    }, STEP_TIMEOUT_MS);

    it('resetOffsetByTime rewinds the offline group to the start, and consumerProgress shows the lag', async () => {
      await waitFor('the group to be offline', async () => (await admin.consumerConnections(GROUP).then(() => undefined, () => true)));
      const reset = await ok('resetOffsetByTime', '-g', GROUP, '-t', TOPIC, '-s', '0');
      expect(reset).toMatch(/^#brokerName\s+#queueId\s+#offset\s*$/m);
      for (let queueId = 0; queueId < 4; queueId++) expect(reset).toMatch(new RegExp(`^${BROKER_NAME}\\s+${queueId}\\s+0\\s*$`, 'm'));
      const progress = await ok('consumerProgress', '-g', GROUP);
      expect(progress).toMatch(new RegExp(`^${TOPIC}\\s+${BROKER_NAME}\\s+1\\s+1\\s+0\\s+1\\s`, 'm'));
      expect(progress).toMatch(/^Consume Diff Total: 3$/m);
      expect(await ok('consumerProgress')).toMatch(new RegExp(`^${GROUP}\\s+0\\s+OFFLINE\\s+\\d+\\s+3$`, 'm'));
    }, STEP_TIMEOUT_MS);

    it('updateBrokerConfig changes a key that getBrokerConfig then shows; cleanExpiredCQ succeeds', async () => {
      expect(await ok('updateBrokerConfig', '-c', CLUSTER, '-k', 'flushIntervalCommitLog', '-v', '750')).toContain(`update broker config success, ${brokerAddr}`);
      const [config, cleaned] = await Promise.all([ok('getBrokerConfig', '-c', CLUSTER), ok('cleanExpiredCQ', '-c', CLUSTER)]);
      expect(config).toContain(`============Master: ${brokerAddr}============`);
      expect(config).toMatch(/^flushIntervalCommitLog\s+=\s+750$/m);
      expect(cleaned.trim()).toBe('success');
    }, STEP_TIMEOUT_MS);

    it('updateKvConfig and deleteKvConfig write the name server KV table', async () => {
      expect(await ok('updateKvConfig', '-s', KV_NAMESPACE, '-k', 'proof', '-v', 'value-1')).toContain('create or update kv config to namespace success.');
      expect(await admin.getKvConfig(KV_NAMESPACE, 'proof')).toBe('value-1');
      expect(await ok('deleteKvConfig', '-s', KV_NAMESPACE, '-k', 'proof')).toContain('delete kv config from namespace success.');
      expect(await admin.getKvConfig(KV_NAMESPACE, 'proof')).toBeUndefined();
    }, STEP_TIMEOUT_MS);

    it('wipeWritePerm takes the write permission from the route, addWritePerm gives it back', async () => {
      const namesrv = escape(cluster!.namesrvAddr);
      expect(await ok('wipeWritePerm', '-b', BROKER_NAME)).toMatch(new RegExp(`^wipe write perm of broker\\[${BROKER_NAME}\\] in name server\\[${namesrv}\\] OK, [1-9]\\d*$`, 'm'));
      expect(await ok('topicRoute', '-t', TOPIC, '-l')).toMatch(new RegExp(`^${CLUSTER}\\s+${BROKER_NAME}\\s+\\S+\\s+4\\s+4\\s+4\\s*$`, 'm'));
      expect(await ok('addWritePerm', '-b', BROKER_NAME)).toMatch(new RegExp(`^add write perm of broker\\[${BROKER_NAME}\\] in name server\\[${namesrv}\\] OK, [1-9]\\d*$`, 'm'));
      expect((await route()).perm).toBe(6);
    }, STEP_TIMEOUT_MS);

    it('deleteSubGroup and deleteTopic remove what the suite created; a missing topic is reported', async () => {
      const [groupDeleted, topicDeleted] = await Promise.all([
        ok('deleteSubGroup', '-b', brokerAddr, '-g', GROUP),
        ok('deleteTopic', '-c', CLUSTER, '-t', TOPIC),
      ]);
      expect(groupDeleted).toContain(`delete subscription group [${GROUP}] from broker [${brokerAddr}] success.`);
      expect(topicDeleted).toContain(`delete topic [${TOPIC}] from cluster [${CLUSTER}] success.`);
      expect(topicDeleted).toContain(`delete topic [${TOPIC}] from NameServer success.`);
      const [topics, missing] = await Promise.all([ok('topicList'), fails('topicRoute', '-t', TOPIC)]);
      expect(topics.split('\n')).not.toContain(TOPIC);
      expect(missing).toContain(`No topic route info in name server for the topic: ${TOPIC}`);
    }, STEP_TIMEOUT_MS);
  });
}

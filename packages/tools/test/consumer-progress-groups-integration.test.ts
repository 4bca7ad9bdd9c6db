import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Message, getRetryTopic } from '@mq/common';
import { Admin, Producer, PushConsumer } from '@mq/client';
import { MQVersion } from '@mq/remoting';
import { startEmbeddedBroker, type EmbeddedBroker } from '@mq/broker';
import { runMqadmin } from '../src/cli/program';
import type { GroupConsumeSummary } from '../src/commands/consumer-progress-groups';
import { mqVersionDesc } from '../src/format/version';

const TOPIC = 'ToolProgressTopic';
const ONLINE = 'ToolProgressOnline';
const OFFLINE = 'ToolProgressOffline';
const WAIT_MS = 20_000;

async function waitUntil(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('mqadmin consumerProgress without -g against a broker', () => {
  let dir: string;
  let embedded: EmbeddedBroker;
  let admin: Admin;
  let producer: Producer;
  let online: PushConsumer;

  function consumer(group: string): PushConsumer {
    const created = new PushConsumer({ namesrvAddr: embedded.namesrvAddr!, group, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    created.subscribe(TOPIC, '*');
    created.registerMessageListener(async () => 'CONSUME_SUCCESS' as const);
    return created;
  }

  async function lag(group: string): Promise<number> {
    const progress = await admin.consumerProgress(group, TOPIC);
    return progress.queues.length === 0 ? -1 : progress.totalLag;
  }

  async function sendMessages(count: number): Promise<void> {
    for (let index = 0; index < count; index++) await producer.send(new Message(TOPIC, Buffer.from(`body ${index}`)));
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tools-progress-'));
    embedded = await startEmbeddedBroker({ storeDir: dir, broker: { brokerName: 'broker-a' } });
    admin = new Admin({ namesrvAddr: embedded.namesrvAddr! });
    producer = new Producer({ namesrvAddr: embedded.namesrvAddr!, group: 'ToolProgressPG' });
    await Promise.all([admin.start(), producer.start()]);
    await admin.createTopicInCluster('DefaultCluster', { topic: TOPIC, readQueueNums: 2, writeQueueNums: 2 });
    await sendMessages(3);

    const leaving = consumer(OFFLINE);
    online = consumer(ONLINE);
    await Promise.all([leaving.start(), online.start()]);
    await waitUntil('both groups to consume the first 3 messages', async () => (await lag(OFFLINE)) === 0 && (await lag(ONLINE)) === 0);
    await leaving.shutdown();
    await waitUntil('the group to be offline', () => admin.consumerConnections(OFFLINE).then(() => false, () => true));

    await sendMessages(2);
    await waitUntil('the online group to consume and the offline one to lag by 2', async () => (await lag(ONLINE)) === 0 && (await lag(OFFLINE)) === 2);
    await waitUntil('both retry topics in the name server', async () => {
      const topics = await admin.topicList();
      return topics.includes(getRetryTopic(ONLINE)) && topics.includes(getRetryTopic(OFFLINE));
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([online?.shutdown(), producer?.shutdown(), admin?.shutdown()]);
    await embedded?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  async function mqadmin(...args: string[]): Promise<string> {
    const out: string[] = [];
    const code = await runMqadmin(['consumerProgress', '-n', embedded.namesrvAddr!, ...args], { out: (text) => out.push(text), err: (text) => out.push(text) });
    expect(code).toBe(0);
    return out.join('');
  }

  it('prints a row for the online group and an OFFLINE row with the lag for the other', async () => {
    const lines = (await mqadmin()).split('\n');
    expect(lines[0]).toMatch(/^#Group {60}#Count {2}#Version {17}#Type {2}#Model {10}#TPS {5}#Diff Total$/);
    const version = mqVersionDesc(MQVersion.CURRENT_VERSION);
    const onlineRow = new RegExp(`^${ONLINE} {${64 - ONLINE.length}}  1       ${version} {${24 - version.length}} PUSH   CLUSTERING      \\d+ *  0$`);
    const offlineRow = new RegExp(`^${OFFLINE} {${64 - OFFLINE.length}}  0       OFFLINE {41}\\d+ *  2$`);
    expect(lines.filter((line) => onlineRow.test(line))).toHaveLength(1);
    expect(lines.filter((line) => offlineRow.test(line))).toHaveLength(1);
  });

  it('answers --json with one summary per group', async () => {
    const summaries = JSON.parse(await mqadmin('--json')) as GroupConsumeSummary[];
    expect(summaries.find((summary) => summary.group === ONLINE)).toMatchObject({
      count: 1,
      version: MQVersion.CURRENT_VERSION,
      consumeType: 'CONSUME_PASSIVELY',
      messageModel: 'CLUSTERING',
      diffTotal: 0,
    });
    const offline = summaries.find((summary) => summary.group === OFFLINE);
    expect(offline).toMatchObject({ count: 0, diffTotal: 2 });
    expect(offline?.consumeType).toBeUndefined();
  });
});

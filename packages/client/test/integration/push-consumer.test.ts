import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Message, type MessageExt } from '@mq/common';
import { PushConsumer, type PushConsumerOptions } from '../../src';
import { useConsumerTestFixture } from '../support/consumer-fixture';
import { TEST_REQUEST_TIMEOUT_MS, waitFor } from '../support/embedded-cluster';

const fixture = useConsumerTestFixture<PushConsumer>('PG_PUSH');
const { consumers } = fixture;

function consumer(group: string, extra: Partial<PushConsumerOptions> = {}): PushConsumer {
  const created = new PushConsumer({
    namesrvAddr: fixture.cluster.namesrvAddr,
    group,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    rebalanceIntervalMs: 300,
    brokerSuspendMaxTimeMs: 1000,
    requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
    persistConsumerOffsetIntervalMs: 200,
    ...extra,
  });
  consumers.push(created);
  return created;
}

async function sendAll(topic: string, count: number, tags = 'TagA'): Promise<void> {
  for (let i = 0; i < count; i++) await fixture.producer.send(new Message(topic, Buffer.from(`${topic}-${i}`), { tags }));
}

describe('PushConsumer against the embedded broker', () => {
  it('consumes every message of a topic, filtering by tag', async () => {
    await sendAll('PushTopic', 6, 'TagA');
    await sendAll('PushTopic', 4, 'TagB');
    const received: string[] = [];
    const c = consumer('CG_PUSH');
    c.subscribe('PushTopic', 'TagA || TagC');
    c.registerMessageListener((messages) => {
      for (const message of messages) received.push(message.body.toString());
      return 'CONSUME_SUCCESS';
    });
    await c.start();
    await waitFor(() => received.length >= 6, 15_000, '6 TagA messages');
    expect(received.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `PushTopic-${i}`).sort());
  });

  it('splits the queues of a group between two consumers, and takes them all back when one leaves', async () => {
    await sendAll('SplitTopic', 4);
    const noop = () => 'CONSUME_SUCCESS' as const;
    const a = consumer('CG_SPLIT', { instanceName: 'a' });
    const b = consumer('CG_SPLIT', { instanceName: 'b' });
    for (const c of [a, b]) {
      c.subscribe('SplitTopic');
      c.registerMessageListener(noop);
    }
    await a.start();
    await b.start();
    const total = (await fixture.producer.fetchPublishQueues('SplitTopic')).length;
    const topicQueues = (c: PushConsumer) => c.assignedQueues().filter((mq) => mq.topic === 'SplitTopic');
    await waitFor(() => topicQueues(a).length > 0 && topicQueues(b).length > 0 && topicQueues(a).length + topicQueues(b).length === total, 15_000, 'a split');
    const keysA = new Set(topicQueues(a).map((mq) => mq.key));
    expect(topicQueues(b).some((mq) => keysA.has(mq.key))).toBe(false);
    await b.shutdown();
    await waitFor(() => topicQueues(a).length === total, 15_000, 'a to take every queue');
  });

  it('commits offsets so a restarted group does not see consumed messages again', async () => {
    await sendAll('OffsetTopic', 5);
    let count = 0;
    const first = consumer('CG_OFFSET');
    first.subscribe('OffsetTopic');
    first.registerMessageListener((messages) => {
      count += messages.length;
      return 'CONSUME_SUCCESS';
    });
    await first.start();
    await waitFor(() => count === 5, 15_000, 'first pass');
    await first.shutdown();
    await sendAll('OffsetTopic', 2);
    const seen: string[] = [];
    const second = consumer('CG_OFFSET');
    second.subscribe('OffsetTopic');
    second.registerMessageListener((messages) => {
      seen.push(...messages.map((message) => message.body.toString()));
      return 'CONSUME_SUCCESS';
    });
    await second.start();
    await waitFor(() => seen.length >= 2, 15_000, 'second pass');
    expect(seen.sort()).toEqual(['OffsetTopic-0', 'OffsetTopic-1']);
  });

  it('consumes each queue in order with an orderly listener, even after suspensions', async () => {
    const perQueue = new Map<number, string[]>();
    for (let i = 0; i < 12; i++) {
      await fixture.producer.send(new Message('OrderlyTopic', Buffer.from(String(i))), { selector: (queues, _m, arg: number) => queues[arg % 2]!, arg: i });
    }
    let failures = 0;
    const c = consumer('CG_ORDERLY', { suspendCurrentQueueTimeMillis: 50 });
    c.subscribe('OrderlyTopic');
    c.registerOrderlyListener((messages: MessageExt[]) => {
      const message = messages[0]!;
      if (message.body.toString() === '4' && failures < 2) {
        failures++;
        return 'SUSPEND_CURRENT_QUEUE_A_MOMENT';
      }
      const list = perQueue.get(message.queueId) ?? [];
      list.push(message.body.toString());
      perQueue.set(message.queueId, list);
      return 'SUCCESS';
    });
    await c.start();
    await waitFor(() => [...perQueue.values()].flat().length === 12, 15_000, '12 orderly messages');
    expect(perQueue.get(0)).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(perQueue.get(1)).toEqual(['1', '3', '5', '7', '9', '11']);
    expect(failures).toBe(2);
  });

  it('broadcasts every message to every consumer and keeps offsets in a local file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mq-offsets-'));
    try {
      await sendAll('BroadcastTopic', 3);
      const counts = [0, 0];
      for (const [index, name] of ['x', 'y'].entries()) {
        const c = consumer('CG_BROADCAST', { instanceName: name, messageModel: 'BROADCASTING', localOffsetStoreDir: dir });
        c.subscribe('BroadcastTopic');
        c.registerMessageListener((messages) => {
          counts[index]! += messages.length;
          return 'CONSUME_SUCCESS';
        });
        await c.start();
      }
      await waitFor(() => counts[0] === 3 && counts[1] === 3, 15_000, 'both consumers to get all 3');
      const [x] = consumers;
      await waitFor(() => existsSync(path.join(dir, x!.clientId, 'CG_BROADCAST', 'offsets.json')), 5000, 'offset file');
    } finally {
      await Promise.all(consumers.splice(0).map((c) => c.shutdown()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

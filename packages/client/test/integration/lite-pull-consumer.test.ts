import { Message, MessageQueue, type MessageExt } from '@mq/common';
import { LitePullConsumer, type LitePullConsumerOptions } from '../../src';
import { useConsumerTestFixture } from '../support/consumer-fixture';
import { TEST_REQUEST_TIMEOUT_MS, waitFor } from '../support/embedded-cluster';

const fixture = useConsumerTestFixture<LitePullConsumer>('PG_LITE');
const { consumers } = fixture;

function consumer(group: string, extra: Partial<LitePullConsumerOptions> = {}): LitePullConsumer {
  const created = new LitePullConsumer({
    namesrvAddr: fixture.cluster.namesrvAddr,
    group,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    rebalanceIntervalMs: 300,
    brokerSuspendMaxTimeMs: 1000,
    requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
    ...extra,
  });
  consumers.push(created);
  return created;
}

/** Sends `count` messages to queue 0 of `topic`; resolves with that queue. */
async function sendToQueue0(topic: string, count: number, prefix = topic): Promise<MessageQueue> {
  const queue = new MessageQueue(topic, 'broker-a', 0);
  for (let i = 0; i < count; i++) await fixture.producer.send(new Message(topic, Buffer.from(`${prefix}-${i}`)), { queue });
  return queue;
}

/** Polls until `count` messages arrived (bounded), returning them. */
async function pollAtLeast(c: LitePullConsumer, count: number, timeoutMs = 10_000): Promise<MessageExt[]> {
  const received: MessageExt[] = [];
  await waitFor(async () => {
    received.push(...(await c.poll(100)));
    return received.length >= count;
  }, timeoutMs, `${count} messages`);
  return received;
}

const bodies = (messages: readonly MessageExt[]): string[] => messages.map((message) => message.body.toString());
const offsets = (messages: readonly MessageExt[]): number[] => messages.map((message) => message.queueOffset);

describe('LitePullConsumer against the embedded broker', () => {
  it('subscribes with a tag filter and polls every matching message, in batches of pullBatchSize', async () => {
    for (let i = 0; i < 6; i++) await fixture.producer.send(new Message('LiteSubTopic', Buffer.from(`a${i}`), { tags: 'TagA' }));
    for (let i = 0; i < 3; i++) await fixture.producer.send(new Message('LiteSubTopic', Buffer.from(`b${i}`), { tags: 'TagB' }));
    const c = consumer('CG_LITE_SUB', { pullBatchSize: 2 });
    c.subscribe('LiteSubTopic', 'TagA');
    await c.start();
    const received: MessageExt[] = [];
    for await (const batch of c) {
      expect(batch.length).toBeLessThanOrEqual(2);
      received.push(...batch);
      if (received.length >= 6) break;
    }
    expect(bodies(received).sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
    expect(c.assignedQueues().length).toBe(4);
  });

  it('assigns a queue, and seek makes the next polls re-read from the sought offset', async () => {
    const mq = await sendToQueue0('LiteSeekTopic', 5);
    const c = consumer('CG_LITE_SEEK');
    c.assign([mq]);
    await c.start();
    expect(offsets(await pollAtLeast(c, 5))).toEqual([0, 1, 2, 3, 4]);
    await c.seek(mq, 2);
    expect(offsets(await pollAtLeast(c, 3))).toEqual([2, 3, 4]);
    await expect(c.seek(mq, 99)).rejects.toThrow(/Seek offset illegal/);
    await expect(c.seek(new MessageQueue('LiteSeekTopic', 'broker-a', 3), 0)).rejects.toThrow(/not in assigned list/);
  });

  it('seekToEnd skips what is stored and seekToBegin reads it all again', async () => {
    const mq = await sendToQueue0('LiteEndsTopic', 3, 'old');
    const c = consumer('CG_LITE_ENDS');
    c.assign([mq]);
    await c.start();
    await c.seekToEnd(mq);
    await sendToQueue0('LiteEndsTopic', 1, 'new');
    expect(bodies(await pollAtLeast(c, 1))).toEqual(['new-0']);
    await c.seekToBegin(mq);
    expect(bodies(await pollAtLeast(c, 4))).toEqual(['old-0', 'old-1', 'old-2', 'new-0']);
  });

  it('does not pull a paused queue until it is resumed', async () => {
    const q0 = new MessageQueue('LitePauseTopic', 'broker-a', 0);
    const q1 = new MessageQueue('LitePauseTopic', 'broker-a', 1);
    await fixture.producer.send(new Message('LitePauseTopic', Buffer.from('p0')), { queue: q0 });
    await fixture.producer.send(new Message('LitePauseTopic', Buffer.from('p1')), { queue: q1 });
    const c = consumer('CG_LITE_PAUSE');
    await c.start();
    c.assign([q0, q1]);
    c.pause([q0]);
    expect(c.isPaused(q0)).toBe(true);
    const whilePaused = await pollAtLeast(c, 1);
    expect(bodies(whilePaused)).toEqual(['p1']);
    expect(await c.poll(300)).toEqual([]); // a working pull of q0 would have delivered p0 by now
    c.resume([q0]);
    expect(bodies(await pollAtLeast(c, 1))).toEqual(['p0']);
  });

  it('keeps manually committed offsets across a restart, and re-delivers what was polled but not committed', async () => {
    const mq = await sendToQueue0('LiteCommitTopic', 5);
    const first = consumer('CG_LITE_COMMIT', { autoCommit: false });
    first.assign([mq]);
    await first.start();
    expect(offsets(await pollAtLeast(first, 5))).toEqual([0, 1, 2, 3, 4]);
    await first.commitSync();
    expect(await first.committed(mq)).toBe(5);
    await sendToQueue0('LiteCommitTopic', 2, 'late');
    expect(bodies(await pollAtLeast(first, 2))).toEqual(['late-0', 'late-1']);
    await first.shutdown();

    const second = consumer('CG_LITE_COMMIT', { autoCommit: false });
    second.assign([mq]);
    await second.start();
    expect(bodies(await pollAtLeast(second, 2))).toEqual(['late-0', 'late-1']);
    await second.commit([[mq, 7]]);
    expect(await second.committed(mq)).toBe(7);
  });

  it('auto-commits what poll returned', async () => {
    const mq = await sendToQueue0('LiteAutoTopic', 3);
    const c = consumer('CG_LITE_AUTO', { autoCommitIntervalMs: 50 });
    c.assign([mq]);
    await c.start();
    await pollAtLeast(c, 3);
    await waitFor(async () => {
      await c.poll(20);
      return (await c.committed(mq)) === 3;
    }, 5000, 'auto commit of offset 3');
  });

  it('finds the offset of a store time with offsetForTimestamp', async () => {
    const mq = await sendToQueue0('LiteTimeTopic', 1, 'early');
    const c = consumer('CG_LITE_TIME');
    c.assign([mq]);
    await c.start();
    const [early] = await pollAtLeast(c, 1);
    await waitFor(() => Date.now() > early!.storeTimestamp + 5, 1000, 'the clock to move on');
    await sendToQueue0('LiteTimeTopic', 2, 'late');
    const late = await pollAtLeast(c, 2);
    expect(await c.offsetForTimestamp(mq, late[0]!.storeTimestamp)).toBe(1);
    expect(await c.offsetForTimestamp(mq, early!.storeTimestamp)).toBe(0);
  });

  it('refuses to mix subscribe and assign', () => {
    const c = consumer('CG_LITE_MIX');
    c.subscribe('LiteMixTopic');
    expect(() => c.assign([new MessageQueue('LiteMixTopic', 'broker-a', 0)])).toThrow(/mutually exclusive/);
  });
});

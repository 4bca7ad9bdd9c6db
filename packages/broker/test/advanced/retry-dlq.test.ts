import { Message, type MessageExt } from '@mq/common';
import { Producer, PushConsumer } from '@mq/client';
import { ConsumerSendMsgBackRequestHeader, RequestCode, ResponseCode } from '@mq/remoting';
import { AdvancedHarness, waitFor } from './support';

jest.setTimeout(60_000);

let harness: AdvancedHarness;
let producer: Producer;
let consumer: PushConsumer | undefined;

beforeEach(async () => {
  harness = await new AdvancedHarness({}, { messageDelayLevel: '1s 1s 1s 2s 3s 4s' }, true).start();
  producer = new Producer({ namesrvAddr: harness.embedded.namesrvAddr!, group: 'PG_RETRY' });
  await producer.start();
});
afterEach(async () => {
  await consumer?.shutdown();
  consumer = undefined;
  await producer.shutdown();
  await harness.stop();
});

function startConsumer(group: string, topic: string, listener: (m: MessageExt) => boolean, maxReconsumeTimes?: number): Promise<void> {
  consumer = new PushConsumer({
    namesrvAddr: harness.embedded.namesrvAddr!,
    group,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    rebalanceIntervalMs: 300,
    brokerSuspendMaxTimeMs: 1000,
    maxReconsumeTimes,
  });
  consumer.subscribe(topic, '*');
  consumer.registerMessageListener((messages) => (messages.every(listener) ? 'CONSUME_SUCCESS' : 'RECONSUME_LATER'));
  return consumer.start();
}

describe('retry and dead letters', () => {
  it('redelivers a failed message through %RETRY% with growing delays (levels 3, 4, 5)', async () => {
    await producer.send(new Message('RetryTopic', Buffer.from('r'), { tags: 'T' }));
    const attempts: MessageExt[] = [];
    await startConsumer('CG_RETRY', 'RetryTopic', (m) => {
      attempts.push(m);
      return attempts.length > 3;
    });
    await waitFor(() => attempts.length >= 4, 30_000, 'four attempts');
    expect(attempts.map((m) => m.reconsumeTimes)).toEqual([0, 1, 2, 3]);
    expect(attempts.every((m) => m.topic === 'RetryTopic')).toBe(true);
    const gaps = attempts.slice(1).map((m, i) => m.storeTimestamp - attempts[i]!.storeTimestamp);
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2000);
    expect(gaps[2]).toBeGreaterThanOrEqual(3000);
    expect(attempts[1]?.getProperty('RETRY_TOPIC')).toBe('RetryTopic');
    const retryTopic = harness.embedded.broker.topicConfigManager.selectTopicConfig('%RETRY%CG_RETRY');
    expect(retryTopic).toMatchObject({ readQueueNums: 1, writeQueueNums: 1, perm: 6 });
  });

  it('moves a message to %DLQ%group after maxReconsumeTimes failures', async () => {
    const sent = await producer.send(new Message('DlqTopic', Buffer.from('d'), { tags: 'T' }));
    let attempts = 0;
    await startConsumer('CG_DLQ', 'DlqTopic', () => {
      attempts += 1;
      return false;
    }, 2);
    const [dead] = await waitFor(async () => {
      const found = await harness.pull('%DLQ%CG_DLQ');
      return found.length > 0 && found;
    }, 30_000, 'the dead letter');
    expect(attempts).toBe(3);
    expect(dead?.body.toString()).toBe('d');
    expect(dead?.reconsumeTimes).toBe(3);
    expect(dead?.getProperty('RETRY_TOPIC')).toBe('DlqTopic');
    expect(dead?.getProperty('ORIGIN_MESSAGE_ID')).toBe(sent.offsetMsgId);
    expect(dead?.getProperty('UNIQ_KEY')).toBe(sent.msgId);
    expect(harness.embedded.broker.topicConfigManager.selectTopicConfig('%DLQ%CG_DLQ')).toMatchObject({ readQueueNums: 1, perm: 6 });
  });

  it('sends to the DLQ at once for delayLevel -1, and refuses an unknown offset as Java does', async () => {
    await harness.send('BackTopic', { TAGS: 'T' });
    const [original] = await harness.pull('BackTopic');
    const header = (offset: number, delayLevel: number) =>
      ConsumerSendMsgBackRequestHeader.encode({ offset, group: 'CG_BACK', delayLevel, originMsgId: original!.msgId, originTopic: 'BackTopic', unitMode: false });
    const direct = await harness.invoke(RequestCode.CONSUMER_SEND_MSG_BACK, header(original!.commitLogOffset, -1));
    expect(direct.code).toBe(ResponseCode.SUCCESS);
    const [dead] = await harness.pull('%DLQ%CG_BACK');
    expect(dead?.reconsumeTimes).toBe(1);
    expect(dead?.getProperty('DELAY')).toBe('0');
    const unknown = await harness.invoke(RequestCode.CONSUMER_SEND_MSG_BACK, header(987_654_321, 0));
    expect(unknown.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(unknown.remark).toBe('look message by offset failed, 987654321');
  });
});

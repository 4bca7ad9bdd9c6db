import { MessageConst, MessageExt, MessageQueue } from '@mq/common';
import { ConsumerRunningInfo } from '@mq/remoting';
import { consumeDirectlyWith } from '../../src/consumer/consume-directly';
import { ConsumeOrderlyService } from '../../src/consumer/consume-orderly';
import type { ConsumeHost } from '../../src/consumer/consume-service';
import { sweepExpiredMessages } from '../../src/consumer/consume-timeout';
import type { OffsetStore } from '../../src/consumer/offset-store';
import { ProcessQueue } from '../../src/consumer/process-queue';
import { retryMessageOf } from '../../src/consumer/retry-resend';
import { processQueueInfo, runningInfoBody } from '../../src/consumer/running-info';

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function pulled(offset: number, reconsumeTimes = 0): MessageExt {
  const message = new MessageExt('Orders', Buffer.from(`m${offset}`));
  message.queueOffset = offset;
  message.reconsumeTimes = reconsumeTimes;
  message.uniqKey = `UNIQ-${offset}`;
  return message;
}

describe('retry copy sent by the consumer itself (§8.7 fallback)', () => {
  it('targets %RETRY%group with RETRY_TOPIC, RECONSUME_TIME, MAX_RECONSUME_TIMES, ORIGIN_MESSAGE_ID and DELAY 3+n', () => {
    const message = pulled(5, 2);
    message.flag = 9;
    message.putProperty('TRAN_MSG', 'true');
    message.putProperty('KEYS', 'k1');
    const retry = retryMessageOf(message, 'G', 3, 16);
    expect(retry.topic).toBe('%RETRY%G');
    expect(retry.flag).toBe(9);
    expect(retry.body.toString()).toBe('m5');
    expect(retry.getProperty('RETRY_TOPIC')).toBe('Orders');
    expect(retry.getProperty('RECONSUME_TIME')).toBe('3');
    expect(retry.getProperty('MAX_RECONSUME_TIMES')).toBe('16');
    expect(retry.getProperty('ORIGIN_MESSAGE_ID')).toBe('UNIQ-5');
    expect(retry.getProperty('UNIQ_KEY')).toBe('UNIQ-5');
    expect(retry.getProperty('KEYS')).toBe('k1');
    expect(retry.getProperty('TRAN_MSG')).toBeUndefined();
    expect(retry.delayTimeLevel).toBe(5);
    message.putProperty('ORIGIN_MESSAGE_ID', 'FIRST');
    expect(retryMessageOf(message, 'G', 3, 16).getProperty('ORIGIN_MESSAGE_ID')).toBe('FIRST');
  });
});

describe('consume-timeout sweep', () => {
  it('sends back head messages whose listener started too long ago, and stops at the first fresh one', async () => {
    const pq = new ProcessQueue();
    const messages = [pulled(10), pulled(11), pulled(12)];
    pq.putMessages(messages);
    messages[0]!.putProperty(MessageConst.PROPERTY_CONSUME_START_TIMESTAMP, '1000');
    messages[1]!.putProperty(MessageConst.PROPERTY_CONSUME_START_TIMESTAMP, '1000');
    messages[2]!.putProperty(MessageConst.PROPERTY_CONSUME_START_TIMESTAMP, '9500');
    const sent: number[] = [];
    const offset = await sweepExpiredMessages(pq, 1000, async (m) => (sent.push(m.queueOffset), true), 10_000);
    expect(sent).toEqual([10, 11]);
    expect(offset).toBe(12);
    expect(pq.messageCount).toBe(1);
  });

  it('keeps a message whose send-back failed, and ignores messages not yet in a listener', async () => {
    const pq = new ProcessQueue();
    const [stuck] = pq.putMessages([pulled(1), pulled(2)]);
    stuck!.putProperty(MessageConst.PROPERTY_CONSUME_START_TIMESTAMP, '0');
    expect(await sweepExpiredMessages(pq, 10, async () => false, 1000)).toBe(-1);
    expect(pq.messageCount).toBe(2);
    const fresh = new ProcessQueue();
    fresh.putMessages([pulled(1)]);
    expect(await sweepExpiredMessages(fresh, 10, async () => true, 1000)).toBe(-1);
  });
});

describe('orderly consumption past maxReconsumeTimes', () => {
  function host(sendSucceeds: boolean): ConsumeHost & { sentToRetry: MessageExt[]; committed: number[] } {
    const committed: number[] = [];
    const sentToRetry: MessageExt[] = [];
    const offsetStore = { updateOffset: (_mq: MessageQueue, offset: number) => committed.push(offset) } as unknown as OffsetStore;
    return {
      group: 'G',
      messageModel: 'BROADCASTING',
      offsetStore,
      committed,
      sentToRetry,
      sendMessageBack: async () => true,
      sendToRetryTopic: async (message) => (sentToRetry.push(message), sendSucceeds),
      lockQueue: async () => true,
    };
  }

  it('retries locally up to maxReconsumeTimes, then sends to the retry topic (the broker DLQs it) and commits', async () => {
    const target = host(true);
    let calls = 0;
    const service = new ConsumeOrderlyService(target, () => (calls++, 'SUSPEND_CURRENT_QUEUE_A_MOMENT'), 1, 1, 2);
    const pq = new ProcessQueue();
    const mq = new MessageQueue('Orders', 'b', 0);
    pq.putMessages([pulled(0)]);
    service.submit(pq, mq);
    await waitFor(() => target.committed.length > 0, 5000, 'commit after DLQ');
    expect(calls).toBe(3);
    expect(target.sentToRetry.map((m) => m.reconsumeTimes)).toEqual([2]);
    expect(target.committed).toEqual([1]);
    service.shutdown();
  });

  it('keeps suspending when the retry-topic send fails', async () => {
    const target = host(false);
    let calls = 0;
    const service = new ConsumeOrderlyService(target, () => (calls++, 'SUSPEND_CURRENT_QUEUE_A_MOMENT'), 1, 1, 0);
    const pq = new ProcessQueue();
    pq.putMessages([pulled(0)]);
    service.submit(pq, new MessageQueue('Orders', 'b', 0));
    await waitFor(() => calls >= 3, 5000, 'repeated local retries');
    service.shutdown();
    await service.drain();
    expect(target.committed).toEqual([]);
    expect(target.sentToRetry.length).toBeGreaterThanOrEqual(2);
  });
});

describe('CONSUME_MESSAGE_DIRECTLY and running info', () => {
  it('maps listener outcomes like Java', async () => {
    await expect(consumeDirectlyWith(() => 'ok', () => 'CR_SUCCESS', false)).resolves.toMatchObject({ consumeResult: 'CR_SUCCESS', order: false, autoCommit: true });
    await expect(consumeDirectlyWith(() => undefined, () => 'CR_SUCCESS', true)).resolves.toMatchObject({ consumeResult: 'CR_RETURN_NULL', order: true });
    const thrown = await consumeDirectlyWith(() => Promise.reject(new Error('bad')), () => 'CR_SUCCESS', false);
    expect(thrown.consumeResult).toBe('CR_THROW_EXCEPTION');
    expect(thrown.remark).toContain('bad');
  });

  it('encodes queues in TreeMap order with their cache state', () => {
    const pq = new ProcessQueue();
    pq.putMessages([pulled(3), pulled(4)]);
    const body = runningInfoBody({ PROP_CONSUMEORDERLY: 'false' }, [], [
      [new MessageQueue('T', 'b', 1), processQueueInfo(pq, 3)],
      [new MessageQueue('T', 'a', 2), processQueueInfo(new ProcessQueue(), 0)],
      [new MessageQueue('T', 'b', 0), processQueueInfo(new ProcessQueue(), 0)],
    ]);
    const decoded = ConsumerRunningInfo.decode(ConsumerRunningInfo.encode(body));
    expect(decoded.mqTable.map(([mq]) => `${mq.brokerName}:${mq.queueId}`)).toEqual(['a:2', 'b:0', 'b:1']);
    expect(decoded.mqTable[2]![1]).toMatchObject({ cachedMsgCount: 2, cachedMsgMinOffset: 3, cachedMsgMaxOffset: 4, commitOffset: 3 });
    expect(decoded.properties).toEqual({ PROP_CONSUMEORDERLY: 'false' });
  });
});

import type { Message } from '@mq/common';
import { AsyncTraceDispatcher, createTraceBean, decodeTraceData, MAX_TRACE_MESSAGE_SIZE, type TraceContext, type TraceSender } from '../../src';

class FakeSender implements TraceSender {
  readonly sent: Message[] = [];
  started = 0;
  stopped = 0;
  failSends = false;
  async start(): Promise<void> {
    this.started++;
  }
  async send(message: Message): Promise<unknown> {
    if (this.failSends) throw new Error('broker down');
    this.sent.push(message);
    return undefined;
  }
  async shutdown(): Promise<void> {
    this.stopped++;
  }
}

function pub(msgId: string, topic = 'Orders', keys = 'k'): TraceContext {
  const bean = createTraceBean({ topic, msgId, keys, storeHost: 'b:1' });
  return { traceType: 'Pub', timeStamp: 1, regionId: 'R', groupName: 'PG', costTime: 1, success: true, requestId: '', contextCode: 0, traceBeans: [bean] };
}

function dispatcher(sender: FakeSender, batchNum = 10): AsyncTraceDispatcher {
  return new AsyncTraceDispatcher({ traceTopic: 'RMQ_SYS_TRACE_TOPIC', batchNum, createSender: () => sender });
}

describe('AsyncTraceDispatcher', () => {
  it('sends a full batch as one trace message keyed by the traced ids and keys', async () => {
    const sender = new FakeSender();
    const traces = dispatcher(sender, 3);
    await traces.start();
    for (const id of ['M1', 'M2', 'M3']) expect(traces.append(pub(id, 'Orders', `key-${id}`))).toBe(true);
    await traces.flush();
    expect(sender.sent).toHaveLength(1);
    const [message] = sender.sent;
    expect(message!.topic).toBe('RMQ_SYS_TRACE_TOPIC');
    expect(message!.keyList.sort()).toEqual(['M1', 'M2', 'M3', 'key-M1', 'key-M2', 'key-M3']);
    expect(decodeTraceData(message!.body.toString()).map((context) => context.traceBeans[0]!.msgId)).toEqual(['M1', 'M2', 'M3']);
    await traces.shutdown();
  });

  it('caps batches at 20 records and sends one trace message per traced topic', async () => {
    const sender = new FakeSender();
    const traces = dispatcher(sender, 50);
    for (let i = 0; i < 20; i++) traces.append(pub(`A${i}`, i % 2 === 0 ? 'Even' : 'Odd'));
    await traces.flush();
    expect(sender.sent).toHaveLength(2);
    expect(sender.sent.map((message) => decodeTraceData(message.body.toString()).length)).toEqual([10, 10]);
    await traces.shutdown();
  });

  it('splits data larger than the trace message limit', async () => {
    const sender = new FakeSender();
    const traces = dispatcher(sender, 20);
    const bigKeys = 'k'.repeat(MAX_TRACE_MESSAGE_SIZE / 4);
    for (let i = 0; i < 8; i++) traces.append(pub(`B${i}`, 'Big', bigKeys));
    await traces.flush();
    expect(sender.sent.length).toBeGreaterThan(1);
    for (const message of sender.sent) expect(message.body.length).toBeLessThanOrEqual(MAX_TRACE_MESSAGE_SIZE);
    expect(sender.sent.flatMap((message) => decodeTraceData(message.body.toString())).length).toBe(8);
    await traces.shutdown();
  });

  it('sends what is left at shutdown, stops the sender, then refuses records', async () => {
    const sender = new FakeSender();
    const traces = dispatcher(sender);
    await traces.start();
    traces.append(pub('Last'));
    expect(sender.sent).toHaveLength(0);
    await traces.shutdown();
    expect(sender.sent).toHaveLength(1);
    expect(sender.stopped).toBe(1);
    expect(traces.append(pub('Late'))).toBe(false);
    await traces.shutdown();
    expect(sender.stopped).toBe(1);
  });

  it('swallows send failures and drops records beyond its buffer', async () => {
    const sender = new FakeSender();
    sender.failSends = true;
    const traces = dispatcher(sender, 20);
    let accepted = 0;
    for (let i = 0; i < 3000; i++) if (traces.append(pub(`C${i}`))) accepted++;
    expect(accepted).toBeGreaterThanOrEqual(2048);
    expect(accepted).toBeLessThan(3000);
    await expect(traces.shutdown()).resolves.toBeUndefined();
    expect(sender.sent).toHaveLength(0);
  });

  it('drops records when the trace producer cannot start', async () => {
    const broken: TraceSender = { start: () => Promise.reject(new Error('no name server')), send: jest.fn(), shutdown: jest.fn() };
    const traces = new AsyncTraceDispatcher({ traceTopic: 'T', batchNum: 1, createSender: () => broken });
    await traces.start();
    traces.append(pub('D'));
    await traces.shutdown();
    expect(broken.send).not.toHaveBeenCalled();
  });
});

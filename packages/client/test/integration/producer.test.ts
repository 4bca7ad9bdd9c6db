import { Message } from '@mq/common';
import { ClientErrorCode, Producer } from '../../src';
import { startTestCluster, TEST_REQUEST_TIMEOUT_MS, type TestCluster } from '../support/embedded-cluster';

let cluster: TestCluster;
let producer: Producer;

beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(async () => {
  await cluster.stop();
});
beforeEach(async () => {
  producer = new Producer({ namesrvAddr: cluster.namesrvAddr, group: 'PG_TEST', requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
  await producer.start();
});
afterEach(async () => {
  await producer.shutdown();
});

describe('Producer against the embedded broker', () => {
  it('sends a message and reports UNIQ_KEY, offsetMsgId, queue and offset', async () => {
    const message = new Message('ProducerTopic', Buffer.from('hello'), { tags: 'TagA', keys: ['k1', 'k2'] });
    message.putUserProperty('color', 'blue');
    const first = await producer.send(message);
    expect(first.status).toBe('SEND_OK');
    expect(first.msgId).toBe(message.uniqKey);
    expect(first.offsetMsgId).toMatch(/^[0-9A-F]{32}$/);
    expect(first.messageQueue.brokerName).toBe('broker-a');
    const second = await producer.send(new Message('ProducerTopic', Buffer.from('again')), { queue: first.messageQueue });
    expect(second.queueOffset).toBe(first.queueOffset + 1);
  });

  it('round-robins over the topic queues', async () => {
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await producer.send(new Message('RoundRobinTopic', Buffer.from(`m${i}`))));
    const queueIds = new Set(results.map((result) => result.messageQueue.queueId));
    expect(queueIds.size).toBe(results.length > 4 ? 4 : results.length);
  });

  it('sends ordered messages to the queue the selector picks', async () => {
    const result = await producer.send(new Message('OrderTopic', Buffer.from('x')), {
      selector: (queues, _message, arg: number) => queues[arg % queues.length]!,
      arg: 3,
    });
    expect(result.messageQueue.queueId).toBe(3);
  });

  it('compresses large bodies, which the broker stores with the ZLIB flag', async () => {
    const body = Buffer.alloc(10_000, 'a');
    const result = await producer.send(new Message('BigTopic', body));
    expect(result.status).toBe('SEND_OK');
  });

  it('splits batches and reports the ids of every message', async () => {
    const messages = Array.from({ length: 10 }, (_, i) => new Message('BatchTopic', Buffer.alloc(300, i)));
    const small = new Producer({ namesrvAddr: cluster.namesrvAddr, group: 'PG_BATCH', maxMessageSize: 1024, requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
    await small.start();
    try {
      const results = await small.sendBatch(messages);
      expect(results.length).toBeGreaterThan(1);
      const ids = results.flatMap((result) => result.msgId.split(','));
      expect(ids).toEqual(messages.map((message) => message.uniqKey));
    } finally {
      await small.shutdown();
    }
  });

  it('sends one-way', async () => {
    await expect(producer.sendOneway(new Message('OnewayTopic', Buffer.from('fire')))).resolves.toBeUndefined();
  });

  it('rejects bad input with clear MQErrors before sending', async () => {
    await expect(producer.send(new Message('bad topic!', Buffer.from('x')))).rejects.toMatchObject({ code: 13, message: expect.stringContaining('illegal characters') });
    await expect(producer.send(new Message('T', Buffer.alloc(0)))).rejects.toMatchObject({ code: 13, message: expect.stringContaining('body length is zero') });
    await expect(producer.send(new Message('T', Buffer.alloc(4 * 1024 * 1024 + 1)))).rejects.toMatchObject({ code: 13, message: expect.stringContaining('over max value') });
    await expect(producer.send(new Message('SCHEDULE_TOPIC_XXXX', Buffer.from('x')))).rejects.toMatchObject({ code: 13 });
  });

  it('refuses a second producer of the same group in one client instance', async () => {
    const twin = new Producer({ namesrvAddr: cluster.namesrvAddr, group: 'PG_TEST', instanceName: 'shared', requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
    const first = new Producer({ namesrvAddr: cluster.namesrvAddr, group: 'PG_TEST', instanceName: 'shared', requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
    await first.start();
    await expect(twin.start()).rejects.toThrow('has been created before');
    await first.shutdown();
  });
});

describe('Producer without a route', () => {
  it('fails with NOT_FOUND_TOPIC when neither the topic nor TBW102 has a route', async () => {
    const noAuto = await startTestCluster({ autoCreateTopicEnable: false });
    const p = new Producer({ namesrvAddr: noAuto.namesrvAddr, group: 'PG_NOROUTE', requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
    await p.start();
    try {
      await expect(p.send(new Message('NoSuchTopic', Buffer.from('x')))).rejects.toMatchObject({ code: ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION });
    } finally {
      await p.shutdown();
      await noAuto.stop();
    }
  });
});


describe('Producer with the name server down', () => {
  it('fails with NO_NAME_SERVER_EXCEPTION naming the address', async () => {
    const p = new Producer({ namesrvAddr: '127.0.0.1:1', group: 'PG_DOWN', requestTimeoutMs: 500 });
    await p.start();
    try {
      await expect(p.send(new Message('AnyTopic', Buffer.from('x')))).rejects.toMatchObject({
        code: ClientErrorCode.NO_NAME_SERVER_EXCEPTION,
        message: expect.stringContaining('127.0.0.1:1'),
      });
    } finally {
      await p.shutdown();
    }
  });

  it('refuses to start without any name server address', () => {
    const saved = process.env.NAMESRV_ADDR;
    delete process.env.NAMESRV_ADDR;
    try {
      expect(() => new Producer({ group: 'PG_NONE' })).toThrow('No name server address');
    } finally {
      if (saved !== undefined) process.env.NAMESRV_ADDR = saved;
    }
  });
});

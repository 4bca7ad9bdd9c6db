import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeStoredRecord, MessageConst, MessageExt, SystemTopic, hostFromSocket, type MessageExt as StoredMessage } from '@mq/common';
import { RemotingClient, RemotingCommand, RequestCode, ResponseCode, SendMessageRequestHeaderV2 } from '@mq/remoting';
import { MessageStore } from '@mq/store';
import { BrokerController } from '../../src/broker-controller';
import { defaultBrokerConfig } from '../../src/config/broker-config';

const TOPIC = 'TimerTopic';
let dir: string;
let store: MessageStore;
let broker: BrokerController;

async function startBroker(): Promise<void> {
  store = new MessageStore({ storePathRootDir: dir });
  broker = new BrokerController({
    config: { ...defaultBrokerConfig(), brokerIP1: '127.0.0.1', brokerIP2: '127.0.0.1', namesrvAddr: '', listenPort: 0, grpcServerPort: -1, brokerName: 'timer-broker' },
    store,
  });
  await broker.start();
  broker.topicConfigManager.createTopicIfAbsent(TOPIC, 1, 6);
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'broker-timer-'));
  await startBroker();
});

afterEach(async () => {
  await broker.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

async function firstMessage(topic: string): Promise<StoredMessage | undefined> {
  const result = await store.getMessage('test', topic, 0, 0, 1);
  const record = result.messageBufferList[0];
  return record ? decodeStoredRecord(record).message : undefined;
}

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function send(client: RemotingClient, properties: Record<string, string>): Promise<RemotingCommand> {
  const props = Object.entries(properties).map(([k, v]) => `${k}\u0001${v}\u0002`).join('');
  const extFields = SendMessageRequestHeaderV2.encode({
    producerGroup: 'PG', topic: TOPIC, defaultTopic: 'TBW102', defaultTopicQueueNums: 4, queueId: 0,
    sysFlag: 0, bornTimestamp: Date.now(), flag: 0, properties: props, batch: false,
  });
  return client.invoke(`127.0.0.1:${broker.port}`, RemotingCommand.createRequest(RequestCode.SEND_MESSAGE_V2, extFields, Buffer.from('timer')), 5000);
}

describe('timer messages over SEND_MESSAGE_V2', () => {
  let client: RemotingClient;
  beforeEach(() => {
    client = new RemotingClient();
  });
  afterEach(async () => {
    await client.shutdown();
  });

  test('a message 5 s ahead reaches its topic at or after its delivery time, not before', async () => {
    const deliverMs = Date.now() + 5000;
    const response = await send(client, { [MessageConst.PROPERTY_TIMER_DELIVER_MS]: String(deliverMs) });
    expect(response.code).toBe(ResponseCode.SUCCESS);
    const parked = await waitFor(() => firstMessage(SystemTopic.TIMER), 5000);
    expect(parked.getProperty(MessageConst.PROPERTY_REAL_TOPIC)).toBe(TOPIC);
    expect(await firstMessage(TOPIC)).toBeUndefined();
    const delivered = await waitFor(() => firstMessage(TOPIC), 15_000);
    expect(delivered.storeTimestamp).toBeGreaterThanOrEqual(deliverMs);
    expect(delivered.storeTimestamp - parked.storeTimestamp).toBeGreaterThanOrEqual(4000);
    expect(delivered.getProperty(MessageConst.PROPERTY_REAL_TOPIC)).toBeUndefined();
    expect(delivered.getProperty(MessageConst.PROPERTY_TIMER_OUT_MS)).toBeDefined();
    expect(delivered.body.toString()).toBe('timer');
  });

  test('a delivery time in the past is delivered at once; one past timerMaxDelaySec is MESSAGE_ILLEGAL', async () => {
    const past = await send(client, { [MessageConst.PROPERTY_TIMER_DELIVER_MS]: String(Date.now() - 1000) });
    expect(past.code).toBe(ResponseCode.SUCCESS);
    expect(await firstMessage(TOPIC)).toBeDefined();
    const far = await send(client, { [MessageConst.PROPERTY_TIMER_DELAY_SEC]: String(259200 + 60) });
    expect(far.code).toBe(ResponseCode.MESSAGE_ILLEGAL);
    expect(far.remark).toContain('259200000');
    const garbage = await send(client, { [MessageConst.PROPERTY_TIMER_DELAY_MS]: 'soon' });
    expect(garbage.code).toBe(ResponseCode.MESSAGE_ILLEGAL);
  });
});

/** Puts `count` timer messages straight into the store (the broker's send path is the slow part here). */
async function putTimers(count: number, dueFrom: number, spreadMs: number): Promise<void> {
  const storeHost = hostFromSocket('127.0.0.1', 10911);
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const message = new MessageExt(SystemTopic.TIMER);
    message.queueId = 0;
    message.body = Buffer.from(String(i));
    message.bornTimestamp = Date.now();
    message.bornHost = storeHost;
    message.storeHost = storeHost;
    message.putProperty(MessageConst.PROPERTY_TIMER_OUT_MS, String(Math.floor((dueFrom + (i % spreadMs)) / 1000) * 1000));
    message.putProperty(MessageConst.PROPERTY_REAL_TOPIC, TOPIC);
    message.putProperty(MessageConst.PROPERTY_REAL_QUEUE_ID, '0');
    pending.push(store.putMessage(message));
    if (pending.length === 2000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
}

test('100 000 pending timers survive a restart and are each delivered once', async () => {
  const count = 100_000;
  // Due after the longest the enqueue may take (20 s below): delivery does not wait for the enqueue backlog.
  await putTimers(count, Date.now() + 30_000, 3000);
  const timer = () => broker.timerMessageStore!;
  await waitFor(() => timer()['progress'].lastTimerQueueOffset >= count, 20_000);
  expect(timer().occupiedSlots).toBeLessThanOrEqual(4);
  expect(store.getMaxOffsetInQueue(TOPIC, 0)).toBe(0);
  await broker.shutdown();
  await startBroker();
  await waitFor(() => store.getMaxOffsetInQueue(TOPIC, 0) >= count, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(store.getMaxOffsetInQueue(TOPIC, 0)).toBe(count);
}, 120_000);

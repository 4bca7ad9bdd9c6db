import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { ClientType, Code, type Status } from '../../src/grpc/types';
import { newSubscriptionGroupConfig } from '../../src/subscription/subscription-group-config';
import { TestGrpcClient, waitFor, type StreamElement } from '../support/grpc-client';

const TOPIC = 'ExpiryTopic';
const GROUP = 'ExpiryGroup';
/** Far beyond every wait below: a message seen again before this was released, not expired. */
const INVISIBLE_MS = 20_000;
const CLIENT_EXPIRY_MS = 3_000;

let dir: string;
let embedded: EmbeddedBroker;
let target: string;
const opened: TestGrpcClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grpc-expiry-'));
  embedded = await startEmbeddedBroker({
    storeDir: dir,
    namesrvPort: false,
    broker: { brokerName: 'broker-expiry', defaultInvisibleTimeMills: INVISIBLE_MS, channelExpiredTimeout: CLIENT_EXPIRY_MS, renewSchedulePeriodMillis: 100 },
  });
  embedded.broker.topicConfigManager.createTopicIfAbsent(TOPIC, 1, 6);
  target = `127.0.0.1:${embedded.broker.grpcProxy!.port}`;
});

afterAll(async () => {
  for (const client of opened) client.close();
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

function client(clientId: string): TestGrpcClient {
  const created = new TestGrpcClient(target, clientId);
  opened.push(created);
  return created;
}

function openPushConsumer(consumer: TestGrpcClient, group = GROUP): Promise<{ end(): void }> {
  return consumer.telemetry({ client_type: ClientType.PUSH_CONSUMER, subscription: { group: { name: group }, subscriptions: [] } });
}

interface Received {
  code: number | undefined;
  messages: { body: string; handle: string; id: string; attempt: number }[];
}

/** Where a test consumes: its own group and topic, since a new group starts at the queue's first message. */
interface Subscription {
  group: string;
  topic: string;
}
const DEFAULT_SUBSCRIPTION: Subscription = { group: GROUP, topic: TOPIC };

async function receive(consumer: TestGrpcClient, options: { autoRenew: boolean; at?: Subscription }): Promise<Received> {
  const { group, topic } = options.at ?? DEFAULT_SUBSCRIPTION;
  const request = {
    group: { name: group },
    message_queue: { topic: { name: topic } },
    batch_size: 1,
    long_polling_timeout: { seconds: 10 },
    ...(options.autoRenew ? { auto_renew: true } : { invisible_duration: { seconds: 30 } }),
  };
  const elements: StreamElement[] = await consumer.stream('ReceiveMessage', request, 13_000);
  return {
    code: (elements[0].status as Status).code,
    messages: elements
      .filter((e) => e.message)
      .map((e) => {
        const system = (e.message as { system_properties: { receipt_handle: string; message_id: string; delivery_attempt: number } }).system_properties;
        return { body: (e.message as { body: Buffer }).body.toString(), handle: system.receipt_handle, id: system.message_id, attempt: system.delivery_attempt };
      }),
  };
}

async function ack(consumer: TestGrpcClient, message: Received['messages'][number], at = DEFAULT_SUBSCRIPTION): Promise<void> {
  const reply = await consumer.unary('AckMessage', { group: { name: at.group }, topic: { name: at.topic }, entries: [{ message_id: message.id, receipt_handle: message.handle }] });
  expect(reply.status.code).toBe(Code.OK);
}

test('a client that goes away silently expires: its Settings are dropped and its auto-renewed message is redelivered', async () => {
  const holder = client('silent-holder@1');
  const other = client('expiry-other@2');
  const telemetry = await openPushConsumer(holder);
  await holder.send(TOPIC, 'held-by-silent');
  const held = await receive(holder, { autoRenew: true });
  expect(held.messages.map((m) => m.body)).toEqual(['held-by-silent']);

  telemetry.end();
  await waitFor(() => (embedded.broker.grpcProxy!.clients.get(holder.clientId) ? undefined : true), CLIENT_EXPIRY_MS * 4);

  const redelivered = await receive(other, { autoRenew: false });
  expect(redelivered.messages.map((m) => [m.body, m.attempt])).toEqual([['held-by-silent', 2]]);
  await ack(other, redelivered.messages[0]);
  expect((await holder.unary('Heartbeat', { client_type: ClientType.PUSH_CONSUMER, group: { name: GROUP } })).status.code).toBe(Code.UNRECOGNIZED_CLIENT_TYPE);
});

test('a producer that stops heart-beating expires even while its Telemetry stream stays open', async () => {
  const producer = client('silent-producer@3');
  const telemetry = await producer.telemetry({ client_type: ClientType.PRODUCER, publishing: { topics: [{ name: TOPIC }] } });
  expect(embedded.broker.grpcProxy!.clients.get(producer.clientId)).toBeDefined();
  await waitFor(() => (embedded.broker.grpcProxy!.clients.get(producer.clientId) ? undefined : true), CLIENT_EXPIRY_MS * 4);
  expect((await producer.unary('Heartbeat', { client_type: ClientType.PRODUCER })).status.code).toBe(Code.UNRECOGNIZED_CLIENT_TYPE);
  telemetry.end();
});

test('an auto_renew receive from a client without a live Telemetry stream is MESSAGE_NOT_FOUND and the message is released', async () => {
  const closed = client('closed-stream@4');
  const other = client('expiry-other@5');
  (await openPushConsumer(closed)).end();
  await waitFor(() => (embedded.broker.grpcProxy!.clients.get(closed.clientId)?.commandChannel ? undefined : true));
  await closed.send(TOPIC, 'popped-for-nobody');

  const refused = await receive(closed, { autoRenew: true });
  expect(refused).toEqual({ code: Code.MESSAGE_NOT_FOUND, messages: [] });
  const unknown = await receive(client('never-connected@6'), { autoRenew: true });
  expect(unknown).toEqual({ code: Code.MESSAGE_NOT_FOUND, messages: [] });

  const released = await receive(other, { autoRenew: false });
  expect(released.messages.map((m) => m.body)).toEqual(['popped-for-nobody']);
  await ack(other, released.messages[0]);
});

test('a message held past renewMaxTimeMillis is nacked with its group retry policy back-off', async () => {
  const at: Subscription = { group: 'ExpiryNackGroup', topic: 'ExpiryNackTopic' };
  const { group } = at;
  embedded.broker.topicConfigManager.createTopicIfAbsent(at.topic, 1, 6);
  embedded.broker.subscriptionGroupManager.updateSubscriptionGroupConfig({
    ...newSubscriptionGroupConfig(group),
    groupRetryPolicy: { type: 'EXPONENTIAL', exponentialRetryPolicy: { initial: 700, max: 60_000, multiplier: 2 } },
  });
  const config = embedded.broker.config;
  const saved = { renewAheadTimeMillis: config.renewAheadTimeMillis, renewMaxTimeMillis: config.renewMaxTimeMillis };
  const changeInvisible = jest.spyOn(embedded.broker.popService!, 'changeInvisibleTime');
  const holder = client('long-holder@7');
  const telemetry = await openPushConsumer(holder, group);
  try {
    Object.assign(config, { renewAheadTimeMillis: INVISIBLE_MS, renewMaxTimeMillis: 0 });
    await holder.send(at.topic, 'held-too-long');
    const held = await receive(holder, { autoRenew: true, at });
    expect(held.messages.map((m) => m.body)).toEqual(['held-too-long']);

    const nack = await waitFor(() => changeInvisible.mock.calls.find(([g, , handle]) => g === group && handle === held.messages[0].handle));
    expect(nack[3]).toBe(700);
    const redelivered = await receive(holder, { autoRenew: false, at });
    expect(redelivered.messages.map((m) => [m.body, m.attempt])).toEqual([['held-too-long', 2]]);
    await ack(holder, redelivered.messages[0], at);
  } finally {
    Object.assign(config, saved);
    changeInvisible.mockRestore();
    telemetry.end();
  }
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClientReadableStream } from '@grpc/grpc-js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { ClientType, Code, MessageType, type Status } from '../../src/grpc/types';
import { newSubscriptionGroupConfig } from '../../src/subscription/subscription-group-config';
import { TestGrpcClient, uniqueId, type StreamElement } from '../support/grpc-client';

const TOPIC = 'BadInputTopic';
const GROUP = 'BadInputGroup';
const MAX_BODY = 1024;

let dir: string;
let embedded: EmbeddedBroker;
let client: TestGrpcClient;
let anonymous: TestGrpcClient;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grpc-bad-input-'));
  embedded = await startEmbeddedBroker({
    storeDir: dir,
    namesrvPort: false,
    store: { maxMessageSize: MAX_BODY },
    broker: { brokerName: 'broker-bad-input', autoCreateSubscriptionGroup: false },
  });
  embedded.broker.topicConfigManager.createTopicIfAbsent(TOPIC, 1, 6);
  embedded.broker.subscriptionGroupManager.updateSubscriptionGroupConfig(newSubscriptionGroupConfig(GROUP));
  const target = `127.0.0.1:${embedded.broker.grpcProxy!.port}`;
  client = new TestGrpcClient(target, 'bad-input@1');
  anonymous = new TestGrpcClient(target, '');
});

afterAll(async () => {
  client.close();
  anonymous.close();
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

function message(overrides: { topic?: string; body?: Buffer; system?: object; user?: Record<string, string> } = {}): object {
  return {
    topic: { name: overrides.topic ?? TOPIC },
    body: overrides.body ?? Buffer.from('payload'),
    user_properties: overrides.user ?? {},
    system_properties: { message_id: uniqueId(), body_encoding: 1, message_type: MessageType.NORMAL, ...overrides.system },
  };
}

async function sendCode(...messages: object[]): Promise<number | undefined> {
  return (await client.unary('SendMessage', { messages })).status.code;
}

function statusOf(elements: StreamElement[]): number | undefined {
  return (elements[0].status as Status).code;
}

function receiveRequest(overrides: { topic?: string; group?: string } = {}): object {
  return {
    group: { name: overrides.group ?? GROUP },
    message_queue: { topic: { name: overrides.topic ?? TOPIC } },
    batch_size: 1,
    invisible_duration: { seconds: 30 },
    long_polling_timeout: { seconds: 5 },
  };
}

test('SendMessage: unknown topic, illegal topic name and no messages answer their codes', async () => {
  expect(await sendCode(message({ topic: 'NoSuchBadInputTopic' }))).toBe(Code.TOPIC_NOT_FOUND);
  expect(await sendCode(message({ topic: 'bad topic!' }))).toBe(Code.ILLEGAL_TOPIC);
  expect(await sendCode()).toBe(Code.MESSAGE_CORRUPTED);
});

test('SendMessage: a FIFO message to a NORMAL topic is MESSAGE_PROPERTY_CONFLICT_WITH_TYPE', async () => {
  expect(await sendCode(message({ system: { message_type: MessageType.FIFO, message_group: 'g1' } }))).toBe(Code.MESSAGE_PROPERTY_CONFLICT_WITH_TYPE);
});

test('SendMessage: oversized bodies and properties are refused, a body at the limit is stored', async () => {
  expect(await sendCode(message({ body: Buffer.alloc(MAX_BODY + 1, 1) }))).toBe(Code.MESSAGE_BODY_TOO_LARGE);
  expect(await sendCode(message({ user: { big: 'x'.repeat(16 * 1024) } }))).toBe(Code.MESSAGE_PROPERTIES_TOO_LARGE);
  const many = Object.fromEntries(Array.from({ length: 129 }, (_, i) => [`k${i}`, 'v']));
  expect(await sendCode(message({ user: many }))).toBe(Code.MESSAGE_PROPERTIES_TOO_LARGE);
  expect(await sendCode(message({ body: Buffer.alloc(MAX_BODY, 1) }))).toBe(Code.OK);
});

test('ReceiveMessage: unknown or illegal groups and topics end the stream with their status and a delivery timestamp', async () => {
  const unknownGroup = await client.stream('ReceiveMessage', receiveRequest({ group: 'NoSuchBadInputGroup' }));
  expect(unknownGroup.map((e) => Object.keys(e).filter((k) => k !== 'content'))).toEqual([['status'], ['delivery_timestamp']]);
  expect(statusOf(unknownGroup)).toBe(Code.CONSUMER_GROUP_NOT_FOUND);
  expect(statusOf(await client.stream('ReceiveMessage', receiveRequest({ group: 'bad group!' })))).toBe(Code.ILLEGAL_CONSUMER_GROUP);
  expect(statusOf(await client.stream('ReceiveMessage', receiveRequest({ topic: 'bad topic!' })))).toBe(Code.ILLEGAL_TOPIC);
  expect(statusOf(await client.stream('ReceiveMessage', receiveRequest({ topic: 'NoSuchBadInputTopic' })))).toBe(Code.TOPIC_NOT_FOUND);
});

test('Ack, ChangeInvisibleDuration and Heartbeat with illegal group names are ILLEGAL_CONSUMER_GROUP', async () => {
  const entries = [{ message_id: 'm', receipt_handle: 'garbage' }];
  expect((await client.unary('AckMessage', { group: { name: 'bad group!' }, topic: { name: TOPIC }, entries })).status.code).toBe(Code.ILLEGAL_CONSUMER_GROUP);
  const change = await client.unary('ChangeInvisibleDuration', { group: { name: '' }, topic: { name: TOPIC }, receipt_handle: 'garbage', invisible_duration: { seconds: 1 } });
  expect(change.status.code).toBe(Code.ILLEGAL_CONSUMER_GROUP);
  const telemetry = await client.telemetry({ client_type: ClientType.SIMPLE_CONSUMER, subscription: { group: { name: GROUP }, subscriptions: [] } });
  expect((await client.unary('Heartbeat', { client_type: ClientType.SIMPLE_CONSUMER, group: { name: 'bad group!' } })).status.code).toBe(Code.ILLEGAL_CONSUMER_GROUP);
  telemetry.end();
});

test('a ReceiveMessage without x-mq-client-id ends at once with CLIENT_ID_REQUIRED', async () => {
  const elements = await anonymous.stream('ReceiveMessage', receiveRequest());
  expect(statusOf(elements)).toBe(Code.CLIENT_ID_REQUIRED);
  expect(elements.filter((e) => e.message)).toEqual([]);
});

test('a ReceiveMessage without a deadline long-polls for its long_polling_timeout, then ends with MESSAGE_NOT_FOUND', async () => {
  const topic = 'BadInputEmptyTopic';
  embedded.broker.topicConfigManager.createTopicIfAbsent(topic, 1, 6);
  const call = client.raw.ReceiveMessage(receiveRequest({ topic }), client.headers(), {}) as ClientReadableStream<StreamElement>;
  const elements: StreamElement[] = [];
  call.on('data', (element: StreamElement) => elements.push(element));
  await new Promise<void>((resolve, reject) => {
    call.on('end', resolve);
    call.on('error', reject);
  });
  expect(elements.map((e) => e.content)).toEqual(['status', 'delivery_timestamp']);
  expect(statusOf(elements)).toBe(Code.MESSAGE_NOT_FOUND);
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { Code, QueryOffsetPolicy, type Status } from '../../src/grpc/types';
import { TestGrpcClient, type Reply, type StreamElement } from '../support/grpc-client';

const TOPIC = 'PullRpcTopic';
const GROUP = 'PullRpcGroup';

let dir: string;
let embedded: EmbeddedBroker;
let client: TestGrpcClient;
let sentAt: number;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grpc-pull-'));
  embedded = await startEmbeddedBroker({ storeDir: dir, namesrvPort: false, broker: { brokerName: 'broker-pull' } });
  embedded.broker.topicConfigManager.createTopicIfAbsent(TOPIC, 1, 6);
  embedded.broker.topicConfigManager.createTopicIfAbsent('PullEmptyTopic', 1, 6);
  client = new TestGrpcClient(`127.0.0.1:${embedded.broker.grpcProxy!.port}`);
  sentAt = Date.now();
  for (const [body, tag] of [['a', 'TagA'], ['b', 'TagB'], ['c', 'TagA']]) {
    expect((await client.send(TOPIC, body, { tag })).status).toMatchObject({ code: Code.OK });
  }
});

afterAll(async () => {
  client.close();
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

function queue(topic = TOPIC, id = 0): object {
  return { topic: { name: topic }, id };
}

function pull(offset: number, extra: object = {}, topic = TOPIC): Promise<StreamElement[]> {
  return client.stream('PullMessage', { group: { name: GROUP }, message_queue: queue(topic), offset, batch_size: 32, ...extra });
}

function summary(elements: StreamElement[]): { code: number | undefined; bodies: string[]; nextOffset: unknown; order: unknown[] } {
  return {
    code: (elements[0]?.status as Status | undefined)?.code,
    bodies: elements.filter((e) => e.message).map((e) => (e.message as { body: Buffer }).body.toString()),
    nextOffset: elements.find((e) => e.content === 'next_offset')?.next_offset,
    order: elements.map((e) => e.content),
  };
}

test('PullMessage answers OK, the messages from the offset and next_offset, in that order', async () => {
  const result = summary(await pull(1, { batch_size: 5 }));
  expect(result).toEqual({ code: Code.OK, bodies: ['b', 'c'], nextOffset: 3, order: ['status', 'message', 'message', 'next_offset'] });
  expect(summary(await pull(0, { batch_size: 1 }))).toMatchObject({ bodies: ['a'], nextOffset: 1 });
});

test('PullMessage filters by tag', async () => {
  const result = summary(await pull(0, { filter_expression: { type: 1, expression: 'TagA' } }));
  expect(result.bodies).toEqual(['a', 'c']);
  expect(result.nextOffset).toBe(3);
});

test('PullMessage at the end of the queue long-polls, then MESSAGE_NOT_FOUND with the same next_offset', async () => {
  const result = summary(await pull(0, { long_polling_timeout: { seconds: 1 } }, 'PullEmptyTopic'));
  expect(result).toEqual({ code: Code.MESSAGE_NOT_FOUND, bodies: [], nextOffset: 0, order: ['status', 'next_offset'] });
});

test('a long-polling PullMessage wakes when a message arrives', async () => {
  const pending = pull(3, { long_polling_timeout: { seconds: 15 } });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await client.send(TOPIC, 'late');
  expect(summary(await pending)).toMatchObject({ code: Code.OK, bodies: ['late'], nextOffset: 4 });
});

test('PullMessage outside the queue is ILLEGAL_OFFSET with the corrected next_offset', async () => {
  const { offset: max } = await client.unary('QueryOffset', { message_queue: queue(), query_offset_policy: QueryOffsetPolicy.END });
  expect(summary(await pull(100))).toMatchObject({ code: Code.ILLEGAL_OFFSET, nextOffset: max });
  expect(summary(await pull(-1)).code).toBe(Code.ILLEGAL_OFFSET);
  expect(summary(await pull(5, {}, 'PullEmptyTopic'))).toMatchObject({ code: Code.ILLEGAL_OFFSET, nextOffset: 0 });
});

test('PullMessage with a bad queue, topic or group answers the matching status', async () => {
  const badQueue = await client.stream('PullMessage', { group: { name: GROUP }, message_queue: queue(TOPIC, 7), offset: 0 });
  expect(summary(badQueue)).toMatchObject({ code: Code.BAD_REQUEST, order: ['status'] });
  expect(summary(await pull(0, {}, 'NoSuchPullTopic')).code).toBe(Code.TOPIC_NOT_FOUND);
  expect(summary(await client.stream('PullMessage', { group: { name: 'bad group!' }, message_queue: queue(), offset: 0 })).code).toBe(Code.ILLEGAL_CONSUMER_GROUP);
});

test('GetOffset is OFFSET_NOT_FOUND until UpdateOffset commits one; offsets beyond the queue are ILLEGAL_OFFSET', async () => {
  const request = { group: { name: 'OffsetRpcGroup' }, message_queue: queue() };
  expect((await client.unary('GetOffset', request)).status.code).toBe(Code.OFFSET_NOT_FOUND);
  expect((await client.unary('UpdateOffset', { ...request, offset: 2 })).status.code).toBe(Code.OK);
  expect(await client.unary('GetOffset', request)).toMatchObject({ status: { code: Code.OK }, offset: 2 });
  expect((await client.unary('UpdateOffset', { ...request, offset: 1000 })).status.code).toBe(Code.ILLEGAL_OFFSET);
  expect((await client.unary('UpdateOffset', { ...request, offset: -3 })).status.code).toBe(Code.ILLEGAL_OFFSET);
  expect(embedded.broker.consumerOffsetManager.queryOffset('OffsetRpcGroup', TOPIC, 0)).toBe(2);
});

test('QueryOffset answers BEGINNING, END and the offset at a timestamp', async () => {
  const query = (policy: number, timestamp?: number): Promise<Reply> =>
    client.unary('QueryOffset', { message_queue: queue(), query_offset_policy: policy, ...(timestamp === undefined ? {} : { timestamp: { seconds: Math.floor(timestamp / 1000), nanos: 0 } }) });
  const end = await query(QueryOffsetPolicy.END);
  expect(await query(QueryOffsetPolicy.BEGINNING)).toMatchObject({ status: { code: Code.OK }, offset: 0 });
  expect(end).toMatchObject({ status: { code: Code.OK } });
  expect(end.offset as number).toBeGreaterThanOrEqual(3);
  expect(await query(QueryOffsetPolicy.TIMESTAMP, sentAt - 60_000)).toMatchObject({ status: { code: Code.OK }, offset: 0 });
  expect((await query(QueryOffsetPolicy.TIMESTAMP)).status.code).toBe(Code.ILLEGAL_OFFSET);
  expect((await client.unary('QueryOffset', { message_queue: queue('NoSuchPullTopic'), query_offset_policy: 0 })).status.code).toBe(Code.TOPIC_NOT_FOUND);
});

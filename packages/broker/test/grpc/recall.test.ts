import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { decodeRecallHandle } from '@mq/remoting';
import { Code, MessageType, type Status } from '../../src/grpc/types';
import { TestGrpcClient, waitFor } from '../support/grpc-client';

const TOPIC = 'RecallTopic';

let dir: string;
let embedded: EmbeddedBroker;
let client: TestGrpcClient;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grpc-recall-'));
  embedded = await startEmbeddedBroker({ storeDir: dir, namesrvPort: false, broker: { brokerName: 'broker-recall', recallMessageEnable: true } });
  const topics = embedded.broker.topicConfigManager;
  topics.createTopicIfAbsent(TOPIC, 1, 6);
  topics.selectTopicConfig(TOPIC)!.attributes['message.type'] = 'DELAY';
  topics.createTopicIfAbsent('RecallNormalTopic', 1, 6);
  client = new TestGrpcClient(`127.0.0.1:${embedded.broker.grpcProxy!.port}`);
});

afterAll(async () => {
  client.close();
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

function sendTimed(body: string, deliverAt: number): Promise<Record<string, unknown>> {
  return client.send(TOPIC, body, { message_type: MessageType.DELAY, delivery_timestamp: { seconds: Math.floor(deliverAt / 1000), nanos: (deliverAt % 1000) * 1e6 } });
}

function recall(handle: string, topic = TOPIC): Promise<Record<string, unknown> & { status: Status }> {
  return client.unary('RecallMessage', { topic: { name: topic }, recall_handle: handle });
}

async function bodiesInTopic(): Promise<string[]> {
  const elements = await client.stream('PullMessage', { group: { name: 'RecallCheckGroup' }, message_queue: { topic: { name: TOPIC }, id: 0 }, offset: 0, batch_size: 32 });
  return elements.filter((e) => e.message).map((e) => (e.message as { body: Buffer }).body.toString());
}

test('a recalled timer message is never delivered; the others of its slot are; recalling a delivered one fails', async () => {
  const deliverAt = Date.now() + 3000;
  const recalled = await sendTimed('recalled', deliverAt);
  const kept = await sendTimed('kept', deliverAt);
  const handle = recalled.recall_handle as string;
  expect(decodeRecallHandle(handle)).toMatchObject({ topic: TOPIC, brokerName: 'broker-recall', messageId: recalled.message_id });
  expect(handle).toMatch(/^[A-Za-z0-9_-]+=*$/);

  expect(await recall(handle)).toMatchObject({ status: { code: Code.OK }, message_id: recalled.message_id });
  const delivered = await waitFor(async () => {
    const bodies = await bodiesInTopic();
    return bodies.length > 0 ? bodies : undefined;
  });
  expect(delivered).toEqual(['kept']);
  // The slot has fired: nothing more arrives, and the delivered message can no longer be recalled.
  expect((await recall(kept.recall_handle as string)).status.code).toBe(Code.INTERNAL_SERVER_ERROR);
  expect(await bodiesInTopic()).toEqual(['kept']);
});

test('plain messages get no recall handle; bad handles, topics and disabled recall answer the mapped codes', async () => {
  const plain = await client.send('RecallNormalTopic', 'plain');
  expect(plain.recall_handle).toBe('');
  expect((await recall('not a handle!')).status.code).toBe(Code.INTERNAL_SERVER_ERROR);
  expect((await recall(Buffer.from('v2 x y 1 z').toString('base64url'))).status.code).toBe(Code.INTERNAL_SERVER_ERROR);
  expect((await recall('anything', 'RecallNormalTopic')).status.code).toBe(Code.MESSAGE_PROPERTY_CONFLICT_WITH_TYPE);
  const pending = await sendTimed('other-topic', Date.now() + 60_000);
  embedded.broker.config.recallMessageEnable = false;
  try {
    expect((await recall(pending.recall_handle as string)).status.code).toBe(Code.FORBIDDEN);
  } finally {
    embedded.broker.config.recallMessageEnable = true;
  }
});

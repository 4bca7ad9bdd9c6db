import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { ClientType, Code, type Status } from '../../src/grpc/types';
import { TestGrpcClient, type StreamElement } from '../support/grpc-client';

const TOPIC = 'RenewTopic';
const GROUP = 'RenewGroup';
/** The auto-renew invisible time these tests run with (`defaultInvisibleTimeMills`). */
const INVISIBLE_MS = 2000;

let dir: string;
let embedded: EmbeddedBroker;
let holder: TestGrpcClient;
let other: TestGrpcClient;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grpc-renew-'));
  embedded = await startEmbeddedBroker({
    storeDir: dir,
    namesrvPort: false,
    broker: { brokerName: 'broker-renew', defaultInvisibleTimeMills: INVISIBLE_MS, renewAheadTimeMillis: 1500, renewSchedulePeriodMillis: 200 },
  });
  embedded.broker.topicConfigManager.createTopicIfAbsent(TOPIC, 1, 6);
  const target = `127.0.0.1:${embedded.broker.grpcProxy!.port}`;
  holder = new TestGrpcClient(target, 'renew-holder@1');
  other = new TestGrpcClient(target, 'renew-other@2');
});

afterAll(async () => {
  holder.close();
  other.close();
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

interface Received {
  code: number | undefined;
  messages: { body: string; handle: string; id: string; attempt: number }[];
}

async function receive(client: TestGrpcClient, options: { autoRenew: boolean; pollSeconds: number }): Promise<Received> {
  const request = {
    group: { name: GROUP },
    message_queue: { topic: { name: TOPIC } },
    batch_size: 1,
    long_polling_timeout: { seconds: options.pollSeconds },
    ...(options.autoRenew ? { auto_renew: true } : { invisible_duration: { seconds: 30 } }),
  };
  const elements: StreamElement[] = await client.stream('ReceiveMessage', request, (options.pollSeconds + 3) * 1000);
  return {
    code: (elements[0].status as Status).code,
    messages: elements
      .filter((e) => e.message)
      .map((e) => {
        const message = e.message as { body: Buffer; system_properties: { receipt_handle: string; message_id: string; delivery_attempt: number } };
        const system = message.system_properties;
        return { body: message.body.toString(), handle: system.receipt_handle, id: system.message_id, attempt: system.delivery_attempt };
      }),
  };
}

function sleepUntil(epochMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));
}

test('an auto-renewed message stays invisible to others while its client holds it; the client terminating releases it', async () => {
  const telemetry = await holder.telemetry({ client_type: ClientType.PUSH_CONSUMER, subscription: { group: { name: GROUP }, subscriptions: [] } });
  await holder.send(TOPIC, 'held');
  const first = await receive(holder, { autoRenew: true, pollSeconds: 5 });
  expect(first.messages.map((m) => m.body)).toEqual(['held']);

  // The 5 s poll spans the 2 s invisible time: without renewal the message would come back here.
  expect((await receive(other, { autoRenew: false, pollSeconds: 5 })).code).toBe(Code.MESSAGE_NOT_FOUND);

  expect((await holder.unary('NotifyClientTermination', { group: { name: GROUP } })).status.code).toBe(Code.OK);
  const redelivered = await receive(other, { autoRenew: false, pollSeconds: 10 });
  expect(redelivered.messages.map((m) => [m.body, m.attempt])).toEqual([['held', 2]]);
  expect((await other.unary('AckMessage', { group: { name: GROUP }, topic: { name: TOPIC }, entries: [{ message_id: redelivered.messages[0].id, receipt_handle: redelivered.messages[0].handle }] })).status.code).toBe(Code.OK);
  telemetry.end();
});

test('the handle a client received still acks its message after renewals, and the message is not redelivered', async () => {
  const telemetry = await holder.telemetry({ client_type: ClientType.PUSH_CONSUMER, subscription: { group: { name: GROUP }, subscriptions: [] } });
  await holder.send(TOPIC, 'acked-late');
  const receivedAt = Date.now();
  const { messages } = await receive(holder, { autoRenew: true, pollSeconds: 5 });
  expect(messages.map((m) => m.body)).toEqual(['acked-late']);
  await sleepUntil(receivedAt + INVISIBLE_MS + 500);
  const ack = await holder.unary('AckMessage', { group: { name: GROUP }, topic: { name: TOPIC }, entries: [{ message_id: messages[0].id, receipt_handle: messages[0].handle }] });
  expect(ack.status.code).toBe(Code.OK);
  expect((await receive(other, { autoRenew: false, pollSeconds: 5 })).code).toBe(Code.MESSAGE_NOT_FOUND);
  telemetry.end();
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import type { PoppedMessage, PopService } from '../../src/pop/pop-service';
import { TestGrpcClient, waitFor } from '../support/grpc-client';

const TOPIC = 'PopRestartTopic';
const GROUP = 'PopRestartGroup';
const INVISIBLE_MS = 1500;

let dir: string;
let embedded: EmbeddedBroker | undefined;

async function startBroker(): Promise<{ pop: PopService; client: TestGrpcClient }> {
  embedded = await startEmbeddedBroker({ storeDir: dir, namesrvPort: false, broker: { brokerName: 'broker-pop' } });
  embedded.broker.topicConfigManager.createTopicIfAbsent(TOPIC, 1, 6);
  return { pop: embedded.broker.popService!, client: new TestGrpcClient(`127.0.0.1:${embedded.broker.grpcProxy!.port}`) };
}

function popAll(pop: PopService, pollTimeMs = 0): Promise<PoppedMessage[]> {
  return pop.pop({ group: GROUP, topic: TOPIC, maxMsgNums: 32, invisibleTimeMs: INVISIBLE_MS, pollTimeMs, fifo: false });
}

function bodies(popped: readonly PoppedMessage[]): string[] {
  return popped.map((p) => p.message.body.toString()).sort();
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pop-restart-'));
});

afterEach(async () => {
  await embedded?.shutdown();
  embedded = undefined;
  rmSync(dir, { recursive: true, force: true });
});

test('after a restart un-acked messages come back after their invisible time, acked ones never, progress is kept', async () => {
  let { pop, client } = await startBroker();
  for (const body of ['m0', 'm1', 'm2', 'm3']) await client.send(TOPIC, body);
  const popped = await popAll(pop, 2000);
  expect(bodies(popped)).toEqual(['m0', 'm1', 'm2', 'm3']);
  const byBody = new Map(popped.map((p) => [p.message.body.toString(), p]));
  pop.ack(GROUP, TOPIC, byBody.get('m0')!.receiptHandle);
  // Kept invisible across the restart, however long it takes, then acked with this handle.
  const m2Handle = pop.changeInvisibleTime(GROUP, TOPIC, byBody.get('m2')!.receiptHandle, 60_000);
  client.close();
  await embedded!.shutdown();

  ({ pop, client } = await startBroker());
  // A handle issued before the restart still acks its message.
  pop.ack(GROUP, TOPIC, m2Handle);
  await client.send(TOPIC, 'm4');

  const returned: PoppedMessage[] = [];
  await waitFor(async () => {
    const batch = await popAll(pop);
    // Acked at once: a message popped early must not expire and come back while the others are awaited.
    for (const popped of batch) pop.ack(GROUP, TOPIC, popped.receiptHandle);
    returned.push(...batch);
    return returned.length >= 3 ? true : undefined;
  });
  expect(bodies(returned)).toEqual(['m1', 'm3', 'm4']);
  expect(returned.filter((p) => p.deliveryAttempt === 2).map((p) => p.message.body.toString()).sort()).toEqual(['m1', 'm3']);
  expect(await popAll(pop)).toEqual([]);
  client.close();
});

test('a restart keeps in-flight state changed by ChangeInvisibleDuration', async () => {
  let { pop, client } = await startBroker();
  await client.send(TOPIC, 'long');
  const [first] = await popAll(pop, 2000);
  const renewed = pop.changeInvisibleTime(GROUP, TOPIC, first.receiptHandle, 60_000);
  client.close();
  await embedded!.shutdown();

  ({ pop, client } = await startBroker());
  expect(() => pop.ack(GROUP, TOPIC, first.receiptHandle)).toThrow(/stale/);
  // Longer than the original invisible time: the renewed one still hides it.
  await new Promise((resolve) => setTimeout(resolve, INVISIBLE_MS + 1200));
  expect(await popAll(pop)).toEqual([]);
  pop.ack(GROUP, TOPIC, renewed);
  client.close();
});

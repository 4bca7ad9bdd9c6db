import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MQError, Message, type MessageExt } from '@mq/common';
import { startEmbeddedBroker, type EmbeddedBroker } from '@mq/broker';
import { ClientErrorCode, Producer, PushConsumer } from '../../src';
import { TEST_REQUEST_TIMEOUT_MS, waitFor } from '../support/embedded-cluster';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('clients started before their name server exists', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mq-client-late-'));
  let broker: EmbeddedBroker | undefined;
  let producer: Producer | undefined;
  let consumer: PushConsumer | undefined;

  afterAll(async () => {
    await consumer?.shutdown();
    await producer?.shutdown();
    await broker?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fail sends with the address first, then send and consume once it is up, without being recreated', async () => {
    const port = await freePort();
    const namesrvAddr = `127.0.0.1:${port}`;
    // Only the route poll is fast; heartbeats (30 s) and rebalancing (20 s) keep their defaults,
    // so consuming promptly needs the client to react to the route that reveals the broker.
    const options = { namesrvAddr, pollNameServerIntervalMs: 200, requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS };
    producer = new Producer({ ...options, group: 'PG_LATE', instanceName: 'late-p' });
    await producer.start();
    const early = await producer.send(new Message('LateTopic', Buffer.from('early'))).catch((error: unknown) => error);
    expect(early).toBeInstanceOf(MQError);
    expect((early as MQError).code).toBe(ClientErrorCode.NO_NAME_SERVER_EXCEPTION);
    expect((early as MQError).message).toContain(namesrvAddr);

    const received: MessageExt[] = [];
    consumer = new PushConsumer({ ...options, group: 'CG_LATE', instanceName: 'late-c', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', brokerSuspendMaxTimeMs: 1000 });
    consumer.subscribe('LateTopic');
    consumer.registerMessageListener((messages) => {
      received.push(...messages);
      return 'CONSUME_SUCCESS';
    });
    await consumer.start();

    broker = await startEmbeddedBroker({ storeDir: dir, namesrvPort: port, broker: { brokerName: 'broker-late' } });
    const result = await producer.send(new Message('LateTopic', Buffer.from('late')));
    expect(result.status).toBe('SEND_OK');
    await waitFor(() => received.some((message) => message.uniqKey === result.msgId), 10_000, 'the message sent once the name server is up');
  }, 30_000);
});

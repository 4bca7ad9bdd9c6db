import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { credentials, makeGenericClientConstructor, Metadata, type Client, type ClientDuplexStream } from '@grpc/grpc-js';
import fc from 'fast-check';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { dropUnservableTimeout, grpcTimeoutMillis, MAX_SERVABLE_TIMEOUT_MS } from '../../src/grpc/long-deadline-guard';
import { serviceDefinition } from '../../src/grpc/proto-schema';
import { Code, type TelemetryCommand } from '../../src/grpc/types';

/** The deadline rocketmq-client-java puts on every Telemetry stream (`ClientImpl.TELEMETRY_TIMEOUT`). */
const JAVA_TELEMETRY_DEADLINE_MS = 60 * 365 * 24 * 3600 * 1000;

describe('grpc-timeout headers grpc-js cannot represent', () => {
  test.each([
    ['525600H', true],
    ['597H', true],
    ['596H', false],
    ['99999999m', false],
    ['20S', false],
    ['garbage', false],
  ])('%s is dropped: %s', (value, dropped) => {
    const headers: Record<string, string> = { 'grpc-timeout': value, 'x-mq-client-id': 'c' };
    expect(dropUnservableTimeout(headers)).toBe(dropped);
    expect('grpc-timeout' in headers).toBe(!dropped);
    expect(headers['x-mq-client-id']).toBe('c');
  });

  test('a header is dropped exactly when its value exceeds the largest timer delay', () => {
    const units = fc.constantFrom('H', 'M', 'S', 'm', 'u', 'n');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), units, (amount, unit) => {
        const headers: Record<string, string> = { 'grpc-timeout': `${amount}${unit}` };
        expect(dropUnservableTimeout(headers)).toBe(grpcTimeoutMillis(`${amount}${unit}`)! > MAX_SERVABLE_TIMEOUT_MS);
      }),
    );
  });
});

describe('a Telemetry stream opened with the Java client deadline', () => {
  type TelemetryStream = ClientDuplexStream<object, TelemetryCommand>;
  const MessagingClient = makeGenericClientConstructor(serviceDefinition('apache.rocketmq.v2.MessagingService'), 'MessagingService');
  let dir: string;
  let embedded: EmbeddedBroker;
  let client: Client & { Telemetry(metadata: Metadata, options: { deadline: Date }): TelemetryStream };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'grpc-deadline-'));
    embedded = await startEmbeddedBroker({ storeDir: dir, namesrvPort: false, broker: { brokerName: 'broker-deadline' } });
    embedded.broker.topicConfigManager.createTopicIfAbsent('GrpcDeadlineTopic', 1, 6);
    client = new MessagingClient(`127.0.0.1:${embedded.broker.grpcProxy!.port}`, credentials.createInsecure()) as unknown as typeof client;
  });

  afterAll(async () => {
    client.close();
    await embedded.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The next reply, or the stream's failure. */
  function nextReply(stream: TelemetryStream): Promise<TelemetryCommand> {
    return new Promise((resolve, reject) => {
      stream.once('data', resolve);
      stream.once('error', reject);
    });
  }

  test('stays open: Settings sent after the first reply are answered too', async () => {
    const metadata = new Metadata();
    metadata.set('x-mq-client-id', 'java-like@1');
    const stream = client.Telemetry(metadata, { deadline: new Date(Date.now() + JAVA_TELEMETRY_DEADLINE_MS) });
    stream.on('error', () => undefined);
    const settings = { settings: { client_type: 1, publishing: { topics: [{ name: 'GrpcDeadlineTopic' }] } } };
    for (let round = 0; round < 3; round++) {
      const reply = nextReply(stream);
      stream.write(settings);
      await expect(reply).resolves.toMatchObject({ status: { code: Code.OK } });
    }
    stream.end();
  });
});

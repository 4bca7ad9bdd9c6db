import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { credentials, makeGenericClientConstructor, Metadata, type Client, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { serviceDefinition } from '../../src/grpc/proto-schema';
import { Code, type Status, type TelemetryCommand } from '../../src/grpc/types';

type Unary = (request: object, metadata: Metadata, callback: (error: ServiceError | null, response: { status: Status } & Record<string, unknown>) => void) => void;

const MessagingClient = makeGenericClientConstructor(serviceDefinition('apache.rocketmq.v2.MessagingService'), 'MessagingService');

let dir: string;
let embedded: EmbeddedBroker;
let client: Client & Record<string, Unary>;
let target: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'grpc-svc-'));
  embedded = await startEmbeddedBroker({ storeDir: dir, namesrvPort: false, broker: { brokerName: 'broker-a' } });
  embedded.broker.topicConfigManager.createTopicIfAbsent('GrpcUnitTopic', 4, 6);
  target = `127.0.0.1:${embedded.broker.grpcProxy!.port}`;
  client = new MessagingClient(target, credentials.createInsecure()) as Client & Record<string, Unary>;
});

afterAll(async () => {
  client.close();
  await embedded.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

/** Official-client headers; an empty client id leaves `x-mq-client-id` out. */
function headers(clientId = 'test-client@1'): Metadata {
  const metadata = new Metadata();
  if (clientId !== '') metadata.set('x-mq-client-id', clientId);
  metadata.set('x-mq-language', 'HTTP');
  return metadata;
}

function call(c: Client & Record<string, Unary>, method: string, request: object, metadata = headers()): Promise<{ status: Status } & Record<string, unknown>> {
  return new Promise((resolve, reject) => c[method](request, metadata, (error, response) => (error ? reject(error) : resolve(response))));
}

test('QueryRoute answers READ_WRITE queues 0..n-1 of broker id 0 at the endpoints the client used', async () => {
  const endpoints = { scheme: 1, addresses: [{ host: '127.0.0.1', port: 1234 }] };
  const response = await call(client, 'QueryRoute', { topic: { name: 'GrpcUnitTopic' }, endpoints });
  expect(response.status.code).toBe(Code.OK);
  const queues = response.message_queues as { id?: number; permission: number; broker: { id?: number; endpoints: unknown }; accept_message_types: number[] }[];
  expect(queues.map((q) => q.id ?? 0)).toEqual([0, 1, 2, 3]);
  expect(queues.every((q) => q.permission === 4 && (q.broker.id ?? 0) === 0)).toBe(true);
  expect(queues[0].broker.endpoints).toEqual(endpoints);
  expect(queues[0].accept_message_types).toEqual([1]);
});

test('unknown topic is TOPIC_NOT_FOUND; illegal names are ILLEGAL_TOPIC', async () => {
  expect((await call(client, 'QueryRoute', { topic: { name: 'NoSuchTopic' } })).status.code).toBe(Code.TOPIC_NOT_FOUND);
  expect((await call(client, 'QueryRoute', { topic: { name: 'bad topic!' } })).status.code).toBe(Code.ILLEGAL_TOPIC);
  expect((await call(client, 'QueryRoute', { topic: { name: 'TBW102' } })).status.code).toBe(Code.ILLEGAL_TOPIC);
});

test('a missing x-mq-client-id is CLIENT_ID_REQUIRED in-band, on unary calls and on Telemetry', async () => {
  const response = await call(client, 'QueryRoute', { topic: { name: 'GrpcUnitTopic' } }, headers(''));
  expect(response.status.code).toBe(Code.CLIENT_ID_REQUIRED);
  const stream = (client as unknown as { Telemetry(m: Metadata): NodeJS.ReadWriteStream & { end(): void } }).Telemetry(headers(''));
  const first = await new Promise<TelemetryCommand>((resolve) => stream.once('data', resolve));
  expect(first.status?.code).toBe(Code.CLIENT_ID_REQUIRED);
});

test('Heartbeat before any Settings is UNRECOGNIZED_CLIENT_TYPE; Telemetry Settings are answered', async () => {
  expect((await call(client, 'Heartbeat', { client_type: 1 }, headers('fresh@2'))).status.code).toBe(Code.UNRECOGNIZED_CLIENT_TYPE);
  const stream = (client as unknown as { Telemetry(m: Metadata): NodeJS.ReadWriteStream & { write(c: object): void; end(): void } }).Telemetry(headers('fresh@2'));
  stream.write({ settings: { client_type: 1, publishing: { topics: [{ name: 'GrpcUnitTopic' }] } } });
  const reply = await new Promise<TelemetryCommand>((resolve) => stream.once('data', resolve));
  expect(reply.status?.code).toBe(Code.OK);
  expect(reply.settings?.publishing?.max_body_size).toBeGreaterThan(0);
  expect(reply.settings?.backoff_policy?.exponential_backoff?.multiplier).toBe(2);
  expect((await call(client, 'Heartbeat', { client_type: 1 }, headers('fresh@2'))).status.code).toBe(Code.OK);
  stream.end();
});

test('a consumer is told grpcClientConsumerMaxLongPollingTimeoutMillis as its long polling timeout', async () => {
  const config = embedded.broker.config;
  const before = config.grpcClientConsumerMaxLongPollingTimeoutMillis;
  config.grpcClientConsumerMaxLongPollingTimeoutMillis = 7_000;
  try {
    const stream = (client as unknown as { Telemetry(m: Metadata): NodeJS.ReadWriteStream & { write(c: object): void; end(): void } }).Telemetry(headers('poller@1'));
    stream.write({ settings: { client_type: 2, subscription: { group: { name: 'PollGroup' }, subscriptions: [] } } });
    const reply = await new Promise<TelemetryCommand>((resolve) => stream.once('data', resolve));
    expect(reply.settings?.subscription?.long_polling_timeout).toMatchObject({ seconds: 7 });
    stream.end();
  } finally {
    config.grpcClientConsumerMaxLongPollingTimeoutMillis = before;
  }
});

test('garbage and unknown receipt handles are INVALID_RECEIPT_HANDLE', async () => {
  const ack = await call(client, 'AckMessage', {
    group: { name: 'G' },
    topic: { name: 'GrpcUnitTopic' },
    entries: [{ message_id: 'm1', receipt_handle: 'garbage' }, { message_id: 'm2', receipt_handle: '0 1 60000 0 0 broker-a 0 5 100' }],
  });
  expect(ack.status.code).toBe(Code.INVALID_RECEIPT_HANDLE);
  expect((ack.entries as { status: Status }[]).map((e) => e.status.code)).toEqual([Code.INVALID_RECEIPT_HANDLE, Code.INVALID_RECEIPT_HANDLE]);
  const change = await call(client, 'ChangeInvisibleDuration', {
    group: { name: 'G' },
    topic: { name: 'GrpcUnitTopic' },
    receipt_handle: 'garbage',
    invisible_duration: { seconds: 1 },
  });
  expect(change.status.code).toBe(Code.INVALID_RECEIPT_HANDLE);
  expect(change.receipt_handle).toBe('garbage');
});

test('ReceiveMessage with an invisible duration under 10 s is ILLEGAL_INVISIBLE_TIME; an empty queue is MESSAGE_NOT_FOUND', async () => {
  const receive = (invisibleSeconds: number): Promise<Record<string, unknown>[]> => {
    const stream = (client as unknown as { ReceiveMessage(r: object, m: Metadata, o: object): ClientReadableStream<Record<string, unknown>> }).ReceiveMessage(
      { group: { name: 'EmptyGroup' }, message_queue: { topic: { name: 'GrpcUnitTopic' } }, batch_size: 4, invisible_duration: { seconds: invisibleSeconds }, long_polling_timeout: { seconds: 5 } },
      headers(),
      { deadline: Date.now() + 8000 },
    );
    const elements: Record<string, unknown>[] = [];
    stream.on('data', (element: Record<string, unknown>) => elements.push(element));
    return new Promise((resolve, reject) => {
      stream.on('end', () => resolve(elements));
      stream.on('error', reject);
    });
  };
  const illegal = await receive(1);
  expect((illegal[0].status as Status).code).toBe(Code.ILLEGAL_INVISIBLE_TIME);
  const empty = await receive(30);
  expect(empty.map((e) => e.content)).toEqual(['status', 'delivery_timestamp']);
  expect((empty[0].status as Status).code).toBe(Code.MESSAGE_NOT_FOUND);
});

test('TLS and plaintext share the port (self-signed certificate created under the store dir)', async () => {
  const certPath = path.join(dir, 'tls', 'grpc-tls.crt');
  for (let i = 0; i < 100 && !existsSync(certPath); i++) await new Promise((r) => setTimeout(r, 100));
  const trusted = credentials.createSsl(readFileSync(certPath), null, null, { checkServerIdentity: () => undefined });
  const tlsClient = new MessagingClient(target, trusted, {
    'grpc.ssl_target_name_override': 'rocketmq-grpc',
  }) as Client & Record<string, Unary>;
  try {
    const response = await call(tlsClient, 'QueryRoute', { topic: { name: 'GrpcUnitTopic' } });
    expect(response.status.code).toBe(Code.OK);
  } finally {
    tlsClient.close();
  }
});

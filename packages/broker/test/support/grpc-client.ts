import { credentials, makeGenericClientConstructor, Metadata, type Client, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { serviceDefinition } from '../../src/grpc/proto-schema';
import type { Status } from '../../src/grpc/types';

/** A decoded response: its status and whatever else the RPC answers. */
export type Reply = { status: Status } & Record<string, unknown>;
/** One element of a server stream (exactly one member set). */
export type StreamElement = Record<string, unknown>;

type Unary = (request: object, metadata: Metadata, callback: (error: ServiceError | null, response: Reply) => void) => void;
type Streaming = (request: object, metadata: Metadata, options: object) => ClientReadableStream<StreamElement>;

const MessagingClient = makeGenericClientConstructor(serviceDefinition('apache.rocketmq.v2.MessagingService'), 'MessagingService');

/** A MessagingService client over our own protos, speaking as one client id. */
export class TestGrpcClient {
  readonly raw: Client & Record<string, Unary & Streaming>;

  constructor(target: string, readonly clientId = 'test-client@1') {
    this.raw = new MessagingClient(target, credentials.createInsecure()) as Client & Record<string, Unary & Streaming>;
  }

  headers(): Metadata {
    const metadata = new Metadata();
    metadata.set('x-mq-client-id', this.clientId);
    metadata.set('x-mq-language', 'HTTP');
    metadata.set('x-mq-client-version', '5.0.8');
    return metadata;
  }

  unary(method: string, request: object): Promise<Reply> {
    return new Promise((resolve, reject) => this.raw[method](request, this.headers(), (error, response) => (error ? reject(error) : resolve(response))));
  }

  /** Every element of a server-streaming call, once it ended. */
  stream(method: string, request: object, deadlineMs = 10_000): Promise<StreamElement[]> {
    const call = this.raw[method](request, this.headers(), { deadline: Date.now() + deadlineMs });
    const elements: StreamElement[] = [];
    call.on('data', (element: StreamElement) => elements.push(element));
    return new Promise((resolve, reject) => {
      call.on('end', () => resolve(elements));
      call.on('error', reject);
    });
  }

  /** Opens the Telemetry stream with these Settings; resolves once the server answered them. */
  async telemetry(settings: object): Promise<{ end(): void }> {
    const stream = (this.raw as unknown as { Telemetry(m: Metadata): NodeJS.ReadWriteStream & { write(c: object): void; end(): void } }).Telemetry(this.headers());
    stream.write({ settings });
    await new Promise((resolve) => stream.once('data', resolve));
    return stream;
  }

  /** Sends one message with a tag; answers the send entry. */
  async send(topic: string, body: string, systemProperties: object = {}): Promise<Record<string, unknown>> {
    const reply = await this.unary('SendMessage', {
      messages: [{ topic: { name: topic }, body: Buffer.from(body), system_properties: { message_id: uniqueId(), tag: 'TagA', body_encoding: 1, message_type: 1, ...systemProperties } }],
    });
    return (reply.entries as Record<string, unknown>[])[0];
  }

  close(): void {
    this.raw.close();
  }
}

let sequence = 0;

/** A fresh 32-hex-digit message id. */
export function uniqueId(): string {
  sequence += 1;
  return `01${Date.now().toString(16).padStart(14, '0')}${process.pid.toString(16).padStart(8, '0')}${sequence.toString(16).padStart(8, '0')}`.toUpperCase();
}

/** Polls `probe` every 50 ms until it returns a value other than undefined, at most `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * SendMessage through a bare grpc-js client built from our protos: the one client that drives
 * both the echo ceiling and the broker (same transport, codecs and headers), and what the
 * official Node client cannot do (one request carrying a batch).
 */
import { credentials, makeGenericClientConstructor, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';
import { serviceDefinition } from '../src/grpc/proto-schema';
import { Code, Encoding, MessageType, type Message, type SendMessageResponse } from '../src/grpc/types';

type SendCall = (request: object, metadata: Metadata, callback: (error: ServiceError | null, response: SendMessageResponse) => void) => void;

/** The headers a RocketMQ 5 client sends with every call (spec §3.1). */
function clientHeaders(clientId: string): Metadata {
  const metadata = new Metadata();
  metadata.set('x-mq-client-id', clientId);
  metadata.set('x-mq-language', 'NODE_JS');
  metadata.set('x-mq-protocol', 'v2');
  metadata.set('x-mq-client-version', '5.0.0');
  metadata.set('x-mq-request-id', '00000000-0000-0000-0000-000000000000');
  return metadata;
}

let idSequence = 0;
const ID_PREFIX = `01${process.pid.toString(16).padStart(8, '0')}${Date.now().toString(16).padStart(12, '0')}`;

/** A message shaped like the official client's: tag, one key, unique id, born time and host. */
export function benchMessage(topic: string, body: Buffer): Message {
  const messageId = `${ID_PREFIX}${(idSequence++).toString(16).padStart(12, '0')}`.toUpperCase();
  const now = Date.now();
  return {
    topic: { resource_namespace: '', name: topic },
    body,
    user_properties: {},
    system_properties: {
      tag: 'TagA',
      keys: [messageId.slice(-8)],
      message_id: messageId,
      body_encoding: Encoding.IDENTITY,
      message_type: MessageType.NORMAL,
      born_timestamp: { seconds: Math.floor(now / 1000), nanos: (now % 1000) * 1_000_000 },
      born_host: '127.0.0.1',
    },
  };
}

/** A MessagingService client that only sends. */
export class RawGrpcSender {
  private readonly client: Client & { SendMessage: SendCall };
  private readonly metadata: Metadata;

  constructor(address: string, clientId: string) {
    const MessagingClient = makeGenericClientConstructor(serviceDefinition('apache.rocketmq.v2.MessagingService'), 'MessagingService');
    this.client = new MessagingClient(address, credentials.createInsecure()) as unknown as Client & { SendMessage: SendCall };
    this.metadata = clientHeaders(clientId);
  }

  /** Sends `messages` in one SendMessageRequest; resolves with how many were stored, rejects on any failure. */
  send(messages: Message[]): Promise<number> {
    return new Promise((resolve, reject) =>
      this.client.SendMessage({ messages }, this.metadata, (error, response) => {
        if (error) return reject(error);
        if (response.status?.code !== Code.OK) return reject(new Error(`SendMessage: ${response.status?.code} ${response.status?.message}`));
        resolve(response.entries?.length ?? 0);
      }),
    );
  }

  close(): void {
    this.client.close();
  }
}

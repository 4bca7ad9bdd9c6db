/**
 * The ceiling of a unary gRPC call on this machine: a bare grpc-js service answering a
 * SendMessage-shaped call (a protobufjs-encoded SendMessageRequest with one 1 KiB message in,
 * a one-entry SendMessageResponse out) with no work besides decoding and encoding. Run as a
 * program it serves on an ephemeral loopback port in its own process (like the broker) and
 * prints `echo listening on <host:port>`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  credentials,
  makeGenericClientConstructor,
  Metadata,
  Server,
  ServerCredentials,
  type Client,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServiceDefinition,
  type ServiceError,
} from '@grpc/grpc-js';
import { rocketmqSchema } from '../src/grpc/proto-schema';

const ECHO_PATH = '/bench.Echo/SendMessage';
const LISTENING_LINE = /echo listening on ([\d.]+:\d+)/;

function echoDefinition(): ServiceDefinition {
  const requestType = rocketmqSchema().lookupType('apache.rocketmq.v2.SendMessageRequest');
  const responseType = rocketmqSchema().lookupType('apache.rocketmq.v2.SendMessageResponse');
  return {
    SendMessage: {
      path: ECHO_PATH,
      requestStream: false,
      responseStream: false,
      requestSerialize: (value: object) => Buffer.from(requestType.encode(value).finish()),
      requestDeserialize: (bytes: Buffer) => requestType.decode(bytes),
      responseSerialize: (value: object) => Buffer.from(responseType.encode(value).finish()),
      responseDeserialize: (bytes: Buffer) => responseType.decode(bytes),
    },
  };
}

/** The answer: what the broker answers a successful single send (status, id, offset). */
function echoResponse(request: { messages?: Array<{ system_properties?: { message_id?: string } }> }, offset: number): object {
  const messageId = request.messages?.[0]?.system_properties?.message_id ?? '';
  const status = { code: 20000, message: 'OK' };
  return { status, entries: [{ status, message_id: messageId, transaction_id: messageId, offset, recall_handle: '' }] };
}

async function serve(): Promise<void> {
  const server = new Server({ 'grpc.max_receive_message_length': 130 * 1024 * 1024 });
  let offset = 0;
  server.addService(echoDefinition(), {
    SendMessage: (call: ServerUnaryCall<object, object>, callback: sendUnaryData<object>) => callback(null, echoResponse(call.request, offset++)),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  process.stdout.write(`echo listening on 127.0.0.1:${port}\n`);
  process.once('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
}

/** A started echo server process. */
export interface EchoServer {
  readonly child: ChildProcess;
  readonly address: string;
}

/** Starts the echo server in a child process (this file through the TypeScript loader). */
export function startEchoServer(): Promise<EchoServer> {
  const loader = path.resolve(__dirname, '..', '..', '..', 'tools', 'ts-register.js');
  const child = spawn(process.execPath, ['-r', loader, __filename], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const listening = LISTENING_LINE.exec(out);
      if (listening) resolve({ child, address: listening[1] });
    });
    child.once('exit', (code, signal) => reject(new Error(`echo server exited (${code ?? signal}) before listening:\n${out}`)));
  });
}

/** Stops the echo server; resolves on exit. */
export function stopEchoServer(server: EchoServer): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

type EchoCall = (request: object, metadata: Metadata, callback: (error: ServiceError | null, response: object) => void) => void;

/** A client of the echo service. */
export class EchoClient {
  private readonly client: Client & { SendMessage: EchoCall };

  /** `metadata`: the headers every call carries, e.g. the ones a RocketMQ client sends. */
  constructor(
    address: string,
    private readonly metadata: Metadata,
  ) {
    const EchoClientConstructor = makeGenericClientConstructor(echoDefinition(), 'Echo');
    this.client = new EchoClientConstructor(address, credentials.createInsecure()) as unknown as Client & { SendMessage: EchoCall };
  }

  /** One echo call with `request` (a SendMessageRequest-shaped object). */
  call(request: object): Promise<object> {
    return new Promise((resolve, reject) => this.client.SendMessage(request, this.metadata, (error, response) => (error ? reject(error) : resolve(response))));
  }

  close(): void {
    this.client.close();
  }
}

if (require.main === module) {
  serve().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}

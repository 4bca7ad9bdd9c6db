/**
 * The ceiling of a unary gRPC call on this machine: a bare grpc-js server answering
 * `apache.rocketmq.v2.MessagingService/SendMessage` (the broker's path, so the same clients
 * call both) with no work besides decoding the request and encoding a one-entry response. It
 * runs with the broker's grpc-js server options and plaintext like the benchmark's broker
 * port. Run as a program it serves on an ephemeral loopback port in its own process (like the
 * broker) and prints `echo listening on <host:port>`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall, type ServiceDefinition } from '@grpc/grpc-js';
import { GRPC_SERVER_OPTIONS } from '../src/grpc/grpc-server';
import { rocketmqSchema } from '../src/grpc/proto-schema';

const SEND_PATH = '/apache.rocketmq.v2.MessagingService/SendMessage';
const LISTENING_LINE = /echo listening on ([\d.]+:\d+)/;

/** SendMessage alone, with protobufjs' bare codecs (no plain-object conversion). */
function echoDefinition(): ServiceDefinition {
  const requestType = rocketmqSchema().lookupType('apache.rocketmq.v2.SendMessageRequest');
  const responseType = rocketmqSchema().lookupType('apache.rocketmq.v2.SendMessageResponse');
  return {
    SendMessage: {
      path: SEND_PATH,
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
  const server = new Server(GRPC_SERVER_OPTIONS);
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

/** Starts the echo server in a child process (this file through the TypeScript loader); `nodeFlags` e.g. `--cpu-prof`. */
export function startEchoServer(nodeFlags: readonly string[] = []): Promise<EchoServer> {
  const loader = path.resolve(__dirname, '..', '..', '..', 'tools', 'ts-register.js');
  const child = spawn(process.execPath, [...nodeFlags, '-r', loader, __filename], { stdio: ['ignore', 'pipe', 'inherit'] });
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

if (require.main === module) {
  serve().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}

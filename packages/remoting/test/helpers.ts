import { connect, type Socket } from 'node:net';
import { FrameDecoder, RemotingClient, RemotingServer, decodeCommand, type RemotingClientOptions, type RemotingCommand, type RemotingServerOptions } from '@mq/remoting';

/** Polls `condition` every 10 ms until it holds; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Servers and clients created by a test, shut down after it. */
export class Fixture {
  private readonly servers: RemotingServer[] = [];
  private readonly clients: RemotingClient[] = [];
  private readonly sockets: Socket[] = [];

  async server(options: RemotingServerOptions = {}): Promise<{ server: RemotingServer; address: string }> {
    const server = new RemotingServer({ host: '127.0.0.1', ...options });
    this.servers.push(server);
    const port = await server.start();
    return { server, address: `127.0.0.1:${port}` };
  }

  client(options: RemotingClientOptions = {}): RemotingClient {
    const client = new RemotingClient(options);
    this.clients.push(client);
    return client;
  }

  /** A bare TCP connection that collects the commands it receives. */
  async raw(address: string): Promise<RawConnection> {
    const [host, port] = address.split(':');
    const socket = connect({ host, port: Number(port) });
    this.sockets.push(socket);
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawConnection(socket);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all([...this.clients.map((client) => client.shutdown()), ...this.servers.map((server) => server.shutdown())]);
  }
}

/** A plain socket speaking the framing by hand, for tests that need byte-level control. */
export class RawConnection {
  readonly received: RemotingCommand[] = [];
  closed = false;

  constructor(readonly socket: Socket) {
    const decoder = new FrameDecoder();
    socket.on('data', (chunk: Buffer) => decoder.push(chunk, (frame) => this.received.push(decodeCommand(frame))));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
    });
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }
}

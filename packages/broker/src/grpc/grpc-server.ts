import net from 'node:net';
import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { getLogger } from '@mq/common';
import { guardLongDeadlines } from './long-deadline-guard';
import { serviceDefinition } from './proto-schema';
import type { TlsKeyPair } from './tls-certificate';

const log = getLogger('GrpcServer');

/** First byte of a TLS record carrying a handshake. */
const TLS_HANDSHAKE = 0x16;
/** Inbound message limit: 32 × 4 MiB bodies plus attributes (`grpcMaxInboundMessageSize`). */
const MAX_INBOUND_MESSAGE = 130 * 1024 * 1024;
const MAX_CONNECTION_IDLE_MS = 120_000;
const DRAIN_GRACE_MS = 1_000;

/**
 * grpc-js server options of the broker's gRPC port (also the benchmark echo's, so both pay the
 * same per-call overhead). Channelz is off: nothing queries it, and its per-call tracking is
 * pure overhead on every RPC.
 */
export const GRPC_SERVER_OPTIONS = {
  'grpc.max_receive_message_length': MAX_INBOUND_MESSAGE,
  'grpc.max_send_message_length': -1,
  'grpc.max_connection_idle_ms': MAX_CONNECTION_IDLE_MS,
  'grpc.enable_channelz': 0,
} as const;

/** Where the gRPC server listens and what it serves. */
export interface GrpcServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly handlers: UntypedServiceImplementation;
  /** Key and certificate for TLS connections; resolved lazily so start-up does not wait for key generation. */
  readonly tls: () => Promise<TlsKeyPair>;
}

interface Injector {
  injectConnection(connection: net.Socket): void;
  drain(graceMs: number): void;
  destroy(): void;
}

/**
 * `apache.rocketmq.v2.MessagingService` over grpc-js, plaintext (h2c) and TLS on one port: a
 * net.Server peeks at the first byte of each connection (0x16 = TLS handshake) and hands the
 * socket to the matching grpc-js connection injector.
 */
export class GrpcServer {
  private readonly server = new Server(GRPC_SERVER_OPTIONS);
  private readonly listener = net.createServer((socket) => this.sniff(socket));
  private readonly pending = new Set<net.Socket>();
  private plaintext: Injector | undefined;
  private secure: Promise<Injector> | undefined;
  private boundPort = 0;

  constructor(private readonly options: GrpcServerOptions) {
    this.server.addService(serviceDefinition('apache.rocketmq.v2.MessagingService'), options.handlers);
    guardLongDeadlines(this.server);
  }

  /** The bound port (after start). */
  get port(): number {
    return this.boundPort;
  }

  /** Opens the port; resolves with the bound port. */
  async start(): Promise<number> {
    this.plaintext = this.server.createConnectionInjector(ServerCredentials.createInsecure());
    this.secure = this.options.tls().then((pair) =>
      this.server.createConnectionInjector(
        ServerCredentials.createSsl(null, [{ private_key: Buffer.from(pair.key), cert_chain: Buffer.from(pair.cert) }], false),
      ),
    );
    this.secure.catch((error: unknown) => log.error({ err: error }, 'TLS unavailable on the gRPC port'));
    await new Promise<void>((resolve, reject) => {
      this.listener.once('error', reject);
      this.listener.listen(this.options.port, this.options.host, () => {
        this.listener.off('error', reject);
        resolve();
      });
    });
    this.boundPort = (this.listener.address() as net.AddressInfo).port;
    log.info({ port: this.boundPort }, 'gRPC server started (plaintext and TLS)');
    return this.boundPort;
  }

  /** Stops accepting, lets calls drain briefly, then closes everything. Idempotent. */
  async shutdown(): Promise<void> {
    this.listener.close();
    for (const socket of this.pending) socket.destroy();
    this.pending.clear();
    const injectors = [this.plaintext, await this.secure?.catch(() => undefined)].filter((i): i is Injector => i !== undefined);
    for (const injector of injectors) injector.drain(DRAIN_GRACE_MS);
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
    for (const injector of injectors) injector.destroy();
    this.plaintext = undefined;
    this.secure = undefined;
  }

  private sniff(socket: net.Socket): void {
    this.pending.add(socket);
    socket.once('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      this.pending.delete(socket);
      socket.pause();
      socket.unshift(first);
      this.inject(socket, first[0] === TLS_HANDSHAKE).catch((error: unknown) => {
        log.warn({ err: error, peer: socket.remoteAddress }, 'cannot serve gRPC connection');
        socket.destroy();
      });
    });
    socket.once('close', () => this.pending.delete(socket));
  }

  private async inject(socket: net.Socket, tls: boolean): Promise<void> {
    const injector = tls ? await this.secure : this.plaintext;
    if (!injector) throw new Error('gRPC server is shut down');
    injector.injectConnection(socket);
  }
}

import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSecureContext, type SecureContext, type SecureContextOptions } from 'node:tls';
import { getLogger } from '@mq/common';
import type { ChannelLifecycleEvents } from './channel-events';
import { RemotingChannel } from './remoting-channel';
import { RequestDispatcher, type RequestProcessor } from './request-dispatcher';
import { settlesWithin } from './settles-within';
import { sniffTls, type TlsMode } from './tls-sniffer';

/** TLS settings of a server: key/cert material and whether plaintext is still accepted. */
export interface ServerTlsOptions extends SecureContextOptions {
  /** Default `permissive`: TLS and plaintext on the same port, told apart by the first byte. */
  mode?: TlsMode;
}

/** Settings of a {@link RemotingServer}. */
export interface RemotingServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default all. */
  host?: string;
  /** Close connections without reads or writes for this long; default 120 000 (Java's `serverChannelMaxIdleTimeSeconds`); 0 = never. */
  idleTimeMs?: number;
  /** Time `shutdown()` gives running processors to answer; default 5000. */
  shutdownTimeoutMs?: number;
  /** Largest accepted frame, length field included; default 16 MiB. */
  maxFrameLength?: number;
  /** Enables TLS. */
  tls?: ServerTlsOptions;
}

const log = getLogger('RemotingServer');

/**
 * Accepts remoting connections and serves their requests with processors registered per
 * request code. Every accepted connection is a {@link RemotingChannel} that upper layers also
 * use to call the peer (e.g. CHECK_TRANSACTION_STATE to a producer).
 */
export class RemotingServer extends EventEmitter<ChannelLifecycleEvents> {
  private readonly dispatcher = new RequestDispatcher();
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly activeChannels = new Set<RemotingChannel>();
  private readonly secureContext: SecureContext | undefined;
  private shutdownPromise: Promise<void> | undefined;

  constructor(private readonly options: RemotingServerOptions = {}) {
    super();
    this.secureContext = options.tls ? createSecureContext(options.tls) : undefined;
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Serves `code` with `processor`. */
  registerProcessor(code: number, processor: RequestProcessor): void {
    this.dispatcher.registerProcessor(code, processor);
  }

  /** Serves every code without a processor of its own (otherwise REQUEST_CODE_NOT_SUPPORTED). */
  registerDefaultProcessor(processor: RequestProcessor): void {
    this.dispatcher.registerDefaultProcessor(processor);
  }

  /** Starts listening; resolves with the bound port. */
  start(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host, () => {
        this.server.off('error', reject);
        this.server.on('error', (error) => log.error({ err: error }, 'server socket error'));
        log.info({ port: this.port, tls: this.options.tls?.mode ?? (this.secureContext ? 'permissive' : 'disabled') }, 'remoting server started');
        resolve(this.port);
      });
    });
  }

  /** The bound port (after `start()`). */
  get port(): number {
    return (this.server.address() as AddressInfo | null)?.port ?? 0;
  }

  /** The open connections. */
  get channels(): ReadonlySet<RemotingChannel> {
    return this.activeChannels;
  }

  /**
   * Stops accepting, gives running processors up to `shutdownTimeoutMs` to answer, then closes
   * every connection. Safe to call more than once.
   */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.drainAndClose();
    return this.shutdownPromise;
  }

  private accept(socket: Socket): void {
    if (this.shutdownPromise) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    if (!this.secureContext) {
      this.attach(socket);
      return;
    }
    socket.on('error', (error) => log.debug({ err: error }, 'connection error under TLS sniffing'));
    void sniffTls(socket, this.secureContext, this.options.tls?.mode ?? 'permissive', this.idleTimeMs).then((stream) => {
      if (stream && !this.shutdownPromise) this.attach(stream);
      else stream?.destroy();
    });
  }

  private attach(socket: Socket): void {
    const channel = new RemotingChannel(socket, this.dispatcher, {
      idleTimeMs: this.idleTimeMs,
      pauseReadingWhenCongested: true,
      maxFrameLength: this.options.maxFrameLength,
    });
    this.activeChannels.add(channel);
    channel.once('close', () => {
      this.activeChannels.delete(channel);
      this.emit('close', channel);
    });
    channel.on('idle', () => this.emit('idle', channel));
    this.emit('connect', channel);
  }

  private get idleTimeMs(): number {
    return this.options.idleTimeMs ?? 120_000;
  }

  private async drainAndClose(): Promise<void> {
    const listenerClosed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const timeoutMs = this.options.shutdownTimeoutMs ?? 5000;
    if (!(await settlesWithin(this.dispatcher.whenIdle(), timeoutMs))) {
      log.warn({ requestsInProgress: this.dispatcher.requestsInProgress }, 'shutdown: processors still running, closing anyway');
    }
    const channelsClosed = [...this.activeChannels].map((channel) => {
      const closed = new Promise<void>((resolve) => channel.once('close', () => resolve()));
      channel.close();
      return closed;
    });
    const allClosed = Promise.all([listenerClosed, ...channelsClosed]);
    if (!(await settlesWithin(allClosed, timeoutMs))) {
      for (const socket of this.sockets) socket.destroy();
      await allClosed;
    }
    log.info({ port: this.options.port }, 'remoting server stopped');
  }
}

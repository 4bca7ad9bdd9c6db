import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { MQError, getLogger } from '@mq/common';
import { nextOpaque } from '../command/opaque';
import type { RemotingCommand } from '../command/remoting-command';
import { decodeCommand } from '../codec/command-codec';
import { FrameDecoder } from '../codec/frame-decoder';
import { ResponseCode } from '../protocol/response-code';
import { localAddressOf, remoteAddressOf } from './address';
import { PendingRequests } from './pending-requests';
import { SocketWriter } from './socket-writer';

/** How a channel behaves; set by its owner (server or client). */
export interface ChannelOptions {
  /** Close after this long without reads or writes (an `idle` event first); 0 = never. */
  idleTimeMs: number;
  /**
   * Stop reading while the send buffer is congested, so a peer that does not read its
   * responses cannot make this side queue unbounded output. Servers enable it; clients must
   * not (both sides pausing could deadlock).
   */
  pauseReadingWhenCongested: boolean;
  /** Largest frame accepted from the peer, length field included. */
  maxFrameLength?: number;
}

/** Serves the requests a channel receives (a `RequestDispatcher`). */
export interface InboundRequestHandler {
  dispatch(request: RemotingCommand, channel: RemotingChannel): void;
}

/** Events of a {@link RemotingChannel}. */
export interface RemotingChannelEvents {
  /** The connection is gone; every pending request has been rejected. */
  close: [];
  /** No read and no write for `idleTimeMs`; the channel closes right after. */
  idle: [];
}

const log = getLogger('RemotingChannel');

/**
 * One remoting connection, usable in both directions: it sends requests and matches their
 * responses by opaque, and it serves the peer's requests through its request handler.
 * Servers hand one to upper layers for every accepted connection (e.g. a broker calling a
 * client back); clients hold one per address.
 */
export class RemotingChannel extends EventEmitter<RemotingChannelEvents> {
  /** `"ip:port"` of the peer. */
  readonly remoteAddress: string;
  /** `"ip:port"` of this end. */
  readonly localAddress: string;
  private readonly decoder: FrameDecoder;
  private readonly pending: PendingRequests;
  private readonly writer: SocketWriter;
  private readonly onData = (chunk: Buffer) => this.receive(chunk);
  private readonly onFrame = (frame: Buffer) => this.handleFrame(frame);
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly dispatcher: InboundRequestHandler,
    private readonly options: ChannelOptions,
  ) {
    super();
    this.remoteAddress = remoteAddressOf(socket);
    this.localAddress = localAddressOf(socket);
    this.decoder = new FrameDecoder(options.maxFrameLength);
    this.pending = new PendingRequests(this.remoteAddress);
    this.writer = new SocketWriter(socket, {
      onCongested: () => this.options.pauseReadingWhenCongested && this.socket.pause(),
      onDrained: () => this.options.pauseReadingWhenCongested && this.socket.resume(),
    });
    socket.setNoDelay(true);
    socket.on('data', this.onData);
    socket.resume();
    socket.on('error', (error) => log.debug({ peer: this.remoteAddress, err: error }, 'connection error'));
    socket.on('close', () => this.handleClose());
    if (options.idleTimeMs > 0) {
      socket.setTimeout(options.idleTimeMs);
      socket.on('timeout', () => this.handleIdle());
    }
  }

  /** True until the connection closes. */
  get isActive(): boolean {
    return !this.closed;
  }

  /** True while the socket's send buffer is over its high-water mark. */
  get isCongested(): boolean {
    return this.writer.isCongested;
  }

  /** Requests sent on this channel that still await their response. */
  get pendingRequests(): number {
    return this.pending.size;
  }

  /**
   * Sends a request and resolves with its response. Rejects with MQError: RPC_TIME_OUT after
   * `timeoutMs`, RPC_SEND_TO_CHANNEL_FAILED when the connection is or goes down first,
   * RPC_UNKNOWN when `signal` aborts. The opaque is replaced if another pending request on
   * this channel already uses it.
   */
  invoke(request: RemotingCommand, timeoutMs: number, signal?: AbortSignal): Promise<RemotingCommand> {
    if (this.closed) return Promise.reject(this.closedError());
    while (this.pending.has(request.opaque)) request.opaque = nextOpaque();
    const response = this.pending.add(request.opaque, timeoutMs, signal);
    try {
      this.send(request);
    } catch (error) {
      this.pending.fail(request.opaque, error as Error);
    }
    return response;
  }

  /** Sends a request marked one-way; no response will come. */
  invokeOneway(request: RemotingCommand): void {
    this.send(request.markOneway());
  }

  /**
   * Queues any command (e.g. a response a processor produces later) for this turn's batched
   * write. Throws MQError if it cannot be encoded or the channel is closed.
   */
  send(command: RemotingCommand): void {
    if (this.closed) throw this.closedError();
    this.writer.write(command);
  }

  /** Flushes queued writes and closes the connection. */
  close(): void {
    if (this.closed) return;
    this.writer.flush();
    this.socket.end(() => this.socket.destroy());
  }

  /** Closes at once, dropping queued writes. */
  destroy(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    try {
      this.decoder.push(chunk, this.onFrame);
    } catch (error) {
      log.warn({ peer: this.remoteAddress, err: error }, 'closing connection after undecodable input');
      this.socket.destroy();
    }
  }

  private handleFrame(frame: Buffer): void {
    const command = decodeCommand(frame);
    if (!command.isResponse) {
      this.dispatcher.dispatch(command, this);
    } else if (!this.pending.complete(command)) {
      log.warn({ peer: this.remoteAddress, opaque: command.opaque, code: command.code }, 'response matches no pending request (late or unknown), dropped');
    }
  }

  private handleIdle(): void {
    log.info({ peer: this.remoteAddress, idleTimeMs: this.options.idleTimeMs }, 'closing idle connection');
    this.emit('idle');
    this.close();
  }

  private handleClose(): void {
    this.closed = true;
    this.pending.failAll(this.closedError());
    this.emit('close');
  }

  private closedError(): MQError {
    return new MQError(ResponseCode.RPC_SEND_TO_CHANNEL_FAILED, `connection to ${this.remoteAddress} is closed`);
  }
}

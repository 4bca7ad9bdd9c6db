import { EventEmitter } from 'node:events';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import { MQError, getLogger } from '@mq/common';
import type { RemotingCommand } from '../command/remoting-command';
import { ResponseCode } from '../protocol/response-code';
import { parseAddress } from './address';
import type { ChannelLifecycleEvents } from './channel-events';
import { RemotingChannel } from './remoting-channel';
import { RequestDispatcher, type RequestProcessor } from './request-dispatcher';
import { settlesWithin } from './settles-within';

/** Settings of a {@link RemotingClient}. */
export interface RemotingClientOptions {
  /** Connect timeout; default 3000 (Java's `com.rocketmq.remoting.client.connect.timeout`). */
  connectTimeoutMs?: number;
  /** Close connections without reads or writes for this long; default 120 000; 0 = never. */
  idleTimeMs?: number;
  /** Largest accepted frame, length field included; default 16 MiB. */
  maxFrameLength?: number;
  /** Connect with TLS, using these options (host and port come from the address). */
  tls?: ConnectionOptions;
}

/** Per-call options of {@link RemotingClient.invoke}. */
export interface InvokeOptions {
  /** Aborting rejects the call with MQError(RPC_UNKNOWN) and forgets its response. */
  signal?: AbortSignal;
}

const log = getLogger('RemotingClient');

/**
 * Calls remoting servers: one connection per address, opened on first use and shared by
 * every caller, reopened on the next use after it drops. Serves the requests servers send
 * back on those connections (e.g. CHECK_TRANSACTION_STATE) with registered processors.
 */
export class RemotingClient extends EventEmitter<ChannelLifecycleEvents> {
  private readonly dispatcher = new RequestDispatcher();
  private readonly channelsByAddress = new Map<string, RemotingChannel>();
  private readonly connecting = new Map<string, Promise<RemotingChannel>>();
  private shutdownPromise: Promise<void> | undefined;

  constructor(private readonly options: RemotingClientOptions = {}) {
    super();
  }

  /** Serves server-initiated requests with `code`. */
  registerProcessor(code: number, processor: RequestProcessor): void {
    this.dispatcher.registerProcessor(code, processor);
  }

  /** Serves server-initiated requests without a processor of their own. */
  registerDefaultProcessor(processor: RequestProcessor): void {
    this.dispatcher.registerDefaultProcessor(processor);
  }

  /**
   * Sends `request` to `address` and resolves with the response, whatever its code. Rejects
   * with MQError: RPC_TIME_OUT when connecting and answering take longer than `timeoutMs`,
   * RPC_SEND_TO_CHANNEL_FAILED when the connection cannot be opened or drops first,
   * RPC_UNKNOWN when aborted.
   */
  invoke(address: string, request: RemotingCommand, timeoutMs: number, options: InvokeOptions = {}): Promise<RemotingCommand> {
    const channel = this.channelsByAddress.get(address);
    if (channel) return channel.invoke(request, timeoutMs, options.signal);
    return this.connectThenInvoke(address, request, timeoutMs, options);
  }

  /** Sends `request` one-way to `address`; resolves once it is queued on the connection. */
  async invokeOneway(address: string, request: RemotingCommand): Promise<void> {
    const channel = await this.getChannel(address);
    channel.invokeOneway(request);
  }

  /** The connection to `address`, opening it (once, for all concurrent callers) if needed. */
  getChannel(address: string): Promise<RemotingChannel> {
    if (this.shutdownPromise) {
      return Promise.reject(new MQError(ResponseCode.RPC_SEND_TO_CHANNEL_FAILED, `remoting client is shut down, cannot reach ${address}`));
    }
    const channel = this.channelsByAddress.get(address);
    if (channel) return Promise.resolve(channel);
    let opening = this.connecting.get(address);
    if (!opening) {
      opening = this.openChannel(address).finally(() => this.connecting.delete(address));
      this.connecting.set(address, opening);
    }
    return opening;
  }

  /** Closes the connection to `address`, if open; the next call reconnects. */
  closeChannel(address: string): void {
    this.channelsByAddress.get(address)?.close();
  }

  /** Closes every connection, rejecting pending calls. Safe to call more than once. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.closeAll();
    return this.shutdownPromise;
  }

  private async connectThenInvoke(address: string, request: RemotingCommand, timeoutMs: number, options: InvokeOptions): Promise<RemotingCommand> {
    const startedAt = Date.now();
    const channel = await this.getChannel(address);
    const remainingMs = timeoutMs - (Date.now() - startedAt);
    if (remainingMs <= 0) {
      throw new MQError(ResponseCode.RPC_TIME_OUT, `invoke ${address} timed out: connecting took longer than ${timeoutMs}(ms)`);
    }
    return channel.invoke(request, remainingMs, options.signal);
  }

  private async openChannel(address: string): Promise<RemotingChannel> {
    const { host, port } = parseAddress(address);
    const socket = this.options.tls ? connectTls({ ...this.options.tls, host, port }) : connectTcp({ host, port });
    try {
      await this.whenConnected(socket, address);
    } catch (error) {
      socket.destroy();
      throw error;
    }
    const channel = new RemotingChannel(socket, this.dispatcher, {
      idleTimeMs: this.options.idleTimeMs ?? 120_000,
      pauseReadingWhenCongested: false,
      maxFrameLength: this.options.maxFrameLength,
    });
    this.channelsByAddress.set(address, channel);
    channel.once('close', () => {
      if (this.channelsByAddress.get(address) === channel) this.channelsByAddress.delete(address);
      log.info({ address }, 'connection closed');
      this.emit('close', channel);
    });
    channel.on('idle', () => this.emit('idle', channel));
    if (this.shutdownPromise) channel.destroy();
    log.info({ address, local: channel.localAddress }, 'connected');
    this.emit('connect', channel);
    return channel;
  }

  private whenConnected(socket: Socket, address: string): Promise<void> {
    const timeoutMs = this.options.connectTimeoutMs ?? 3000;
    const readyEvent = this.options.tls ? 'secureConnect' : 'connect';
    return new Promise((resolve, reject) => {
      const settle = (error?: MQError) => {
        clearTimeout(timer);
        socket.off('error', onError);
        socket.off(readyEvent, onReady);
        if (error) reject(error);
        else resolve();
      };
      const fail = (reason: string) => settle(new MQError(ResponseCode.RPC_SEND_TO_CHANNEL_FAILED, `connect to ${address} failed: ${reason}`));
      const onError = (error: Error) => fail(error.message);
      const onReady = () => settle();
      const timer = setTimeout(() => fail(`no connection within ${timeoutMs}(ms)`), timeoutMs);
      socket.once('error', onError);
      socket.once(readyEvent, onReady);
    });
  }

  private async closeAll(): Promise<void> {
    await Promise.allSettled(this.connecting.values());
    const closed = [...this.channelsByAddress.values()].map((channel) => {
      const done = new Promise<void>((resolve) => channel.once('close', () => resolve()));
      channel.close();
      return done;
    });
    if (!(await settlesWithin(Promise.all(closed), this.options.connectTimeoutMs ?? 3000))) {
      for (const channel of this.channelsByAddress.values()) channel.destroy();
    }
  }
}

import type { Socket } from 'node:net';
import type { RemotingCommand } from '../command/remoting-command';
import { appendCommand } from '../codec/command-codec';
import { FrameOutput } from '../codec/frame-output';

/** Called when the socket's send buffer fills up and when it has drained again. */
export interface CongestionListener {
  onCongested(): void;
  onDrained(): void;
}

const SLAB_SIZE = 64 * 1024;

/**
 * Coalesces writes: every frame queued during one turn of the event loop is encoded into one
 * slab and goes to the socket in one `write`; only bodies too large to copy make it a corked
 * `writev` of several buffers. Reports congestion when the socket's buffer passes its
 * high-water mark, and the drain that ends it.
 */
export class SocketWriter {
  private readonly output = new FrameOutput(SLAB_SIZE);
  private flushScheduled = false;
  private congested = false;
  private readonly flushBound = () => this.flush();

  constructor(
    private readonly socket: Socket,
    private readonly listener: CongestionListener,
  ) {}

  /** True while the socket's send buffer is over its high-water mark. */
  get isCongested(): boolean {
    return this.congested;
  }

  /**
   * Encodes `command` for the next flush (still this turn of the event loop). Throws MQError,
   * queueing nothing, if it cannot be encoded.
   */
  write(command: RemotingCommand): void {
    appendCommand(command, this.output);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      process.nextTick(this.flushBound);
    }
  }

  /** Hands everything queued to the socket now. */
  flush(): void {
    this.flushScheduled = false;
    const batch = this.output.take();
    if (batch.length === 0 || this.socket.destroyed) return;
    let writable = true;
    if (batch.length > 1) this.socket.cork();
    for (const piece of batch) writable = this.socket.write(piece);
    if (batch.length > 1) this.socket.uncork();
    if (!writable && !this.congested) this.awaitDrain();
  }

  private awaitDrain(): void {
    this.congested = true;
    this.listener.onCongested();
    this.socket.once('drain', () => {
      this.congested = false;
      this.listener.onDrained();
    });
  }
}

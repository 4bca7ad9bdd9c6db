import type { Socket } from 'node:net';

/** Called when the socket's send buffer fills up and when it has drained again. */
export interface CongestionListener {
  onCongested(): void;
  onDrained(): void;
}

/**
 * Coalesces writes: everything queued during one turn of the event loop goes to the socket
 * in one corked batch (one `writev`), instead of one syscall per frame. Reports congestion
 * when the socket's buffer passes its high-water mark, and the drain that ends it.
 */
export class SocketWriter {
  private queue: Buffer[] = [];
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

  /** Queues buffers for the next flush (still this turn of the event loop). */
  write(head: Buffer, body?: Buffer): void {
    this.queue.push(head);
    if (body && body.length > 0) this.queue.push(body);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      process.nextTick(this.flushBound);
    }
  }

  /** Hands everything queued to the socket now. */
  flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    if (batch.length === 0 || this.socket.destroyed) {
      this.queue = [];
      return;
    }
    this.queue = [];
    let writable = true;
    if (batch.length > 1) this.socket.cork();
    for (const buffer of batch) writable = this.socket.write(buffer);
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

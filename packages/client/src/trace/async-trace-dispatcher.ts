import { Message, getLogger } from '@mq/common';
import type { TraceContext } from './trace-context';
import { encodeTraceContext, type TraceTransferData } from './trace-data-codec';

/** What the dispatcher sends trace messages with: the internal trace producer. */
export interface TraceSender {
  start(): Promise<void>;
  send(message: Message): Promise<unknown>;
  shutdown(): Promise<void>;
}

/** How a dispatcher batches and where it sends. */
export interface TraceDispatcherSettings {
  traceTopic: string;
  /** Records per trace message (capped at {@link MAX_TRACE_BATCH}). */
  batchNum: number;
  /** Builds the sender at start. */
  createSender: () => TraceSender;
}

/** Java's cap on `traceMsgBatchNum`. */
export const MAX_TRACE_BATCH = 20;
/** Largest trace message body, in bytes (Java's trace producer `maxMessageSize`). */
export const MAX_TRACE_MESSAGE_SIZE = 128_000;
/** Records waiting to be sent; more are dropped rather than slowing the application. */
const QUEUE_CAPACITY = 2048;
/** A partial batch is sent after this long. */
const FLUSH_INTERVAL_MS = 5000;
const DISCARD_LOG_EVERY = 1000;

const log = getLogger('AsyncTraceDispatcher');

/**
 * Collects trace records and sends them to the trace topic in batches, in the background
 * (Java's `AsyncTraceDispatcher`). `append` never blocks or throws: a full buffer drops the
 * record, a failed send is logged. `shutdown` sends what is left before it resolves.
 */
export class AsyncTraceDispatcher {
  readonly traceTopic: string;
  private readonly batchNum: number;
  private readonly pending: TraceContext[] = [];
  private readonly sending = new Set<Promise<void>>();
  private sender: Promise<TraceSender | undefined> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private batchScheduled = false;
  private discarded = 0;
  private stopped = false;

  constructor(private readonly settings: TraceDispatcherSettings) {
    this.traceTopic = settings.traceTopic;
    this.batchNum = Math.max(1, Math.min(settings.batchNum, MAX_TRACE_BATCH));
  }

  /** Starts the trace producer; a failure is logged and later records are dropped. */
  async start(): Promise<void> {
    this.sender ??= this.startSender();
    await this.sender;
  }

  /** Queues a record; false when it was dropped (buffer full or dispatcher stopped). */
  append(context: TraceContext): boolean {
    if (this.stopped || this.pending.length >= QUEUE_CAPACITY) {
      if (++this.discarded % DISCARD_LOG_EVERY === 1) log.warn({ discarded: this.discarded, traceTopic: this.traceTopic }, 'trace buffer full or stopped, trace records dropped');
      return false;
    }
    this.pending.push(context);
    if (this.pending.length >= this.batchNum) this.scheduleFullBatches();
    else this.flushTimer ??= setTimeout(() => this.sendPending(true), FLUSH_INTERVAL_MS).unref();
    return true;
  }

  /** Sends every queued record and waits until all trace sends have finished. */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.sending.size > 0) {
      this.sendPending(true);
      await Promise.all(this.sending);
    }
  }

  /** Flushes, then stops the trace producer. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.stopped) return;
    await this.flush();
    this.stopped = true;
    clearTimeout(this.flushTimer);
    const sender = await this.sender;
    await sender?.shutdown();
  }

  private async startSender(): Promise<TraceSender | undefined> {
    const sender = this.settings.createSender();
    try {
      await sender.start();
      return sender;
    } catch (error) {
      log.warn({ traceTopic: this.traceTopic, err: (error as Error).message }, 'trace producer failed to start; trace records will be dropped');
      return undefined;
    }
  }

  private scheduleFullBatches(): void {
    if (this.batchScheduled) return;
    this.batchScheduled = true;
    setImmediate(() => {
      this.batchScheduled = false;
      this.sendPending(false);
    });
  }

  /** Sends full batches, and with `all` the last partial one too. */
  private sendPending(all: boolean): void {
    while (this.pending.length >= this.batchNum || (all && this.pending.length > 0)) {
      const task = this.sendBatch(this.pending.splice(0, this.batchNum));
      this.sending.add(task);
      void task.finally(() => this.sending.delete(task));
    }
    if (this.pending.length === 0) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
  }

  private async sendBatch(contexts: readonly TraceContext[]): Promise<void> {
    await this.start();
    const sender = await this.sender;
    if (!sender) return;
    const messages = [...groupByTopic(contexts).values()].flatMap((transfers) => this.packMessages(transfers));
    await Promise.all(messages.map((message) => this.sendOne(sender, message)));
  }

  private async sendOne(sender: TraceSender, message: Message): Promise<void> {
    try {
      await sender.send(message);
    } catch (error) {
      log.warn({ traceTopic: this.traceTopic, err: (error as Error).message, keys: message.keys }, 'sending trace data failed');
    }
  }

  /** Joins records into messages of at most {@link MAX_TRACE_MESSAGE_SIZE} bytes, keyed by every traced id and key. */
  private packMessages(transfers: readonly TraceTransferData[]): Message[] {
    const messages: Message[] = [];
    let data = '';
    let size = 0;
    let keys = new Set<string>();
    for (const transfer of transfers) {
      const bytes = Buffer.byteLength(transfer.data);
      if (size > 0 && size + bytes > MAX_TRACE_MESSAGE_SIZE) {
        messages.push(this.traceMessage(data, keys));
        data = '';
        size = 0;
        keys = new Set();
      }
      data += transfer.data;
      size += bytes;
      for (const key of transfer.keys) keys.add(key);
    }
    if (size > 0) messages.push(this.traceMessage(data, keys));
    return messages;
  }

  private traceMessage(data: string, keys: ReadonlySet<string>): Message {
    return new Message(this.traceTopic, Buffer.from(data, 'utf8'), { keys: [...keys] });
  }
}

/** Encoded records grouped by the topic of the traced message (Java sends one trace message per topic). */
function groupByTopic(contexts: readonly TraceContext[]): Map<string, TraceTransferData[]> {
  const groups = new Map<string, TraceTransferData[]>();
  for (const context of contexts) {
    const first = context.traceBeans[0];
    if (!first) continue;
    let group = groups.get(first.topic);
    if (!group) groups.set(first.topic, (group = []));
    group.push(encodeTraceContext(context));
  }
  return groups;
}

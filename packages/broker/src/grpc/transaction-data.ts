/** Where a half message lies: what an END_TRANSACTION needs besides the verdict. */
export interface TransactionData {
  /** The producer group, which over gRPC is the topic name. */
  readonly producerGroup: string;
  readonly transactionId: string;
  /** `UNIQ_KEY` of the message. */
  readonly messageId: string;
  readonly commitLogOffset: number;
  /** Queue offset of the half message in `RMQ_SYS_TRANS_HALF_TOPIC`. */
  readonly tranStateTableOffset: number;
}

/** How long a send or a check-back leaves room for its EndTransaction (the reference's 30 s). */
export const TRANSACTION_DATA_TTL_MS = 30_000;

/**
 * Half messages sent or checked recently, by (producer group, transaction id), so that an
 * EndTransaction (which names only the topic and ids) can be resolved (spec §4.6, §4.13).
 * Entries expire after {@link TRANSACTION_DATA_TTL_MS}; the broker's check-back takes over then.
 */
export class TransactionDataStore {
  private readonly entries = new Map<string, { data: TransactionData; expiresAt: number }>();

  constructor(private readonly ttlMs = TRANSACTION_DATA_TTL_MS) {}

  /** Records (or refreshes) a transaction. */
  add(data: TransactionData, now = Date.now()): void {
    this.dropExpired(now);
    const key = keyOf(data.producerGroup, data.transactionId);
    this.entries.delete(key);
    this.entries.set(key, { data, expiresAt: now + this.ttlMs });
  }

  /** The live transaction, removed from the store: one EndTransaction ends it. */
  take(producerGroup: string, transactionId: string, now = Date.now()): TransactionData | undefined {
    const key = keyOf(producerGroup, transactionId);
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry && entry.expiresAt > now ? entry.data : undefined;
  }

  /** Insertion order is expiry order: drop from the front. */
  private dropExpired(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.entries.delete(key);
    }
  }
}

function keyOf(producerGroup: string, transactionId: string): string {
  return `${producerGroup}\u0001${transactionId}`;
}

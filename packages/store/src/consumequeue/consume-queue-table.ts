import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConsumeQueue } from './consume-queue';

/** Every consume queue of the store, by topic and queue id. */
export class ConsumeQueueTable {
  private readonly table = new Map<string, Map<number, ConsumeQueue>>();

  constructor(
    private readonly rootDir: string,
    private readonly fileSize: number,
  ) {}

  /** Start-up: opens and recovers every `consumequeue/<topic>/<queueId>` (spec §5.1 step 2, 5). */
  recoverSync(): void {
    const base = path.join(this.rootDir, 'consumequeue');
    if (!fs.existsSync(base)) return;
    for (const topic of fs.readdirSync(base)) {
      const topicDir = path.join(base, topic);
      if (!fs.statSync(topicDir).isDirectory()) continue;
      for (const name of fs.readdirSync(topicDir)) {
        if (!/^\d+$/.test(name)) continue;
        this.findOrCreate(topic, Number(name)).recoverSync();
      }
    }
  }

  find(topic: string, queueId: number): ConsumeQueue | undefined {
    return this.table.get(topic)?.get(queueId);
  }

  findOrCreate(topic: string, queueId: number): ConsumeQueue {
    let queues = this.table.get(topic);
    if (!queues) this.table.set(topic, (queues = new Map()));
    let cq = queues.get(queueId);
    if (!cq) queues.set(queueId, (cq = new ConsumeQueue(topic, queueId, this.rootDir, this.fileSize)));
    return cq;
  }

  /** Takes every queue of `topic` out of the table and returns them (to be destroyed by the caller). */
  removeTopic(topic: string): ConsumeQueue[] {
    const queues = this.table.get(topic);
    this.table.delete(topic);
    return queues ? [...queues.values()] : [];
  }

  /** The directory holding `topic`'s queues. */
  topicDir(topic: string): string {
    return path.join(this.rootDir, 'consumequeue', topic);
  }

  all(): ConsumeQueue[] {
    const result: ConsumeQueue[] = [];
    for (const queues of this.table.values()) result.push(...queues.values());
    return result;
  }

  /** Highest record end any consume queue points at (`dispatchFromPhyOffset`), or -1. */
  maxPhysicOffset(): number {
    return this.all().reduce((max, cq) => Math.max(max, cq.maxPhysicOffset), -1);
  }

  /** Writes every queue's pending units to its files. */
  async commit(): Promise<void> {
    for (const cq of this.all()) await cq.queue.commit();
  }

  /** Writes and forces every queue's units; `leastPages` as in RocketMQ's CQ flush. */
  async flush(leastPages = 0): Promise<void> {
    for (const cq of this.all()) {
      await cq.queue.commit();
      await cq.queue.flush(leastPages);
    }
  }

  /** Start-up only: deletes every consume queue (no commit-log data left). */
  destroySync(): void {
    for (const cq of this.all()) cq.queue.destroySync();
    this.table.clear();
  }

  async close(): Promise<void> {
    for (const cq of this.all()) await cq.queue.close();
  }
}

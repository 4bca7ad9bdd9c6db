import path from 'node:path';
import { ConfigFile } from '../persistence/config-file';
import { PopQueue, type InFlightMessage } from './pop-queue';

/** One in-flight message as persisted (the `reviving` flag is transient: a restart revives again). */
interface InFlightJson {
  offset: number;
  commitLogOffset: number;
  startOffset: number;
  popTime: number;
  invisibleTime: number;
  deliveries: number;
}

/** One queue's POP state as persisted. */
interface PopQueueJson {
  group: string;
  topic: string;
  queueId: number;
  topicType: number;
  nextOffset?: number;
  fifo: boolean;
  lastAttemptId?: string;
  inFlight: InFlightJson[];
}

interface PopStateFileJson {
  queues?: PopQueueJson[];
}

/**
 * The POP state that must survive a restart (Apache keeps it as CK/ACK records in the revive
 * topic): per queue and group, the read position and every popped, not yet acked message with
 * its pop time and invisible time. Stored as `config/popState.json` through {@link ConfigFile}
 * (temp file + rename, `.bak` fallback). A snapshot may lag the live state by one persist
 * period; that only redelivers (a pop or ack after the snapshot is redone), never loses.
 */
export class PopStateStore {
  private readonly file: ConfigFile;

  constructor(storePathRootDir: string) {
    this.file = new ConfigFile(path.join(storePathRootDir, 'config', 'popState.json'));
  }

  /** The queues saved by the last {@link persist} (start-up only: synchronous read). */
  load(): PopQueue[] {
    let queues: PopQueue[] = [];
    this.file.load((text) => {
      queues = ((JSON.parse(text) as PopStateFileJson).queues ?? []).map(toQueue);
    });
    return queues;
  }

  /** Writes a snapshot of the queues; resolves false (logged) when the write failed. */
  persist(queues: Iterable<PopQueue>): Promise<boolean> {
    const json: PopStateFileJson = { queues: [...queues].filter(worthKeeping).map(toJson) };
    return this.file.persist(JSON.stringify(json));
  }
}

/** Queues never popped from carry nothing a restart needs. */
function worthKeeping(queue: PopQueue): boolean {
  return queue.nextOffset !== undefined || queue.inFlight.size > 0;
}

function toJson(queue: PopQueue): PopQueueJson {
  return {
    group: queue.group,
    topic: queue.topic,
    queueId: queue.queueId,
    topicType: queue.topicType,
    nextOffset: queue.nextOffset,
    fifo: queue.fifo,
    lastAttemptId: queue.lastAttemptId,
    inFlight: [...queue.inFlight.values()].map(({ offset, commitLogOffset, startOffset, popTime, invisibleTime, deliveries }) => ({
      offset,
      commitLogOffset,
      startOffset,
      popTime,
      invisibleTime,
      deliveries,
    })),
  };
}

function toQueue(json: PopQueueJson): PopQueue {
  const queue = new PopQueue(json.group, json.topic, json.queueId, json.topicType);
  queue.nextOffset = json.nextOffset;
  queue.fifo = json.fifo;
  queue.lastAttemptId = json.lastAttemptId;
  for (const message of json.inFlight) {
    const inFlight: InFlightMessage = { ...message, reviving: false };
    queue.inFlight.set(inFlight.offset, inFlight);
  }
  return queue;
}

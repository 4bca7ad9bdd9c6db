import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLogger, getTransactionType, MessageConst, MessageSysFlag } from '@mq/common';
import type { StoreCheckpoint } from '../checkpoint/store-checkpoint';
import type { DispatchRequest } from '../dispatch/dispatch-request';
import { IndexFile, indexKeyHash } from './index-file';

const log = getLogger('IndexService');
/** `#`, joining topic and key in an index key. */
const KEY_JOIN_CODE = 0x23;

/** Settings of the index service (RocketMQ's names). */
export interface IndexServiceConfig {
  maxHashSlotNum: number;
  maxIndexNum: number;
}

/**
 * `javaStringHashCode(topic + '#' + key)`, the index key's hash (spec §4.1), without
 * building the joined string on the dispatch path.
 */
export function topicKeyHashCode(topic: string, key: string): number {
  let hash = 0;
  for (let i = 0; i < topic.length; i++) hash = (Math.imul(31, hash) + topic.charCodeAt(i)) | 0;
  hash = (Math.imul(31, hash) + KEY_JOIN_CODE) | 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(31, hash) + key.charCodeAt(i)) | 0;
  return hash;
}

/** Index file name: the local creation time as `yyyyMMddHHmmssSSS`. */
export function indexFileName(time: number): string {
  const d = new Date(time);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/**
 * The message-key index (spec §4): keys `topic#UNIQ_KEY` and `topic#<each KEYS element>`
 * hashed into a chain of index files, queried by key and store-time range.
 */
export class IndexService {
  private files: IndexFile[] = [];
  private readonly dir: string;
  private lastCreated = 0;
  private retiring: Promise<void> = Promise.resolve();
  private checkpoint: StoreCheckpoint | undefined;

  constructor(
    rootDir: string,
    private readonly config: IndexServiceConfig,
  ) {
    this.dir = path.join(rootDir, 'index');
  }

  /**
   * Start-up: opens the files in name order. After an abnormal exit, files not known to be
   * flushed (end time past the checkpoint's index time) are destroyed; recovery re-dispatches
   * their messages (spec §5.1 step 4).
   */
  loadSync(lastExitAbnormal: boolean, checkpoint: StoreCheckpoint): void {
    this.checkpoint = checkpoint;
    fs.mkdirSync(this.dir, { recursive: true });
    for (const name of fs.readdirSync(this.dir).sort()) {
      const file = IndexFile.openSync(path.join(this.dir, name), this.config.maxHashSlotNum, this.config.maxIndexNum);
      const unflushed = !file.isWriteFull() || file.header.endTimestamp > checkpoint.indexMsgTimestamp;
      if (lastExitAbnormal && unflushed) {
        log.warn({ file: name }, 'index file not known to be flushed before an abnormal exit; destroyed, it will be rebuilt');
        file.destroySync();
      } else {
        this.files.push(file);
      }
    }
  }

  /** Indexes one dispatched record (spec §4.1): its `UNIQ_KEY` and each element of its `KEYS`. */
  buildIndex(req: DispatchRequest): void {
    const file = this.writableFile();
    if (req.commitLogOffset < file.header.endPhyOffset) return;
    if (getTransactionType(req.sysFlag) === MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) return;
    if (req.uniqKey) this.putKey(req, req.uniqKey);
    const keys = req.keys;
    if (!keys) return;
    if (!keys.includes(MessageConst.KEY_SEPARATOR)) {
      this.putKey(req, keys);
      return;
    }
    for (const key of keys.split(MessageConst.KEY_SEPARATOR)) if (key !== '') this.putKey(req, key);
  }

  private putKey(req: DispatchRequest, key: string): void {
    const hash = indexKeyHash(topicKeyHashCode(req.topic, key));
    let file = this.writableFile();
    while (!file.putKey(hash, req.commitLogOffset, req.storeTimestamp)) file = this.writableFile();
  }

  /** Physical offsets of messages whose key matches, newest files first (spec §4.2). */
  async queryOffsets(topic: string, key: string, maxNum: number, begin: number, end: number): Promise<number[]> {
    const hash = indexKeyHash(topicKeyHashCode(topic, key));
    const out: number[] = [];
    for (let i = this.files.length - 1; i >= 0 && out.length < maxNum; i--) {
      const file = this.files[i];
      if (file.isTimeMatched(begin, end)) await file.selectPhyOffsets(out, hash, maxNum, begin, end);
      if (file.header.beginTimestamp < begin) break;
    }
    return out;
  }

  /** End values of the newest index file: `[indexLastUpdateTimestamp, indexLastUpdatePhyoffset]`. */
  lastUpdate(): { timestamp: number; phyOffset: number } {
    const last = this.files[this.files.length - 1];
    return { timestamp: last ? last.header.endTimestamp : 0, phyOffset: last ? last.header.endPhyOffset : 0 };
  }

  /** Writes the current file's dirty pages; with `sync`, forces them. */
  async flush(sync: boolean): Promise<void> {
    await this.retiring;
    const last = this.files[this.files.length - 1];
    if (last) await last.flush(sync);
  }

  /** Deletes files (never the last) whose entries all point below `minCommitLogOffset`. */
  async deleteExpiredFiles(minCommitLogOffset: number): Promise<void> {
    while (this.files.length > 1 && this.files[0].header.endPhyOffset < minCommitLogOffset) {
      const file = this.files.shift() as IndexFile;
      await file.destroy();
    }
  }

  async close(): Promise<void> {
    await this.flush(true);
    for (const file of this.files) await file.close();
  }

  private writableFile(): IndexFile {
    const last = this.files[this.files.length - 1];
    if (last && !last.isWriteFull()) return last;
    if (last) this.retire(last);
    this.lastCreated = Math.max(Date.now(), this.lastCreated + 1);
    const file = IndexFile.create(path.join(this.dir, indexFileName(this.lastCreated)), this.config.maxHashSlotNum, this.config.maxIndexNum, last?.header);
    this.files.push(file);
    return file;
  }

  /** Flushes a full file in the background, then records its end time in the checkpoint. */
  private retire(file: IndexFile): void {
    this.retiring = this.retiring
      .then(() => file.flush(true))
      .then(() => {
        const checkpoint = this.checkpoint as StoreCheckpoint;
        checkpoint.indexMsgTimestamp = Math.max(checkpoint.indexMsgTimestamp, file.header.endTimestamp);
      })
      .catch((err: unknown) => log.error({ err, file: file.filePath }, 'flushing a full index file failed'));
  }
}

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MessageQueue, getLogger } from '@mq/common';
import { ResetOffsetBody } from '@mq/remoting';
import { OFFSET_NOT_FOUND, OffsetTable, type OffsetStore, type ReadOffsetType } from './offset-store';

const log = getLogger('LocalFileOffsetStore');

/** Default root of broadcasting offsets (`rocketmq.client.localOffsetStoreDir`). */
export function defaultLocalOffsetStoreDir(): string {
  return process.env['rocketmq.client.localOffsetStoreDir'] ?? path.join(os.homedir(), '.rocketmq_offsets');
}

/**
 * Broadcasting offsets in `<root>/<clientId>/<group>/offsets.json`, Java's file shape
 * (`{"offsetTable":{{"brokerName":…,"queueId":…,"topic":…}:offset}}`), written through a
 * temp file and a `.bak` copy so a crash never leaves a torn file.
 */
export class LocalFileOffsetStore implements OffsetStore {
  private readonly table = new OffsetTable();
  private readonly file: string;

  constructor(rootDir: string, clientId: string, group: string) {
    this.file = path.join(rootDir, clientId, group, 'offsets.json');
  }

  async load(): Promise<void> {
    const text = (await readIfExists(this.file)) ?? (await readIfExists(`${this.file}.bak`));
    if (text === undefined) return;
    for (const [mq, offset] of ResetOffsetBody.decode(text).offsetTable) {
      this.table.update(new MessageQueue(mq.topic ?? '', mq.brokerName ?? '', mq.queueId), offset, false);
    }
  }

  updateOffset(mq: MessageQueue, offset: number, increaseOnly: boolean): void {
    this.table.update(mq, offset, increaseOnly);
  }

  async readOffset(mq: MessageQueue, _type: ReadOffsetType): Promise<number> {
    return this.table.get(mq) ?? OFFSET_NOT_FOUND;
  }

  async persistAll(): Promise<void> {
    const offsetTable = this.table.entries().map(([mq, offset]) => [{ brokerName: mq.brokerName, queueId: mq.queueId, topic: mq.topic }, offset] as [{ brokerName: string; queueId: number; topic: string }, number]);
    const text = ResetOffsetBody.toJson({ offsetTable });
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      const previous = await readIfExists(this.file);
      if (previous !== undefined) await writeFile(`${this.file}.bak`, previous);
      await writeFile(`${this.file}.tmp`, text);
      await rename(`${this.file}.tmp`, this.file);
    } catch (error) {
      log.warn({ file: this.file, err: (error as Error).message }, 'cannot persist broadcasting offsets');
    }
  }

  async persist(): Promise<void> {
    await this.persistAll();
  }

  removeOffset(mq: MessageQueue): void {
    this.table.remove(mq);
  }

  snapshot(): ReadonlyArray<[MessageQueue, number]> {
    return this.table.entries();
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

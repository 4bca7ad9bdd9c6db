import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CommonErrorCode, MQError, getLogger } from '@mq/common';

/** The KV namespace holding ordered-topic layouts (`NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG`). */
export const NAMESPACE_ORDER_TOPIC_CONFIG = 'ORDER_TOPIC_CONFIG';

/**
 * The name server's namespaced key/value store (`KVConfigManager`), persisted after every
 * change to `kvConfigPath` in the layout of Java's `kvConfig.json`:
 * `{"configTable":{"<namespace>":{"<key>":"<value>"}}}`.
 */
export class KVConfigManager {
  private readonly configTable = new Map<string, Map<string, string>>();
  private readonly log = getLogger('KVConfigManager');
  private persisting: Promise<void> = Promise.resolve();

  constructor(private readonly kvConfigPath: string) {}

  /**
   * Loads the file if it exists. A file that is not valid JSON of the expected shape is an
   * error, rather than being silently replaced on the next write.
   */
  async load(): Promise<void> {
    const content = await readIfExists(this.kvConfigPath);
    if (content === undefined) return;
    for (const [namespace, table] of Object.entries(parseConfigTable(content, this.kvConfigPath))) {
      this.configTable.set(namespace, new Map(Object.entries(table)));
    }
    this.log.info({ kvConfigPath: this.kvConfigPath, namespaces: this.configTable.size }, 'KV config loaded');
  }

  /** Sets `key` in `namespace`; resolves once the change is on disk. */
  async putKVConfig(namespace: string, key: string, value: string): Promise<void> {
    let table = this.configTable.get(namespace);
    if (!table) {
      table = new Map();
      this.configTable.set(namespace, table);
    }
    table.set(key, value);
    this.log.info({ namespace, key, value }, 'KV config put');
    await this.persist();
  }

  /** Removes `key` from `namespace` (the namespace itself stays); resolves once on disk. */
  async deleteKVConfig(namespace: string, key: string): Promise<void> {
    if (this.configTable.get(namespace)?.delete(key)) this.log.info({ namespace, key }, 'KV config deleted');
    await this.persist();
  }

  /** The value of `key` in `namespace`, if set. */
  getKVConfig(namespace: string, key: string): string | undefined {
    return this.configTable.get(namespace)?.get(key);
  }

  /** A copy of a namespace's entries, or `undefined` if the namespace was never created. */
  getKVListByNamespace(namespace: string): Map<string, string> | undefined {
    const table = this.configTable.get(namespace);
    return table && new Map(table);
  }

  /** Writes are chained so the file always ends with the latest table, even after a failed write. */
  private persist(): Promise<void> {
    const content = this.serialize();
    const write = this.persisting.then(() => writeAtomically(this.kvConfigPath, content));
    this.persisting = write.catch(() => undefined);
    return write.catch((err: unknown) => {
      throw new MQError(CommonErrorCode.SYSTEM_ERROR, `cannot write KV config to ${this.kvConfigPath}: ${String(err)}`, { cause: err });
    });
  }

  private serialize(): string {
    const configTable: Record<string, Record<string, string>> = {};
    for (const [namespace, table] of this.configTable) configTable[namespace] = Object.fromEntries(table);
    return JSON.stringify({ configTable });
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parseConfigTable(content: string, path: string): Record<string, Record<string, string>> {
  const bad = (why: string): MQError =>
    new MQError(CommonErrorCode.SYSTEM_ERROR, `KV config file ${path} is unreadable (${why}); fix or remove it`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (err) {
    throw bad(String(err));
  }
  const configTable = (parsed as { configTable?: unknown } | null)?.configTable ?? {};
  if (!isRecord(configTable)) throw bad('configTable is not an object');
  for (const [namespace, table] of Object.entries(configTable)) {
    if (!isRecord(table) || !Object.values(table).every((value) => typeof value === 'string')) {
      throw bad(`namespace ${namespace} is not a string map`);
    }
  }
  return configTable as Record<string, Record<string, string>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  await writeFile(tmp, content, 'utf8');
  await rename(tmp, path);
}

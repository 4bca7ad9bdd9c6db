import { promises as fsp, readFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { getLogger } from '@mq/common';

const log = getLogger('ConfigFile');

/**
 * One metadata file under `storePathRootDir/config` (`topics.json`, `consumerOffset.json`, ...),
 * read and written the way Java's `ConfigManager` does: the previous content survives as
 * `<file>.bak`, and a missing, empty or unreadable file falls back to the backup.
 *
 * Writes go to `<file>.tmp` first, so a crash mid-write never leaves a torn `<file>`.
 */
export class ConfigFile {
  private writing: Promise<boolean> = Promise.resolve(true);

  constructor(readonly filePath: string) {}

  /**
   * Reads the file (or its backup) at start-up and hands the text to `decode`. Returns false
   * when neither exists. Synchronous: it runs once, before the broker serves requests.
   */
  load(decode: (text: string) => void): boolean {
    if (this.tryDecode(this.filePath, decode)) return true;
    if (existsSync(this.filePath)) rmSync(this.filePath, { force: true });
    return this.tryDecode(`${this.filePath}.bak`, decode);
  }

  /**
   * Writes `text` durably: temp file + fsync, current file renamed to `.bak`, temp renamed
   * into place, directory fsync. Calls are serialised, so the last one wins. Resolves to
   * false (and logs) when the write failed; never rejects, so callers may fire and forget.
   */
  persist(text: string): Promise<boolean> {
    const next = this.writing.then(
      () => this.write(text).then(() => true),
      () => false,
    ).catch((err: unknown) => {
      log.error({ err, file: this.filePath }, 'persist failed');
      return false;
    });
    this.writing = next;
    return next;
  }

  private tryDecode(file: string, decode: (text: string) => void): boolean {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return false;
    }
    if (text.trim().length === 0) return false;
    try {
      decode(text);
      log.info({ file }, 'loaded');
      return true;
    } catch (err) {
      log.error({ err, file }, 'unreadable config file');
      return false;
    }
  }

  private async write(text: string): Promise<void> {
    const dir = path.dirname(this.filePath);
    const tmp = `${this.filePath}.tmp`;
    await fsp.mkdir(dir, { recursive: true });
    const handle = await fsp.open(tmp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existsSync(this.filePath)) await fsp.rename(this.filePath, `${this.filePath}.bak`);
    await fsp.rename(tmp, this.filePath);
    await syncDirectory(dir);
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

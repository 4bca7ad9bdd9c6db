import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cachedDirectory } from './maven';

/**
 * Builds cached in the user's home (`~/.cache/mq-e2e/<tool>/`), outside the work tree, so a
 * fresh clone (CI) on the same machine reuses them.
 */
const HOME_CACHE = path.join(os.homedir(), '.cache', 'mq-e2e');

/**
 * `~/.cache/mq-e2e/<tool>/<kind>-<hash>`, produced by `produce(tmpDir)` unless it exists
 * (see `cachedDirectory`). Builds of other hashes are never used again and are removed.
 */
export async function cachedHomeBuild(tool: string, kind: string, hash: string, produce: (tmpDir: string) => Promise<void>): Promise<string> {
  const parent = path.join(HOME_CACHE, tool);
  const dir = await cachedDirectory(path.join(parent, `${kind}-${hash}`), produce);
  for (const entry of fs.readdirSync(parent)) {
    const stale = entry.startsWith(`${kind}-`) && !entry.includes('.tmp-') && entry !== path.basename(dir);
    if (stale) fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
  return dir;
}

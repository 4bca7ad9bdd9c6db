import * as fs from 'node:fs';

/**
 * Used fraction (0..1) of the file system holding `path`, or -1 when it cannot be measured.
 * Injectable so tests can simulate a full disk.
 */
export type DiskUsageProbe = (path: string) => Promise<number>;

/** RocketMQ's ratio: `(total - free) / (used + available)`, rounded up to a whole percent. */
export const statfsDiskUsage: DiskUsageProbe = async (path) => {
  try {
    const s = await fs.promises.statfs(path);
    const used = s.blocks - s.bfree;
    const denominator = used + s.bavail;
    if (denominator <= 0) return -1;
    return Math.ceil((used / denominator) * 100) / 100;
  } catch {
    return -1;
  }
};

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildClasspath, cachedDirectory, hashSources } from '../../e2e/support/maven';

/** Pins rocketmq-namesrv, -broker, -proxy and -example 5.5.0 (see the comment in it). */
const POM = path.join(__dirname, 'pom.xml');
const CACHE_ROOT = path.join(os.homedir(), '.cache', 'mq-bench-compare');

/**
 * The runtime classpath of Apache RocketMQ's servers and benchmark tools, resolved from Maven
 * Central into ~/.m2 on first use and cached per pom content under ~/.cache/mq-bench-compare.
 */
export async function apacheClasspath(): Promise<string> {
  const dir = path.join(CACHE_ROOT, `classpath-${hashSources([POM], 'bench-compare')}`);
  try {
    await cachedDirectory(dir, (tmpDir) => buildClasspath(POM, path.join(tmpDir, 'classpath.txt')));
  } catch (err) {
    throw new Error(`could not download Apache RocketMQ 5.5.0 from Maven Central (${POM}): ${(err as Error).message}`);
  }
  return fs.readFileSync(path.join(dir, 'classpath.txt'), 'utf8').trim();
}

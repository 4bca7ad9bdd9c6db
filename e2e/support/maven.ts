import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AVAILABLE, Availability } from './availability';
import { runToCompletion } from './processes';

const MAVEN_TIMEOUT_MS = 10 * 60_000;

let toolchain: Availability | undefined;

/**
 * Maven 3.8's local repository is not safe for concurrent downloads, so this process runs
 * one Maven at a time.
 */
let mavenQueue: Promise<unknown> = Promise.resolve();

function probe(command: string, args: string[]): string | undefined {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (run.error) return `\`${command}\` not found (${run.error.message})`;
  if (run.status !== 0) return `\`${command} ${args.join(' ')}\` exited with ${run.status}`;
  return undefined;
}

/** Whether a JDK (`java`, `jar`) and `mvn` are on the PATH; checked once per process. */
export function javaToolchain(): Availability {
  toolchain ??= (() => {
    const missing = [probe('java', ['-version']), probe('jar', ['--version']), probe('mvn', ['-v', '-B'])].filter(
      (m): m is string => m !== undefined,
    );
    return missing.length === 0 ? AVAILABLE : { available: false, reason: `needs a JDK 11+ and Maven: ${missing.join('; ')}` };
  })();
  return toolchain;
}

/** Runs Maven quietly in batch mode, after any other Maven run of this process; throws with Maven's output when it fails. */
export function runMaven(pom: string, args: readonly string[]): Promise<void> {
  const run = mavenQueue.then(() => runMavenNow(pom, args));
  mavenQueue = run.catch(() => undefined);
  return run;
}

async function runMavenNow(pom: string, args: readonly string[]): Promise<void> {
  const run = await runToCompletion('mvn', ['-q', '-B', '-f', pom, ...args], { timeoutMs: MAVEN_TIMEOUT_MS });
  if (run.code !== 0) {
    const why = run.timedOut ? `timed out after ${MAVEN_TIMEOUT_MS} ms` : `exited with ${run.code}`;
    throw new Error(`mvn ${args.join(' ')} (${pom}) ${why}:\n${run.stdout}\n${run.stderr}`);
  }
}

/** A short content hash of the given files and directories (recursively, in a stable order). */
export function hashSources(roots: readonly string[], salt: string): string {
  const hash = crypto.createHash('sha256').update(salt);
  const visit = (root: string, file: string): void => {
    if (fs.statSync(file).isDirectory()) {
      for (const entry of fs.readdirSync(file).sort()) visit(root, path.join(file, entry));
    } else {
      hash.update(path.relative(path.dirname(root), file)).update(fs.readFileSync(file));
    }
  };
  for (const root of roots) visit(root, root);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Returns `dir`, producing it first with `produce(tmpDir)` unless it already exists.
 * The output is built in a private directory and renamed into place, so concurrent jest
 * workers never see a half-built directory; whichever rename comes second is discarded.
 */
export async function cachedDirectory(dir: string, produce: (tmpDir: string) => Promise<void>): Promise<string> {
  if (fs.existsSync(dir)) return dir;
  const tmpDir = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  try {
    await produce(tmpDir);
    fs.renameSync(tmpDir, dir);
  } catch (err) {
    if (!fs.existsSync(dir)) throw err;
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  return dir;
}

/** The runtime classpath of a pom's dependencies, as written by `dependency:build-classpath`. */
export async function buildClasspath(pom: string, outputFile: string, extraArgs: readonly string[] = []): Promise<void> {
  await runMaven(pom, [...extraArgs, 'dependency:build-classpath', `-Dmdep.outputFile=${outputFile}`]);
}

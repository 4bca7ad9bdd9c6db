import fs from 'node:fs';
import path from 'node:path';
import { buildClasspath, cachedDirectory, hashSources } from './maven';
import { CompletedRun, runToCompletion } from './processes';

/** The official remoting clients the drivers are built against: newest 4.9.x and newest 5.x on Maven Central. */
export const OFFICIAL_CLIENT_VERSIONS = ['4.9.8', '5.5.0'] as const;
export type OfficialClientVersion = (typeof OFFICIAL_CLIENT_VERSIONS)[number];

const JAVA_PROJECT = path.resolve(__dirname, '..', 'java');
const DRIVER_PACKAGE = 'org.mq.e2e';

/**
 * Small, fast-starting JVMs; the rebalance interval drops from 20 s to 1 s so consumers
 * settle on their queues quickly (the client reads it from this system property only).
 */
const DRIVER_JVM_OPTIONS = [
  '-Xmx256m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:-UsePerfData',
  // JVM warnings (class-data sharing ones, for instance) to stderr: stdout is the result line.
  '-Xlog:disable',
  '-Xlog:all=warning:stderr',
  '-Drocketmq.client.rebalance.waitInterval=1000',
];

/** Compiled drivers of one of the Maven projects under e2e/ (`java/`, `grpc-java/`). */
export interface JavaDriverBuild {
  /** The client they use, for messages: `rocketmq-client 5.5.0`. */
  client: string;
  /** The build's directory: drivers.jar, classpath.txt and the class-data archive. */
  dir: string;
  classpath: string;
}

/** Compiled remoting drivers for one client version. */
export interface DriverBuild extends JavaDriverBuild {
  clientVersion: OfficialClientVersion;
}

/** What to build: a driver project, the sources its build depends on, and its Maven arguments. */
export interface DriverProject {
  pom: string;
  /** Files and directories whose content decides whether an earlier build can be reused. */
  sources: readonly string[];
  /** Names the builds: `<project>/target/drivers-<key>-<hash>`. */
  key: string;
  mavenArgs: readonly string[];
}

/** Every driver prints one JSON object; these fields are always there. */
export interface DriverResult {
  ok: boolean;
  scenario: string;
  /** As the client reports it, e.g. `V4_9_8`. */
  clientVersion: string;
  error?: string;
}

/**
 * Builds the drivers against `clientVersion` (mvn compile + dependency:build-classpath, then
 * a jar, which class-data sharing needs), or reuses the build of an earlier run when pom.xml
 * and src/ are unchanged.
 */
export async function buildDrivers(clientVersion: OfficialClientVersion): Promise<DriverBuild> {
  const pom = path.join(JAVA_PROJECT, 'pom.xml');
  const project = { pom, sources: [pom, path.join(JAVA_PROJECT, 'src')], key: clientVersion, mavenArgs: [`-Drocketmq.version=${clientVersion}`] };
  return { ...(await buildDriverProject(project, `rocketmq-client ${clientVersion}`)), clientVersion };
}

/** Builds (or reuses the cached build of) any driver project; `client` names the client it uses. */
export async function buildDriverProject(project: DriverProject, client: string): Promise<JavaDriverBuild> {
  const hash = hashSources(project.sources, project.key);
  const target = path.join(path.dirname(project.pom), 'target');
  const dir = await cachedDirectory(path.join(target, `drivers-${project.key}-${hash}`), async (tmpDir) => {
    await buildClasspath(project.pom, path.join(tmpDir, 'classpath.txt'), [...project.mavenArgs, `-De2e.buildDir=${tmpDir}`, 'compile']);
    const jar = await runToCompletion('jar', ['cf', path.join(tmpDir, 'drivers.jar'), '-C', path.join(tmpDir, 'classes'), '.'], {
      timeoutMs: 60_000,
    });
    if (jar.code !== 0) throw new Error(`jar failed (${jar.code}): ${jar.stderr}`);
  });
  removeStaleBuilds(dir, project.key);
  const dependencies = fs.readFileSync(path.join(dir, 'classpath.txt'), 'utf8').trim();
  return { client, dir, classpath: [path.join(dir, 'drivers.jar'), dependencies].join(path.delimiter) };
}

/** Builds of older sources for the same key are never used again. */
function removeStaleBuilds(current: string, key: string): void {
  const targetDir = path.dirname(current);
  for (const entry of fs.readdirSync(targetDir)) {
    const stale = entry.startsWith(`drivers-${key}-`) && !entry.includes('.tmp-') && entry !== path.basename(current);
    if (stale) fs.rmSync(path.join(targetDir, entry), { recursive: true, force: true });
  }
}

let archiveWriters = 0;

/**
 * Class-data sharing: the first driver run of a build dumps the classes it loaded into an
 * archive (-XX:ArchiveClassesAtExit); later runs map it (-XX:SharedArchiveFile) and start
 * about a second sooner. Each dumping run writes a file of its own, renamed into place only
 * if the JVM ended by itself (a killed JVM may leave half an archive).
 */
export function classDataSharing(build: JavaDriverBuild): { jvmOptions: string[]; settle(run: Pick<CompletedRun, 'code'>): void } {
  const archive = path.join(build.dir, 'drivers.jsa');
  if (fs.existsSync(archive)) return { jvmOptions: [`-XX:SharedArchiveFile=${archive}`], settle: () => undefined };
  const own = `${archive}.tmp-${process.pid}-${++archiveWriters}`;
  return {
    jvmOptions: [`-XX:ArchiveClassesAtExit=${own}`],
    settle: (run) => {
      if (run.code !== null && fs.existsSync(own)) fs.renameSync(own, archive);
      else fs.rmSync(own, { force: true });
    },
  };
}

/** Driver options, passed as `--name value`. */
export type DriverOptions = Record<string, string | number>;

/** Where and how long a driver may run. */
export interface DriverRunOptions {
  /** The clients' user.home: their logs and local (broadcasting) offsets go there. */
  clientHome: string;
  timeoutMs: number;
}

/** A driver that failed, with what it printed, so the test failure explains itself. */
export class DriverError extends Error {}

/**
 * Runs `org.mq.e2e.<driver>` and returns the JSON line it printed. Throws DriverError when
 * it exits non-zero, reports `ok: false`, prints no JSON or outlives `timeoutMs` (then it is killed).
 */
export async function runDriver<R extends DriverResult>(
  build: JavaDriverBuild,
  driver: string,
  options: DriverOptions,
  run: DriverRunOptions,
): Promise<R> {
  const driverDeadlineMs = Math.max(run.timeoutMs - 5000, 1000);
  const sharing = classDataSharing(build);
  const args = [
    ...DRIVER_JVM_OPTIONS,
    ...sharing.jvmOptions,
    `-Duser.home=${run.clientHome}`,
    '-cp',
    build.classpath,
    `${DRIVER_PACKAGE}.${driver}`,
    ...Object.entries({ ...options, 'deadline-ms': driverDeadlineMs }).flatMap(([name, value]) => [`--${name}`, String(value)]),
  ];
  const startedAt = Date.now();
  const completed = await runToCompletion('java', args, { timeoutMs: run.timeoutMs });
  sharing.settle(completed);
  if (process.env.MQ_E2E_VERBOSE) traceRun(driver, build, Date.now() - startedAt, completed.stderr);
  const result = lastJsonLine(completed.stdout) as R | undefined;
  if (completed.code === 0 && result?.ok === true) return result;

  const why = completed.timedOut ? `killed after ${run.timeoutMs} ms` : `exited with ${completed.code}`;
  throw new DriverError(
    [
      `${driver} (${build.client}) ${why}`,
      `error: ${result?.error ?? '(no JSON result line)'}`,
      `stderr:\n${tail(completed.stderr, 40)}`,
    ].join('\n'),
  );
}

/** With MQ_E2E_VERBOSE set: how long a driver ran and how long each of its waits took. */
function traceRun(driver: string, build: JavaDriverBuild, elapsedMs: number, stderr: string): void {
  const waits = stderr.split('\n').filter((line) => line.startsWith('[driver]'));
  process.stderr.write(`[e2e] ${driver} (${build.client}) ${elapsedMs} ms\n${waits.map((w) => `  ${w}\n`).join('')}`);
}

function lastJsonLine(stdout: string): unknown {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

import fs from 'node:fs';
import path from 'node:path';
import { AVAILABLE, Availability } from './availability';
import { buildDriverProject, classDataSharing, type JavaDriverBuild } from './java';
import { MqadminSession } from './mqadmin-session';
import { CompletedRun, runToCompletion } from './processes';

/** An mqadmin program (Apache's or ours) bound to one name server. */
export interface MqadminTool {
  /** For messages: `Apache mqadmin 5.5.0`. */
  readonly name: string;
  /** Runs `mqadmin <args> -n <namesrv>` to completion, whatever its outcome. */
  run(args: readonly string[]): Promise<CompletedRun>;
  /** Releases what the tool keeps running between runs (Apache's session JVM). Idempotent. */
  close(): Promise<void>;
}

/** Binds an mqadmin to a name server; `home` is the tool's own directory (logs, HOME). */
export type MqadminFactory = (namesrvAddr: string, home: string) => MqadminTool;

const RUN_TIMEOUT_MS = 60_000;
const OUR_MQADMIN = path.resolve(__dirname, '..', '..', 'packages', 'tools', 'dist', 'bin', 'mqadmin.js');

/** e2e/apache/mqadmin: Apache's `rocketmq-tools` (MQAdminStartup) and the session driver that runs it. */
const APACHE_TOOLS_PROJECT = path.resolve(__dirname, '..', 'apache', 'mqadmin');
const APACHE_SESSION_CLASS = 'org.mq.e2e.mqadmin.MqadminSession';
const APACHE_TOOLS_VERSION = '5.5.0';

/** A small heap and a quick JIT: the session runs short sub-commands. */
const APACHE_JVM_OPTIONS = [
  '-Xmx128m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:-UsePerfData',
  // No JVM logging: class-data sharing warns about every old class it cannot archive.
  '-Xlog:disable',
];

/** Whether our built mqadmin exists (it comes from `npm run build`). */
export function ourMqadminBuilt(): Availability {
  if (fs.existsSync(OUR_MQADMIN)) return AVAILABLE;
  return { available: false, reason: `our mqadmin is not built yet (missing ${OUR_MQADMIN}; run \`npm run build\`)` };
}

/** Our `mqadmin` (packages/tools/dist), with `home` as its HOME. */
export const ourMqadmin: MqadminFactory = (namesrvAddr, home) => {
  const env = { ...process.env, HOME: home, NAMESRV_ADDR: namesrvAddr, MQ_LOG_LEVEL: 'error' };
  return {
    name: 'our mqadmin',
    run: (args) => runToCompletion(process.execPath, [OUR_MQADMIN, ...args, '-n', namesrvAddr], { env, timeoutMs: RUN_TIMEOUT_MS }),
    close: async () => undefined,
  };
};

/**
 * Apache RocketMQ's own mqadmin (`MQAdminStartup` from Maven Central's rocketmq-tools),
 * resolved into ~/.m2 on first use and built per content of e2e/apache/mqadmin. A bound tool
 * runs its sub-commands one at a time in one JVM (`MqadminSession`), each exactly as the
 * `mqadmin` script would, so a suite pays for one JVM start rather than one per sub-command.
 * Its logs go under the bound `home` (user.home and ROCKETMQ_HOME); its JVMs share a
 * class-data archive kept in the build directory.
 */
export async function apacheMqadmin(): Promise<MqadminFactory> {
  const build = await apacheToolsBuild();
  return (namesrvAddr, home) => {
    fs.mkdirSync(home, { recursive: true });
    const env = { ...process.env, ROCKETMQ_HOME: home, NAMESRV_ADDR: namesrvAddr };
    const session = new MqadminSession(() => {
      const sharing = classDataSharing(build);
      const args = [...APACHE_JVM_OPTIONS, ...sharing.jvmOptions, `-Duser.home=${home}`, '-cp', build.classpath, APACHE_SESSION_CLASS];
      return { command: 'java', args, env, ended: (code) => sharing.settle({ code }) };
    }, RUN_TIMEOUT_MS);
    return {
      name: build.client,
      run: (args) => traced(args, session.run([...args, '-n', namesrvAddr])),
      close: () => session.close(),
    };
  };
}

/** With MQ_E2E_VERBOSE set: how long each sub-command took, waiting for earlier ones included. */
async function traced(args: readonly string[], run: Promise<CompletedRun>): Promise<CompletedRun> {
  if (!process.env.MQ_E2E_VERBOSE) return run;
  const startedAt = Date.now();
  const completed = await run;
  process.stderr.write(`[e2e] Apache mqadmin ${args.join(' ')}: ${Date.now() - startedAt} ms\n`);
  return completed;
}

function apacheToolsBuild(): Promise<JavaDriverBuild> {
  const pom = path.join(APACHE_TOOLS_PROJECT, 'pom.xml');
  const project = { pom, sources: [pom, path.join(APACHE_TOOLS_PROJECT, 'src')], key: `mqadmin-${APACHE_TOOLS_VERSION}`, mavenArgs: [] };
  return buildDriverProject(project, `Apache mqadmin ${APACHE_TOOLS_VERSION}`);
}

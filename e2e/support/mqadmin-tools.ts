import fs from 'node:fs';
import path from 'node:path';
import { AVAILABLE, Availability } from './availability';
import { classDataSharing, type JavaDriverBuild } from './java';
import { buildClasspath, cachedDirectory, hashSources } from './maven';
import { CompletedRun, runToCompletion } from './processes';

/** An mqadmin program (Apache's or ours) bound to one name server. */
export interface MqadminTool {
  /** For messages: `Apache mqadmin 5.5.0`. */
  readonly name: string;
  /** Runs `mqadmin <args> -n <namesrv>` to completion, whatever its outcome. */
  run(args: readonly string[]): Promise<CompletedRun>;
}

/** Binds an mqadmin to a name server; `home` is the tool's own directory (logs, HOME). */
export type MqadminFactory = (namesrvAddr: string, home: string) => MqadminTool;

const RUN_TIMEOUT_MS = 60_000;
const OUR_MQADMIN = path.resolve(__dirname, '..', '..', 'packages', 'tools', 'dist', 'bin', 'mqadmin.js');

/** e2e/apache/mqadmin/pom.xml pins Apache's `rocketmq-tools` (MQAdminStartup). */
const APACHE_TOOLS_POM = path.resolve(__dirname, '..', 'apache', 'mqadmin', 'pom.xml');
const APACHE_MAIN_CLASS = 'org.apache.rocketmq.tools.command.MQAdminStartup';
const APACHE_TOOLS_VERSION = '5.5.0';

/** A small heap and a quick JIT: every sub-command is one short-lived JVM. */
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
  };
};

/**
 * Apache RocketMQ's own mqadmin (`MQAdminStartup` from Maven Central's rocketmq-tools),
 * resolved into ~/.m2 on first use and cached per pom content. Its logs go under the bound
 * `home` (user.home and ROCKETMQ_HOME); runs share a class-data archive kept beside the classpath.
 */
export async function apacheMqadmin(): Promise<MqadminFactory> {
  const build = await apacheToolsBuild();
  return (namesrvAddr, home) => {
    fs.mkdirSync(home, { recursive: true });
    const env = { ...process.env, ROCKETMQ_HOME: home, NAMESRV_ADDR: namesrvAddr };
    return {
      name: build.client,
      run: async (args) => {
        const sharing = classDataSharing(build);
        const jvm = [...APACHE_JVM_OPTIONS, ...sharing.jvmOptions, `-Duser.home=${home}`, '-cp', build.classpath, APACHE_MAIN_CLASS];
        const run = await runToCompletion('java', [...jvm, ...args, '-n', namesrvAddr], { env, timeoutMs: RUN_TIMEOUT_MS });
        sharing.settle(run);
        return run;
      },
    };
  };
}

async function apacheToolsBuild(): Promise<JavaDriverBuild> {
  const hash = hashSources([APACHE_TOOLS_POM], 'apache-mqadmin');
  const dir = await cachedDirectory(path.resolve(path.dirname(APACHE_TOOLS_POM), '..', 'target', `mqadmin-classpath-${hash}`), (tmpDir) =>
    buildClasspath(APACHE_TOOLS_POM, path.join(tmpDir, 'classpath.txt')),
  );
  const classpath = fs.readFileSync(path.join(dir, 'classpath.txt'), 'utf8').trim();
  return { client: `Apache mqadmin ${APACHE_TOOLS_VERSION}`, dir, classpath };
}

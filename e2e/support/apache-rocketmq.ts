import fs from 'node:fs';
import path from 'node:path';
import { buildClasspath, cachedDirectory, hashSources } from './maven';
import { BrokerConfigOverrides, Cluster, ClusterLauncher, startCluster } from './cluster';

/** e2e/apache/pom.xml pins the Apache RocketMQ server release (rocketmq-namesrv + rocketmq-broker). */
const SERVER_POM = path.resolve(__dirname, '..', 'apache', 'pom.xml');

/** Small heaps and a quick JIT: the suites send tens of messages, not millions. */
const SERVER_JVM_OPTIONS = ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:-UsePerfData'];

/** Resolves (downloading once into ~/.m2) the server's runtime classpath; cached per pom content. */
async function serverClasspath(): Promise<string> {
  const hash = hashSources([SERVER_POM], 'apache-server');
  const dir = await cachedDirectory(path.resolve(__dirname, '..', 'apache', 'target', `classpath-${hash}`), (tmpDir) =>
    buildClasspath(SERVER_POM, path.join(tmpDir, 'classpath.txt')),
  );
  return fs.readFileSync(path.join(dir, 'classpath.txt'), 'utf8').trim();
}

/**
 * Runs Apache's NamesrvStartup/BrokerStartup straight from the Maven jars. ROCKETMQ_HOME
 * and user.home point into the work dir, so logs (~/logs/rocketmqlogs) and anything else
 * the servers write by default stay inside it.
 */
function apacheLauncher(classpath: string): ClusterLauncher {
  const java = (mainClass: string, workDir: string, args: readonly string[]) => ({
    command: 'java',
    args: [...SERVER_JVM_OPTIONS, `-Duser.home=${path.join(workDir, 'home')}`, '-cp', classpath, mainClass, ...args],
    env: { ...process.env, ROCKETMQ_HOME: workDir },
  });
  return {
    name: 'apache',
    namesrv: (confFile, workDir) => java('org.apache.rocketmq.namesrv.NamesrvStartup', workDir, ['-c', confFile]),
    broker: (confFile, namesrvAddr, workDir) =>
      java('org.apache.rocketmq.broker.BrokerStartup', workDir, ['-n', namesrvAddr, '-c', confFile]),
  };
}

/** Starts Apache RocketMQ's name server and one broker in `workDir` (must exist and be empty). */
export async function startApacheCluster(workDir: string, brokerOverrides?: BrokerConfigOverrides): Promise<Cluster> {
  return startCluster(apacheLauncher(await serverClasspath()), workDir, brokerOverrides);
}

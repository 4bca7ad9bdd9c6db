import fs from 'node:fs';
import path from 'node:path';
import { allocateClusterPorts, Command, writeProperties } from '../../e2e/support/cluster';
import { freePortWithNeighbours } from '../../e2e/support/free-port';
import { apacheClasspath } from './apache-classpath';
import { ClusterSide, RunningCluster, benchBrokerConfig } from './cluster-side';
import { firstExitReason, startServer, StartedServer, stopAll } from './servers';

const NAMESRV_MAIN = 'org.apache.rocketmq.namesrv.NamesrvStartup';
const BROKER_MAIN = 'org.apache.rocketmq.broker.BrokerStartup';
const PROXY_MAIN = 'org.apache.rocketmq.proxy.ProxyStartup';

/**
 * Small fixed heaps (RocketMQ's scripts ask for 4-8 GiB) and the default G1 with the full
 * JIT: unlike the e2e suites, these JVMs must run at their real speed.
 */
const JVM_OPTIONS = {
  namesrv: ['-Xms256m', '-Xmx256m'],
  broker: ['-Xms1g', '-Xmx1g', '-XX:MaxDirectMemorySize=1g'],
  proxy: ['-Xms512m', '-Xmx512m'],
};

function javaCommand(classpath: string, heap: readonly string[], mainClass: string, workDir: string, args: readonly string[]): Command {
  return {
    command: 'java',
    args: [...heap, '-XX:+UseG1GC', '-XX:-UsePerfData', `-Duser.home=${path.join(workDir, 'home')}`, '-cp', classpath, mainClass, ...args],
    env: { ...process.env, ROCKETMQ_HOME: workDir },
  };
}

/** rmq-proxy.json for the proxy in cluster mode, in front of the side's name server. */
function writeProxyConfig(file: string, namesrvAddr: string, grpcPort: number, remotingPort: number): void {
  const config = { rocketMQClusterName: 'DefaultCluster', namesrvAddr, grpcServerPort: grpcPort, remotingListenPort: remotingPort, proxyMode: 'cluster' };
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

/** Apache RocketMQ 5.5.0's NamesrvStartup + BrokerStartup (+ ProxyStartup for gRPC), run from the Maven Central jars. */
export const apacheSide: ClusterSide = {
  name: 'apache',
  async start({ workDir, flushDiskType, grpc }): Promise<RunningCluster> {
    const classpath = await apacheClasspath();
    const ports = await allocateClusterPorts();
    const namesrvAddr = `127.0.0.1:${ports.namesrv}`;
    const namesrvConf = path.join(workDir, 'namesrv.conf');
    const brokerConf = path.join(workDir, 'broker.conf');
    writeProperties(namesrvConf, { listenPort: ports.namesrv });
    writeProperties(brokerConf, benchBrokerConfig(ports, workDir, flushDiskType));
    const java = (heap: readonly string[], mainClass: string, args: readonly string[]) => javaCommand(classpath, heap, mainClass, workDir, args);

    const servers: StartedServer[] = [];
    try {
      servers.push(await startServer('apache-namesrv', java(JVM_OPTIONS.namesrv, NAMESRV_MAIN, ['-c', namesrvConf]), workDir, ports.namesrv, NAMESRV_MAIN));
      servers.push(await startServer('apache-broker', java(JVM_OPTIONS.broker, BROKER_MAIN, ['-n', namesrvAddr, '-c', brokerConf]), workDir, ports.broker, BROKER_MAIN));
      // Not alongside the broker: the proxy creates its system topics on a registered broker as it boots.
      if (grpc) {
        const proxyConf = path.join(workDir, 'rmq-proxy.json');
        writeProxyConfig(proxyConf, namesrvAddr, ports.grpc, await freePortWithNeighbours([], new Set([ports.grpc])));
        servers.push(await startServer('apache-proxy', java(JVM_OPTIONS.proxy, PROXY_MAIN, ['-pc', proxyConf, '-pm', 'cluster']), workDir, ports.grpc, PROXY_MAIN));
      }
    } catch (err) {
      await stopAll(servers);
      throw err;
    }
    const brokerPid = servers[1]!.pid;
    return {
      side: 'apache',
      namesrvAddr,
      brokerAddr: `127.0.0.1:${ports.broker}`,
      grpcEndpoint: grpc ? `127.0.0.1:${ports.grpc}` : undefined,
      brokerPids: [brokerPid],
      grpcServerPids: grpc ? [brokerPid, servers[2]!.pid] : [brokerPid],
      exitReason: () => firstExitReason(servers),
      stop: () => stopAll(servers),
    };
  },
};

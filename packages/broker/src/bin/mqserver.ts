#!/usr/bin/env node
import path from 'node:path';
import { getLogger, setupLogger } from '@mq/common';
import { formatBrokerStartupConfig, loadBrokerStartupConfig } from '../config/broker-startup-config';
import { startEmbeddedBroker } from '../embedded';
import { parseOptions, runProgram, shutdownOnSignals } from './cli';

const USAGE = `usage: mqserver [-c <broker.conf>] [--namesrv-port 9876] [--broker-port 10911] [--grpc-port 8081] [--store-dir ./data] [-p] [-h]

Runs a name server and a broker registered with it in one process; the broker also serves
the RocketMQ 5 gRPC API.
 -c,--configFile <file>    Broker config properties file (broker.conf keys; flags below win)
 --namesrv-port <port>     Name server port (default 9876; 0 picks a free one)
 --broker-port <port>      Broker port, listenPort (default 10911; 0 picks a free one)
 --grpc-port <port>        gRPC API port, grpcServerPort (default 8081; 0 picks a free one, -1 disables it)
 --store-dir <dir>         storePathRootDir (default ./data)
 -p,--printConfigItem      Print the broker's config items and exit
 -h,--help                 Print help
`;

const OPTION_ALIASES = { c: 'configFile', h: 'help', p: 'printConfigItem' } as const;
const KNOWN_OPTIONS = [...Object.values(OPTION_ALIASES), 'namesrv-port', 'broker-port', 'grpc-port', 'store-dir'];

/** Flags as config keys; `mqserver` advertises 127.0.0.1 and stores under ./data unless told otherwise. */
function configSources(options: ReadonlyMap<string, string>) {
  const defaults: [string, string][] = [
    ['brokerIP1', '127.0.0.1'],
    ['brokerIP2', '127.0.0.1'],
    ['storePathRootDir', path.resolve('data')],
  ];
  const overrides: [string, string][] = [];
  const brokerPort = options.get('broker-port');
  const grpcPort = options.get('grpc-port');
  const storeDir = options.get('store-dir');
  if (brokerPort !== undefined) overrides.push(['listenPort', brokerPort]);
  if (grpcPort !== undefined) overrides.push(['grpcServerPort', grpcPort]);
  if (storeDir !== undefined) overrides.push(['storePathRootDir', path.resolve(storeDir)]);
  return { defaults, overrides, file: options.get('configFile') };
}

function namesrvPort(options: ReadonlyMap<string, string>): number {
  const text = options.get('namesrv-port') ?? '9876';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--namesrv-port: "${text}" is not a port`);
  return port;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), OPTION_ALIASES, KNOWN_OPTIONS);
  if (options.has('help')) {
    process.stdout.write(USAGE);
    return;
  }
  const unknownKeys: string[] = [];
  const config = loadBrokerStartupConfig({ ...configSources(options), onUnknownKey: (key) => unknownKeys.push(key) });
  if (options.has('printConfigItem')) {
    process.stdout.write(formatBrokerStartupConfig(config));
    return;
  }
  setupLogger();
  const log = getLogger('mq');
  for (const key of unknownKeys) log.warn({ key }, `unknown config key ${key} ignored`);
  const running = await startEmbeddedBroker({
    storeDir: config.store.storePathRootDir,
    brokerPort: config.broker.listenPort,
    namesrvPort: namesrvPort(options),
    broker: config.broker,
    store: config.store,
  });
  shutdownOnSignals(() => running.shutdown());
  process.stdout.write(
    `The broker[${running.broker.config.brokerName}, ${running.brokerAddr}] boot success. serializeType=JSON and name server is ${running.namesrvAddr}\n`,
  );
  const grpcPort = running.broker.config.grpcServerPort;
  if (grpcPort >= 0) process.stdout.write(`gRPC API (apache.rocketmq.v2) listening on ${running.broker.config.brokerIP1}:${grpcPort}\n`);
  log.info({ namesrv: running.namesrvAddr, broker: running.brokerAddr, grpcPort, storeDir: config.store.storePathRootDir }, 'mq started');
}

runProgram('mq', USAGE, main);

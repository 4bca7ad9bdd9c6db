#!/usr/bin/env node
import { getLogger, setupLogger } from '@mq/common';
import { MessageStore } from '@mq/store';
import { BrokerController } from '../broker-controller';
import { formatBrokerStartupConfig, loadBrokerStartupConfig } from '../config/broker-startup-config';
import { parseOptions, runProgram, shutdownOnSignals } from './cli';

const USAGE = `usage: mqbroker [-c <file>] [-n <addresses>] [-p] [-h]
 -c,--configFile <file>       Broker config properties file (broker.conf)
 -h,--help                    Print help
 -n,--namesrvAddr <arg>       Name server address list, eg: '192.168.0.1:9876;192.168.0.2:9876'
 -p,--printConfigItem         Print all config items and exit
`;

const OPTION_ALIASES = { c: 'configFile', h: 'help', n: 'namesrvAddr', p: 'printConfigItem' } as const;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), OPTION_ALIASES, Object.values(OPTION_ALIASES));
  if (options.has('help')) {
    process.stdout.write(USAGE);
    return;
  }
  const unknownKeys: string[] = [];
  const namesrvAddr = options.get('namesrvAddr');
  const config = loadBrokerStartupConfig({
    file: options.get('configFile'),
    overrides: namesrvAddr === undefined ? [] : [['namesrvAddr', namesrvAddr]],
    onUnknownKey: (key) => unknownKeys.push(key),
  });
  if (options.has('printConfigItem')) {
    process.stdout.write(formatBrokerStartupConfig(config));
    return;
  }
  setupLogger();
  const log = getLogger('BrokerStartup');
  for (const key of unknownKeys) log.warn({ key }, `unknown config key ${key} ignored`);
  const broker = new BrokerController({ config: config.broker, store: new MessageStore(config.store) });
  shutdownOnSignals(() => broker.shutdown());
  try {
    await broker.start();
  } catch (err) {
    await broker.shutdown();
    throw err;
  }
  const tip = `The broker[${broker.config.brokerName}, ${broker.brokerAddr}] boot success. serializeType=JSON`;
  process.stdout.write(`${tip}${broker.config.namesrvAddr ? ` and name server is ${broker.config.namesrvAddr}` : ''}\n`);
}

runProgram('mqbroker', USAGE, main);

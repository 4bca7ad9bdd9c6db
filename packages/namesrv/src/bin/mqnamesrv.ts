#!/usr/bin/env node
import { getLogger, loadConfig, namesrvConfigSchema, parseCommandLine, setupLogger, type CommandLine, type NamesrvConfig } from '@mq/common';
import { NamesrvConfigStore } from '../config/namesrv-config-store';
import { NamesrvController } from '../namesrv-controller';

const USAGE = `usage: mqnamesrv [-c <file>] [-p] [-h]
 -c,--configFile <file>     Name server config properties file
 -h,--help                  Print help
 -n,--namesrvAddr <arg>     Accepted for compatibility; ignored by the name server
 -p,--printConfigItem       Print all config items and exit
`;

const OPTION_ALIASES = { c: 'configFile', h: 'help', n: 'namesrvAddr', p: 'printConfigItem' } as const;
const KNOWN_OPTIONS: ReadonlySet<string> = new Set(Object.values(OPTION_ALIASES));

/** A command-line mistake: reported with the usage text. */
class UsageError extends Error {}

function parseOptions(argv: readonly string[]): ReadonlyMap<string, string> {
  const { options, positionals } = parseCommandLineOrUsageError(argv);
  const unexpected = [...[...options.keys()].filter((key) => !KNOWN_OPTIONS.has(key)).map((key) => `--${key}`), ...positionals];
  if (unexpected.length > 0) throw new UsageError(`Unrecognized option: ${unexpected.join(' ')}`);
  return options;
}

function parseCommandLineOrUsageError(argv: readonly string[]): CommandLine {
  try {
    return parseCommandLine(argv, OPTION_ALIASES);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * RocketMQ's defaults, then `ROCKETMQ_HOME`, then the `-c` file, whose path becomes
 * `configStorePath` as in Java. Returns the file's keys the schema does not know, to warn about.
 */
function loadNamesrvConfig(configFile: string | undefined): { config: NamesrvConfig; unknownKeys: string[] } {
  const unknownKeys: string[] = [];
  const config = loadConfig(namesrvConfigSchema, { file: configFile, onUnknownKey: (key) => unknownKeys.push(key) });
  if (configFile !== undefined) config.configStorePath = configFile;
  return { config, unknownKeys };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.has('help')) {
    process.stdout.write(USAGE);
    return;
  }
  const { config, unknownKeys } = loadNamesrvConfig(options.get('configFile'));
  if (options.has('printConfigItem')) {
    process.stdout.write(new NamesrvConfigStore(config).format());
    return;
  }
  setupLogger();
  if (unknownKeys.length > 0) getLogger('NamesrvStartup').warn({ keys: unknownKeys }, 'unknown config keys ignored');
  const controller = new NamesrvController(config);
  const port = await controller.start();
  process.stdout.write(`The Name Server boot success. serializeType=JSON, address ${config.bindAddress}:${port}\n`);
  const stop = (): void => {
    void controller.shutdown().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`mqnamesrv: ${err instanceof Error ? err.message : String(err)}\n`);
  if (err instanceof UsageError) process.stderr.write(USAGE);
  process.exit(1);
});

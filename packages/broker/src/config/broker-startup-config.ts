import {
  CommonErrorCode,
  MQError,
  applyConfigValues,
  defaultConfig,
  formatConfig,
  readPropertiesFile,
  type ConfigOf,
  type ConfigSources,
} from '@mq/common';
import { messageStoreConfigSchema as storeConfigSchema, type MessageStoreConfig } from '@mq/store';
import { brokerConfigSchema, type BrokerConfig } from './broker-config';

/** Every key a `broker.conf` may hold: the broker's, its server's and the store's. */
export const brokerStartupConfigSchema = { ...brokerConfigSchema, ...storeConfigSchema };

/** A broker's settings split the way the controller and the store take them. */
export interface BrokerStartupConfig {
  broker: BrokerConfig;
  store: MessageStoreConfig;
}

/** Config sources, plus start-up defaults of the program that sit below the file. */
export interface BrokerConfigSources extends ConfigSources {
  /** Key/value pairs applied over RocketMQ's defaults but under the file (e.g. `mqserver`'s `brokerIP1=127.0.0.1`). */
  defaults?: Iterable<readonly [string, string]>;
}

/**
 * Builds the broker's and the store's config as Java's `BrokerStartup` does: defaults, the
 * environment, the file, then the command-line overrides (`-n`); then its rules: a master's
 * `brokerId` is 0, a slave's must be positive, `haListenPort` is `listenPort + 1` and every
 * `namesrvAddr` entry must be `host:port`.
 * @throws MQError naming the key when a value is invalid.
 */
export function loadBrokerStartupConfig(sources: BrokerConfigSources = {}): BrokerStartupConfig {
  const config = defaultConfig(brokerStartupConfigSchema, sources.env);
  const file = sources.file === undefined ? undefined : readPropertiesFile(sources.file);
  for (const values of [sources.defaults, file, sources.overrides]) {
    if (values !== undefined) applyConfigValues(brokerStartupConfigSchema, config, values, sources.onUnknownKey);
  }
  applyStartupRules(config);
  return splitConfig(config);
}

/** The effective config as `key=value` lines, each ending in `\n` (what `mqbroker -p` prints). */
export function formatBrokerStartupConfig(config: BrokerStartupConfig): string {
  return formatConfig(brokerStartupConfigSchema, { ...config.broker, ...config.store })
    .map((line) => `${line}\n`)
    .join('');
}

type StartupConfig = ConfigOf<typeof brokerStartupConfigSchema>;

function applyStartupRules(config: StartupConfig): void {
  if (config.brokerRole !== 'SLAVE') config.brokerId = 0;
  else if (config.brokerId <= 0) refuse('brokerId', `must be greater than 0 when brokerRole is SLAVE, got ${config.brokerId}`);
  if (config.listenPort !== 0) config.haListenPort = config.listenPort + 1;
  for (const addr of config.namesrvAddr.split(';').filter((a) => a.trim() !== '')) {
    if (!/^[^:\s]+:\d{1,5}$/.test(addr.trim())) {
      refuse('namesrvAddr', `"${addr}" is not host:port; set it as "127.0.0.1:9876;192.168.0.1:9876"`);
    }
  }
}

function refuse(key: string, why: string): never {
  throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `config key ${key}: ${why}`);
}

function splitConfig(config: StartupConfig): BrokerStartupConfig {
  const broker: Record<string, unknown> = {};
  const store: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    (Object.prototype.hasOwnProperty.call(storeConfigSchema, key) ? store : broker)[key] = value;
  }
  return { broker: broker as BrokerConfig, store: store as unknown as MessageStoreConfig };
}

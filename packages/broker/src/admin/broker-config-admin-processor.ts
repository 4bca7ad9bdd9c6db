import { CommonErrorCode, MQError, getLogger, parseConfigValue, parseJavaProperties } from '@mq/common';
import { RemotingCommand } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { brokerStartupConfigSchema, formatBrokerStartupConfig } from '../config/broker-startup-config';
import { DataVersion } from '../persistence/data-version';
import { success } from './admin-response';

const log = getLogger('BrokerConfigAdminProcessor');

/** Java's default `configBlackList`: keys UPDATE_BROKER_CONFIG may never change. */
export const CONFIG_BLACK_LIST: ReadonlySet<string> = new Set(['configBlackList', 'brokerConfigPath']);

/** Keys whose new value only takes effect after a restart: refused rather than silently ignored. */
const RESTART_ONLY_KEYS: ReadonlySet<string> = new Set([
  'listenPort',
  'bindAddress',
  'haListenPort',
  'storePathRootDir',
  'storePathCommitLog',
  'mappedFileSizeCommitLog',
  'mappedFileSizeConsumeQueue',
  'brokerName',
  'brokerClusterName',
  'brokerId',
  'brokerRole',
]);

/** Reacts to a runtime config change, e.g. re-registers after `brokerPermission` changed. */
export type BrokerConfigChangeListener = (changedKeys: readonly string[]) => void;

/** GET_BROKER_CONFIG (26) and UPDATE_BROKER_CONFIG (25) over the live broker and store config. */
export class BrokerConfigAdminProcessor {
  private readonly dataVersion = new DataVersion();

  constructor(
    private readonly ctx: BrokerContext,
    private readonly onChanged: BrokerConfigChangeListener,
  ) {}

  /** Every broker and store key as `key=value\n` lines; ext `version` = the config's DataVersion JSON. */
  brokerConfig(request: RemotingCommand): RemotingCommand {
    const text = formatBrokerStartupConfig({ broker: this.ctx.config, store: this.ctx.store.config });
    const response = success(request, Buffer.from(text, 'utf8'));
    response.extFields = { version: JSON.stringify(this.dataVersion.toJSON()) };
    return response;
  }

  /**
   * Applies `key=value` lines to the running broker. Black-listed keys → NO_PERMISSION;
   * unknown, restart-only or unparsable keys → INVALID_PARAMETER; nothing is applied unless
   * every key is acceptable. Changes live in memory (no config file is rewritten).
   */
  updateBrokerConfig(request: RemotingCommand): RemotingCommand {
    const properties = parseJavaProperties((request.body ?? Buffer.alloc(0)).toString('utf8'));
    if ([...properties.keys()].some((key) => CONFIG_BLACK_LIST.has(key))) {
      throw new MQError(CommonErrorCode.NO_PERMISSION, 'Can not update config in black list.');
    }
    const parsed = [...properties].map(([key, raw]) => [key, this.parse(key, raw)] as const);
    const targets: Record<string, unknown>[] = [this.ctx.config, this.ctx.store.config as unknown as Record<string, unknown>];
    for (const [key, value] of parsed) {
      const target = targets.find((config) => Object.prototype.hasOwnProperty.call(config, key)) ?? targets[0];
      (target as Record<string, unknown>)[key] = value;
    }
    if (parsed.length > 0) {
      this.dataVersion.next();
      log.info({ keys: parsed.map(([key]) => key) }, 'broker config updated');
      this.onChanged(parsed.map(([key]) => key));
    }
    return success(request);
  }

  private parse(key: string, raw: string): unknown {
    const spec = (brokerStartupConfigSchema as Record<string, (typeof brokerStartupConfigSchema)[keyof typeof brokerStartupConfigSchema]>)[key];
    if (!Object.prototype.hasOwnProperty.call(brokerStartupConfigSchema, key) || !spec) {
      throw new MQError(CommonErrorCode.INVALID_PARAMETER, `unknown broker config key: ${key}`);
    }
    if (RESTART_ONLY_KEYS.has(key)) {
      throw new MQError(CommonErrorCode.INVALID_PARAMETER, `broker config key ${key} cannot change at run time; edit broker.conf and restart`);
    }
    try {
      return parseConfigValue(key, spec as Parameters<typeof parseConfigValue>[1], raw);
    } catch (error) {
      throw new MQError(CommonErrorCode.INVALID_PARAMETER, (error as Error).message);
    }
  }
}

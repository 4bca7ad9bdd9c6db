import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  CommonErrorCode,
  MQError,
  applyConfigValues,
  formatConfig,
  getLogger,
  namesrvConfigSchema,
  parseJavaProperties,
  type NamesrvConfig,
} from '@mq/common';
import { ResponseCode } from '@mq/remoting';

/**
 * The live config behind UPDATE_NAMESRV_CONFIG / GET_NAMESRV_CONFIG (RocketMQ's
 * `Configuration`): updates change the running settings and are written to `configStorePath`.
 */
export class NamesrvConfigStore {
  private readonly log = getLogger('NamesrvConfigStore');

  constructor(private readonly config: NamesrvConfig) {}

  /** The effective config as `key=value` lines, each ending in `\n`. */
  format(): string {
    return formatConfig(namesrvConfigSchema, this.config)
      .map((line) => `${line}\n`)
      .join('');
  }

  /**
   * Applies `.properties` text and persists the result. Either every known key is applied or,
   * when one value does not parse, none is. Unknown keys are logged and ignored.
   * @throws MQError NO_PERMISSION when the text names a key of `configBlackList`;
   *   INVALID_PARAMETER naming the key when a value does not parse.
   */
  async update(text: string): Promise<void> {
    const properties = asInvalidParameter(() => parseJavaProperties(text));
    const blocked = this.config.configBlackList.split(';').filter((key) => key !== '' && properties.has(key));
    if (blocked.length > 0) throw new MQError(ResponseCode.NO_PERMISSION, 'Can not update config in black list.');
    Object.assign(this.config, asInvalidParameter(() => this.withApplied(properties)));
    this.log.info({ keys: [...properties.keys()] }, 'name server config updated');
    await this.persist();
  }

  /** A copy of the config with `properties` applied, so a bad value changes nothing. */
  private withApplied(properties: ReadonlyMap<string, string>): NamesrvConfig {
    const updated = { ...this.config };
    applyConfigValues(namesrvConfigSchema, updated, properties, (key) => this.log.warn({ key }, 'unknown name server config key ignored'));
    return updated;
  }

  private async persist(): Promise<void> {
    const path = this.config.configStorePath;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(`${path}.tmp`, this.format(), 'utf8');
      await rename(`${path}.tmp`, path);
    } catch (err) {
      throw new MQError(CommonErrorCode.SYSTEM_ERROR, `config updated but not saved to ${path}: ${String(err)}`, { cause: err });
    }
  }
}

/** Runs `parse`, turning common's client-side parse error into the INVALID_PARAMETER a remote admin gets. */
function asInvalidParameter<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof MQError)) throw err;
    throw new MQError(ResponseCode.INVALID_PARAMETER, err.remark, { cause: err });
  }
}

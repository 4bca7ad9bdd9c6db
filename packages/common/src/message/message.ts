import { CommonErrorCode, MQError } from '../errors';
import { MessageConst, SYSTEM_PROPERTY_NAMES } from './message-const';
import { decodeProperties, encodeProperties, type PropertiesInput } from './properties-codec';

const EMPTY_BODY = Buffer.alloc(0);

/** Optional parts of a new message. */
export interface MessageOptions {
  /** The application's `flag` int (default 0). */
  flag?: number;
  /** The tag (`TAGS`). */
  tags?: string;
  /** Business keys (`KEYS`): one string, space separated, or a list. */
  keys?: string | readonly string[];
  /** Further properties, copied as they are. */
  properties?: PropertiesInput;
}

function parseIntProperty(value: string | undefined): number {
  if (value === undefined) return 0;
  const parsed = Number.parseInt(value, 10);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/**
 * A message as a producer builds it and a broker receives it: topic, flag, properties and
 * body. Properties are kept in a Map (names are arbitrary strings, `__proto__` included).
 * The accessors mirror Java's `Message` getters and setters.
 */
export class Message {
  topic: string;
  flag: number;
  body: Buffer;
  readonly properties: Map<string, string>;
  /** Transaction id the producer attaches locally (Java's `Message.transactionId` field). */
  transactionId: string | undefined;

  constructor(topic = '', body: Buffer = EMPTY_BODY, options: MessageOptions = {}) {
    this.topic = topic;
    this.body = body;
    this.flag = options.flag ?? 0;
    this.properties = new Map();
    if (options.properties) this.putProperties(options.properties);
    if (options.tags) this.tags = options.tags;
    if (options.keys !== undefined) this.keys = options.keys;
  }

  getProperty(name: string): string | undefined {
    return this.properties.get(name);
  }

  /** Sets a property (system or user) without checks; an undefined value removes it. */
  putProperty(name: string, value: string | undefined): void {
    if (value === undefined) this.properties.delete(name);
    else this.properties.set(name, value);
  }

  /** Copies every defined entry of `properties` into this message. */
  putProperties(properties: PropertiesInput): void {
    const entries = properties instanceof Map ? properties.entries() : Object.entries(properties);
    for (const [name, value] of entries) this.putProperty(name, value);
  }

  removeProperty(name: string): void {
    this.properties.delete(name);
  }

  /**
   * Sets an application property. Like Java, refuses reserved names and blank names or values
   * (CLIENT_PARAMETER_CHECK_ERROR).
   */
  putUserProperty(name: string, value: string): void {
    if (SYSTEM_PROPERTY_NAMES.has(name)) {
      throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, `The Property<${name}> is used by system, input another please`);
    }
    if (name.trim() === '' || value.trim() === '') {
      throw new MQError(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR, 'The name or value of property can not be null or blank string!');
    }
    this.properties.set(name, value);
  }

  getUserProperty(name: string): string | undefined {
    return this.properties.get(name);
  }

  /** The properties string of this message (§5.1, with the trailing 0x02). */
  get propertiesString(): string {
    return encodeProperties(this.properties);
  }

  /** Replaces all properties with those parsed from a properties string. */
  set propertiesString(text: string) {
    this.properties.clear();
    for (const [name, value] of decodeProperties(text)) this.properties.set(name, value);
  }

  get tags(): string | undefined {
    return this.properties.get(MessageConst.PROPERTY_TAGS);
  }

  set tags(tags: string | undefined) {
    this.putProperty(MessageConst.PROPERTY_TAGS, tags);
  }

  /** `KEYS` as stored: several keys separated by single spaces. */
  get keys(): string | undefined {
    return this.properties.get(MessageConst.PROPERTY_KEYS);
  }

  set keys(keys: string | readonly string[] | undefined) {
    this.putProperty(MessageConst.PROPERTY_KEYS, typeof keys === 'string' || keys === undefined ? keys : keys.join(MessageConst.KEY_SEPARATOR));
  }

  /** The individual business keys (`KEYS` split on spaces, empty parts dropped). */
  get keyList(): string[] {
    return (this.keys ?? '').split(MessageConst.KEY_SEPARATOR).filter((key) => key !== '');
  }

  /** Delay level (`DELAY`); 0 when absent. */
  get delayTimeLevel(): number {
    return parseIntProperty(this.properties.get(MessageConst.PROPERTY_DELAY_TIME_LEVEL));
  }

  set delayTimeLevel(level: number) {
    this.properties.set(MessageConst.PROPERTY_DELAY_TIME_LEVEL, String(level));
  }

  /** `WAIT`: true when absent, like Java (a Java producer always sends it). */
  get waitStoreMsgOK(): boolean {
    const value = this.properties.get(MessageConst.PROPERTY_WAIT_STORE_MSG_OK);
    return value === undefined || value.toLowerCase() === 'true';
  }

  set waitStoreMsgOK(wait: boolean) {
    this.properties.set(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, String(wait));
  }

  /** 5.x timer message: absolute delivery time in ms (`TIMER_DELIVER_MS`); 0 when absent. */
  get deliverTimeMs(): number {
    return parseIntProperty(this.properties.get(MessageConst.PROPERTY_TIMER_DELIVER_MS));
  }

  set deliverTimeMs(timeMs: number) {
    this.properties.set(MessageConst.PROPERTY_TIMER_DELIVER_MS, String(timeMs));
  }

  /** 5.x timer message: relative delay in seconds (`TIMER_DELAY_SEC`); 0 when absent. */
  get delayTimeSec(): number {
    return parseIntProperty(this.properties.get(MessageConst.PROPERTY_TIMER_DELAY_SEC));
  }

  set delayTimeSec(seconds: number) {
    this.properties.set(MessageConst.PROPERTY_TIMER_DELAY_SEC, String(seconds));
  }

  /** 5.x timer message: relative delay in ms (`TIMER_DELAY_MS`); 0 when absent. */
  get delayTimeMs(): number {
    return parseIntProperty(this.properties.get(MessageConst.PROPERTY_TIMER_DELAY_MS));
  }

  set delayTimeMs(ms: number) {
    this.properties.set(MessageConst.PROPERTY_TIMER_DELAY_MS, String(ms));
  }

  /** The client-side unique id (`UNIQ_KEY`, §5.6). */
  get uniqKey(): string | undefined {
    return this.properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
  }

  set uniqKey(id: string | undefined) {
    this.putProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, id);
  }

  /** Producer group (`PGROUP`), required on transactional half messages. */
  get producerGroup(): string | undefined {
    return this.properties.get(MessageConst.PROPERTY_PRODUCER_GROUP);
  }

  set producerGroup(group: string | undefined) {
    this.putProperty(MessageConst.PROPERTY_PRODUCER_GROUP, group);
  }

  /** Ordered-message sharding key (`__SHARDINGKEY`). */
  get shardingKey(): string | undefined {
    return this.properties.get(MessageConst.PROPERTY_SHARDING_KEY);
  }

  set shardingKey(key: string | undefined) {
    this.putProperty(MessageConst.PROPERTY_SHARDING_KEY, key);
  }

  /** True for a transactional half message (`TRAN_MSG=true`). */
  get transactionPrepared(): boolean {
    return this.properties.get(MessageConst.PROPERTY_TRANSACTION_PREPARED)?.toLowerCase() === 'true';
  }
}

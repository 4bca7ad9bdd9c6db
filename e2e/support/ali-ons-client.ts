/**
 * Typed access to `ali-ons` (an untyped CommonJS package): a third-party JS remoting client
 * for RocketMQ, pointed at a plain name server instead of Aliyun's address service.
 */

/** An ali-ons message: what the producer sends and the consumer hands to its handler. */
export interface AliOnsMessage {
  topic: string;
  tags: string;
  keys: string[];
  body: Buffer;
  msgId: string;
  queueId: number;
  queueOffset: number;
  /** Routes every message with the same key to the same queue (ali-ons' queue selector). */
  shardingKey?: string;
}

/** What `AliOnsProducer.send` resolves to. */
export interface AliOnsSendResult {
  sendStatus: string;
  msgId: string;
  messageQueue: { topic: string; brokerName: string; queueId: number };
  queueOffset: number;
}

interface AliOnsClient {
  ready(): Promise<void>;
  close(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
}

/** ali-ons' producer (sync send only). */
export interface AliOnsProducer extends AliOnsClient {
  send(message: AliOnsMessage): Promise<AliOnsSendResult>;
}

/** ali-ons' push consumer: one handler per topic; the handler may not be a plain function. */
export interface AliOnsConsumer extends AliOnsClient {
  subscribe(topic: string, expression: string, handler: (message: AliOnsMessage) => Promise<void>): void;
}

interface AliOnsModule {
  Producer: {
    new (options: Record<string, unknown>): AliOnsProducer;
    /** The process-wide producer ali-ons creates for consumer retries; only `closeAliOns` ends it. */
    defaultProducer?: AliOnsProducer;
  };
  Consumer: new (options: Record<string, unknown>) => AliOnsConsumer;
  Message: new (topic: string, tags: string, body: string | Buffer) => AliOnsMessage;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const aliOns = require('ali-ons') as AliOnsModule;

const QUIET_LOGGER = { info() {}, debug() {}, warn() {}, error() {} };

/**
 * Options shared by producers and consumers: `nameSrv` replaces the Aliyun address lookup, so the
 * mandatory `httpclient` must never be called; no access key means no request signing. Short
 * route, heartbeat, rebalance and offset-persist intervals keep the scenarios quick.
 */
function commonOptions(namesrvAddr: string, instanceName: string): Record<string, unknown> {
  return {
    nameSrv: namesrvAddr,
    httpclient: {
      request: () => Promise.reject(new Error('ali-ons asked for an Aliyun name server address although nameSrv is set')),
    },
    instanceName,
    logger: QUIET_LOGGER,
    pollNameServerInteval: 1000,
    heartbeatBrokerInterval: 1000,
    rebalanceInterval: 1000,
    persistConsumerOffsetInterval: 1000,
  };
}

/** A started-on-`ready()` ali-ons producer; `instanceName` gives it its own connection set. */
export function aliOnsProducer(namesrvAddr: string, producerGroup: string, instanceName: string): AliOnsProducer {
  return new aliOns.Producer({ ...commonOptions(namesrvAddr, instanceName), producerGroup });
}

/** An ali-ons push consumer reading new groups from the first offset (committed offsets win). */
export function aliOnsConsumer(namesrvAddr: string, consumerGroup: string, instanceName: string, broadcast = false): AliOnsConsumer {
  return new aliOns.Consumer({
    ...commonOptions(namesrvAddr, instanceName),
    consumerGroup,
    isBroadcast: broadcast,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    brokerSuspendMaxTimeMillis: 1000,
    pullTimeDelayMillsWhenException: 200,
  });
}

/** An ali-ons message with a tag, optional keys and an optional sharding key. */
export function aliOnsMessage(topic: string, tag: string, body: string, options: { keys?: string[]; shardingKey?: string } = {}): AliOnsMessage {
  const message = new aliOns.Message(topic, tag, body);
  if (options.keys) message.keys = options.keys;
  if (options.shardingKey) message.shardingKey = options.shardingKey;
  return message;
}

/**
 * Closes the process-wide producer ali-ons starts beside the first producer or consumer (its
 * scheduled tasks would otherwise keep running, and fail, once the servers are gone).
 * Call after every ali-ons producer and consumer is closed.
 */
export async function closeAliOns(): Promise<void> {
  const shared = aliOns.Producer.defaultProducer;
  aliOns.Producer.defaultProducer = undefined;
  await shared?.close();
}

import { startNamesrv, type NamesrvController } from '@mq/namesrv';
import { MessageStore, type MessageStoreConfig } from '@mq/store';
import { BrokerController } from './broker-controller';
import { defaultBrokerConfig, type BrokerConfig } from './config/broker-config';

/** Where and how to run an embedded broker. */
export interface EmbeddedBrokerOptions {
  /** `storePathRootDir`. */
  storeDir: string;
  /** Broker port; 0 (default) picks a free one. */
  brokerPort?: number;
  /** Name-server port; 0 (default) picks a free one; `false` runs no name server. */
  namesrvPort?: number | false;
  /** Broker settings over the defaults (brokerIP1 defaults to 127.0.0.1 here; an embedded name server replaces `namesrvAddr`). */
  broker?: Partial<BrokerConfig>;
  /** Store settings over the defaults. */
  store?: Partial<MessageStoreConfig>;
}

/** A running embedded broker (and name server). */
export interface EmbeddedBroker {
  readonly broker: BrokerController;
  readonly namesrv: NamesrvController | undefined;
  /** `127.0.0.1:<port>` of the broker. */
  readonly brokerAddr: string;
  /** `127.0.0.1:<port>` of the name server, when one runs. */
  readonly namesrvAddr: string | undefined;
  /** Stops the broker, then the name server. Idempotent. */
  shutdown(): Promise<void>;
}

/**
 * Starts a name server (unless disabled) and a broker registered with it, in this process:
 * for tests and the all-in-one `mqserver`.
 */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const namesrv = options.namesrvPort === false ? undefined : await startNamesrv({ listenPort: options.namesrvPort ?? 0 });
  const namesrvAddr = namesrv ? `127.0.0.1:${namesrv.port}` : undefined;
  const config: BrokerConfig = {
    ...defaultBrokerConfig(),
    brokerIP1: '127.0.0.1',
    brokerIP2: '127.0.0.1',
    ...options.broker,
    namesrvAddr: namesrvAddr ?? options.broker?.namesrvAddr ?? '',
    listenPort: options.brokerPort ?? 0,
    grpcServerPort: options.broker?.grpcServerPort ?? 0,
  };
  const store = new MessageStore({ ...options.store, storePathRootDir: options.storeDir });
  const broker = new BrokerController({ config, store });
  try {
    await broker.start();
  } catch (error) {
    await broker.shutdown();
    await namesrv?.shutdown();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    broker,
    namesrv,
    brokerAddr: `127.0.0.1:${broker.port}`,
    namesrvAddr,
    shutdown: () => (stopped ??= broker.shutdown().then(() => namesrv?.shutdown())),
  };
}

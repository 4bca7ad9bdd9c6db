import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedBroker, type BrokerConfig, type EmbeddedBroker } from '@mq/broker';

/** The official Node client logs through egg-logger by default; this keeps test output clean. */
export const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/** An embedded broker (with its gRPC proxy) shared by the tests of one file. */
export interface GrpcBrokerFixture {
  readonly embedded: EmbeddedBroker;
  /** `127.0.0.1:<port>` of the gRPC proxy, as the official client's `endpoints`. */
  readonly endpoints: string;
  /** Clean-ups of the current test, run in reverse order after it. */
  readonly closers: (() => Promise<unknown>)[];
  /** Creates `topic` (read-write) with its `message.type` attribute. */
  createTopic(topic: string, messageType?: string, queues?: number): void;
}

/**
 * Registers the jest hooks of a gRPC test file: an embedded broker over a temp store
 * (`dirPrefix`) before all tests, removed after them, the closers run after each test.
 * `embedded` and `endpoints` are readable once `beforeAll` has run.
 */
export function useGrpcBroker(dirPrefix: string, broker: Partial<BrokerConfig>): GrpcBrokerFixture {
  let dir: string | undefined;
  let embedded: EmbeddedBroker | undefined;
  const closers: (() => Promise<unknown>)[] = [];
  const started = (): EmbeddedBroker => {
    if (!embedded) throw new Error('the embedded broker is used before beforeAll started it');
    return embedded;
  };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), dirPrefix));
    embedded = await startEmbeddedBroker({ storeDir: dir, broker });
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await embedded?.shutdown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get embedded() {
      return started();
    },
    get endpoints() {
      return `127.0.0.1:${started().broker.grpcProxy!.port}`;
    },
    closers,
    createTopic(topic, messageType = 'NORMAL', queues = 4) {
      const manager = started().broker.topicConfigManager;
      const config = manager.createTopicIfAbsent(topic, queues, 6);
      manager.updateTopicConfig({ ...config, attributes: { ...config.attributes, 'message.type': messageType } });
    },
  };
}

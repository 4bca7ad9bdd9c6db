import { Producer } from '../../src';
import { startTestCluster, TEST_REQUEST_TIMEOUT_MS, type TestCluster } from './embedded-cluster';

/** What a consumer integration test file shares: one cluster, one started producer, and the consumers its tests create. */
export interface ConsumerTestFixture<C> {
  readonly cluster: TestCluster;
  readonly producer: Producer;
  /** Consumers shut down after each test; tests push what they create. */
  readonly consumers: C[];
}

/**
 * Registers the jest hooks of a consumer test file: a cluster and a producer of
 * `producerGroup` before all tests (stopped after them), the tracked consumers shut down
 * after each test. `cluster` and `producer` are readable once `beforeAll` has run.
 */
export function useConsumerTestFixture<C extends { shutdown(): Promise<void> }>(producerGroup: string): ConsumerTestFixture<C> {
  let cluster: TestCluster | undefined;
  let producer: Producer | undefined;
  const consumers: C[] = [];
  beforeAll(async () => {
    cluster = await startTestCluster();
    producer = new Producer({ namesrvAddr: cluster.namesrvAddr, group: producerGroup, requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
    await producer.start();
  });
  afterAll(async () => {
    await producer?.shutdown();
    await cluster?.stop();
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.shutdown()));
  });
  return {
    get cluster() {
      return started(cluster, 'cluster');
    },
    get producer() {
      return started(producer, 'producer');
    },
    consumers,
  };
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the test ${what} is used before beforeAll started it`);
  return value;
}

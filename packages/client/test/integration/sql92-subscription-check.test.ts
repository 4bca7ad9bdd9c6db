import { MQError, Message, type MessageExt } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import { Producer, PushConsumer } from '../../src';
import { startTestCluster, TEST_REQUEST_TIMEOUT_MS, waitFor, type TestCluster } from '../support/embedded-cluster';

const TOPIC = 'SqlCheckTopic';

describe('PushConsumer.start() checks SQL92 subscriptions with the broker (CHECK_CLIENT_CONFIG)', () => {
  let cluster: TestCluster;
  let producer: Producer;
  const consumers: PushConsumer[] = [];

  function sqlConsumer(group: string, topic: string, expression: string, received: MessageExt[] = []): PushConsumer {
    const consumer = new PushConsumer({
      namesrvAddr: cluster.namesrvAddr,
      group,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      rebalanceIntervalMs: 300,
      brokerSuspendMaxTimeMs: 1000,
      requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
    });
    consumers.push(consumer);
    consumer.subscribe(topic, expression, 'SQL92');
    consumer.registerMessageListener((messages) => {
      received.push(...messages);
      return 'CONSUME_SUCCESS';
    });
    return consumer;
  }

  beforeAll(async () => {
    cluster = await startTestCluster({ enablePropertyFilter: true });
    producer = new Producer({ namesrvAddr: cluster.namesrvAddr, group: 'PG_SQL_CHECK', requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
    await producer.start();
    for (const a of ['3', '7']) {
      const message = new Message(TOPIC, Buffer.from(`a=${a}`));
      message.putUserProperty('a', a);
      await producer.send(message);
    }
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.shutdown();
    await producer.shutdown();
    await cluster.stop();
  });

  it('fails with SUBSCRIPTION_PARSE_FAILED when the expression does not compile, and leaves the group free', async () => {
    const failed = await sqlConsumer('CG_SQL_CHECK', TOPIC, "'axb' contains ").start().catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(MQError);
    expect((failed as MQError).code).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);

    const received: MessageExt[] = [];
    await sqlConsumer('CG_SQL_CHECK', TOPIC, 'a > 5', received).start();
    await waitFor(() => received.length > 0, 10_000, 'the matching message');
    expect(received.map((m) => m.body.toString())).toEqual(['a=7']);
  }, 30_000);

  it('skips the check, as Java does, for a topic no broker serves yet', async () => {
    await expect(sqlConsumer('CG_SQL_UNROUTED', 'SqlCheckUnroutedTopic', "'axb' contains ").start()).resolves.toBeUndefined();
  }, 30_000);
});

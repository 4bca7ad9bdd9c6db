import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeBatchBody, Message } from '@mq/common';
import { RemotingClient, RemotingCommand, RequestCode, ResponseCode, SendMessageRequestHeaderV2 } from '@mq/remoting';
import { defaultBrokerConfig } from '../../src/config/broker-config';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { startUpTopics } from '../../src/topic/system-topics';
import { pullOnce } from '../support/pull-once';

describe('message trace topic at start (traceTopicEnable / msgTraceTopicName)', () => {
  it('is not created by default', () => {
    expect(startUpTopics(defaultBrokerConfig()).map((topic) => topic.topicName)).not.toContain('RMQ_SYS_TRACE_TOPIC');
  });

  it('is created as RMQ_SYS_TRACE_TOPIC with 1/1 queues and perm 6 when enabled', () => {
    const trace = startUpTopics({ ...defaultBrokerConfig(), traceTopicEnable: true }).find((topic) => topic.topicName === 'RMQ_SYS_TRACE_TOPIC');
    expect(trace).toMatchObject({ readQueueNums: 1, writeQueueNums: 1, perm: 6 });
  });

  it('takes its name from msgTraceTopicName', () => {
    const names = startUpTopics({ ...defaultBrokerConfig(), traceTopicEnable: true, msgTraceTopicName: 'MyTrace' }).map((topic) => topic.topicName);
    expect(names).toContain('MyTrace');
    expect(names).not.toContain('RMQ_SYS_TRACE_TOPIC');
  });
});

describe('trace switches on stored messages', () => {
  let dir: string;
  let embedded: EmbeddedBroker;
  let client: RemotingClient;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'broker-trace-'));
    client = new RemotingClient();
    embedded = await startEmbeddedBroker({
      storeDir: dir,
      namesrvPort: false,
      broker: { brokerName: 'broker-a', traceTopicEnable: true, regionId: 'EastRegion', traceOn: false },
    });
  });

  afterAll(async () => {
    await client.shutdown();
    await embedded.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  async function send(topic: string, body: Buffer, batch: boolean): Promise<RemotingCommand> {
    const header = SendMessageRequestHeaderV2.encode({
      producerGroup: 'PG', topic, defaultTopic: 'TBW102', defaultTopicQueueNums: 4, queueId: 0, sysFlag: 0,
      bornTimestamp: Date.now(), flag: 0, properties: 'TAGS\u0001A\u0002', batch,
    });
    const code = batch ? RequestCode.SEND_BATCH_MESSAGE : RequestCode.SEND_MESSAGE_V2;
    return client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(code, header, body), 5000);
  }

  it('serves the trace topic to senders', async () => {
    const response = await send('RMQ_SYS_TRACE_TOPIC', Buffer.from('Pub\u0001...'), false);
    expect(response.code).toBe(ResponseCode.SUCCESS);
  });

  it('stores MSG_REGION and TRACE_ON on single and batched messages, as consumers trace by them', async () => {
    expect((await send('Traced', Buffer.from('one'), false)).code).toBe(ResponseCode.SUCCESS);
    const batch = encodeBatchBody([new Message('Traced', Buffer.from('two')), new Message('Traced', Buffer.from('three'))]);
    expect((await send('Traced', batch, true)).code).toBe(ResponseCode.SUCCESS);
    const stored = await pullOnce(client, embedded.brokerAddr, { consumerGroup: 'CG', topic: 'Traced', queueId: 0, queueOffset: 0 });
    expect(stored).toHaveLength(3);
    for (const message of stored) {
      expect(message.getProperty('MSG_REGION')).toBe('EastRegion');
      expect(message.getProperty('TRACE_ON')).toBe('false');
    }
  });
});

import { Message, MessageQueue } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import { Admin, Producer, type SendResult } from '../../src';
import { startTestCluster, TEST_REQUEST_TIMEOUT_MS, type TestCluster } from '../support/embedded-cluster';

let cluster: TestCluster;
let producer: Producer;
let admin: Admin;
let sent: SendResult;

beforeAll(async () => {
  cluster = await startTestCluster();
  producer = new Producer({ namesrvAddr: cluster.namesrvAddr, group: 'PG_ADMIN', requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
  await producer.start();
  admin = new Admin({ namesrvAddr: cluster.namesrvAddr, requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
  await admin.start();
  sent = await producer.send(new Message('AdminTopic', Buffer.from('find me'), { keys: ['order-42'], tags: 'T' }));
});
afterAll(async () => {
  await admin.shutdown();
  await producer.shutdown();
  await cluster.stop();
});

describe('Admin against the embedded name server and broker', () => {
  it('reads the cluster, the topic list and a topic route from the name server', async () => {
    const info = await admin.clusterInfo();
    const [clusterName, brokerNames] = Object.entries(info.clusterAddrTable as Record<string, string[]>)[0]!;
    expect(brokerNames).toEqual(['broker-a']);
    const masters = await admin.clusterMasters(clusterName);
    expect(masters).toHaveLength(1);
    expect(await admin.topicList()).toContain('AdminTopic');
    const route = await admin.topicRoute('AdminTopic');
    expect(route.brokerDatas.map((broker) => broker.brokerName)).toEqual(['broker-a']);
    await expect(admin.topicRoute('NoSuchAdminTopic')).rejects.toMatchObject({ code: ResponseCode.TOPIC_NOT_EXIST });
    await expect(admin.clusterMasters('NoSuchCluster')).rejects.toThrow(/not exist/);
  });

  it('finds a message by key, by offsetMsgId, by unique key and by queue offset', async () => {
    const byKey = await admin.queryMessageByKey('AdminTopic', 'order-42');
    expect(byKey.map((message) => message.body.toString())).toEqual(['find me']);
    const byOffsetId = await admin.viewMessage(sent.offsetMsgId);
    expect(byOffsetId.body.toString()).toBe('find me');
    const byUniqKey = await admin.queryMessageById('AdminTopic', sent.msgId);
    expect(byUniqKey.queueOffset).toBe(sent.queueOffset);
    const byOffset = await admin.queryMessageByOffset(sent.messageQueue, sent.queueOffset);
    expect(byOffset?.body.toString()).toBe('find me');
    expect(await admin.queryMessageByKey('AdminTopic', 'no-such-key')).toEqual([]);
    await expect(admin.queryMessageByOffset(new MessageQueue('AdminTopic', 'broker-a', sent.messageQueue.queueId), sent.queueOffset + 100)).resolves.toBeUndefined();
  });
});

import { Message, type MessageExt } from '@mq/common';
import { Admin, LitePullConsumer, Producer, PushConsumer, TransactionProducer, decodeTraceData, traceViewsOf, type TraceContext } from '../../src';
import { startTestCluster, waitFor, type TestCluster } from '../support/embedded-cluster';

let cluster: TestCluster;
let admin: Admin;

beforeAll(async () => {
  cluster = await startTestCluster({ traceTopicEnable: true });
  admin = new Admin({ namesrvAddr: cluster.namesrvAddr });
  await admin.start();
  await admin.createTopic(cluster.broker.brokerAddr, { topic: 'TraceOrders', readQueueNums: 2, writeQueueNums: 2 });
});

afterAll(async () => {
  await admin.shutdown();
  await cluster.stop();
});

/** Every record about `msgId` in the trace topic, found the way mqadmin queryMsgTraceById finds them. */
async function traceRecords(msgId: string, traceTopic = 'RMQ_SYS_TRACE_TOPIC'): Promise<TraceContext[]> {
  const messages = await admin.queryMessageByKey(traceTopic, msgId);
  return messages.flatMap((message) => decodeTraceData(message.body.toString('utf8'))).filter((context) => context.traceBeans.some((bean) => bean.msgId === msgId));
}

async function waitForTypes(msgId: string, types: string[], traceTopic?: string): Promise<TraceContext[]> {
  let records: TraceContext[] = [];
  await waitFor(async () => {
    records = await traceRecords(msgId, traceTopic);
    return types.every((type) => records.some((record) => record.traceType === type));
  }, 15_000, `trace records ${types.join(', ')} of ${msgId}`);
  return records;
}

it('records Pub, SubBefore and SubAfter of a produced and consumed message', async () => {
  const producer = new Producer({ namesrvAddr: cluster.namesrvAddr, group: 'TracePG', enableTrace: true });
  const consumer = new PushConsumer({ namesrvAddr: cluster.namesrvAddr, group: 'TraceCG', enableTrace: true, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
  const consumed: MessageExt[] = [];
  consumer.subscribe('TraceOrders', '*');
  consumer.registerMessageListener((messages) => {
    consumed.push(...messages);
    return 'CONSUME_SUCCESS';
  });
  await producer.start();
  await consumer.start();
  const sent = await producer.send(new Message('TraceOrders', Buffer.from('traced body'), { tags: 'TagA', keys: 'order-42' }));
  await waitFor(() => consumed.some((message) => message.msgId === sent.msgId), 15_000, 'consumption');
  await producer.shutdown();
  await consumer.shutdown();

  const records = await waitForTypes(sent.msgId, ['Pub', 'SubBefore', 'SubAfter']);
  const pub = records.find((record) => record.traceType === 'Pub')!;
  expect(pub).toMatchObject({ groupName: 'TracePG', regionId: 'DefaultRegion', success: true });
  expect(pub.traceBeans[0]).toMatchObject({ topic: 'TraceOrders', tags: 'TagA', keys: 'order-42', offsetMsgId: sent.offsetMsgId, bodyLength: 11, msgType: 0 });
  const before = records.find((record) => record.traceType === 'SubBefore')!;
  const after = records.find((record) => record.traceType === 'SubAfter')!;
  expect(before).toMatchObject({ groupName: 'TraceCG', regionId: 'DefaultRegion' });
  expect(after).toMatchObject({ groupName: 'TraceCG', requestId: before.requestId, success: true, contextCode: 0 });
  expect(after.timeStamp).toBeGreaterThanOrEqual(before.timeStamp);

  const business = await admin.queryMessageByKey('RMQ_SYS_TRACE_TOPIC', 'order-42');
  expect(business.length).toBeGreaterThan(0);
  const [traceMessage] = await admin.queryMessageByKey('RMQ_SYS_TRACE_TOPIC', sent.msgId);
  expect(traceViewsOf(sent.msgId, traceMessage!).every((view) => view.msgId === sent.msgId)).toBe(true);
});

it('records a failed consumption as SubAfter with success false and context code FAILED', async () => {
  const producer = new Producer({ namesrvAddr: cluster.namesrvAddr, group: 'TraceFailPG', enableTrace: true, customizedTraceTopic: 'TraceOrdersTrace' });
  await admin.createTopic(cluster.broker.brokerAddr, { topic: 'TraceOrdersTrace', readQueueNums: 1, writeQueueNums: 1 });
  const consumer = new PushConsumer({
    namesrvAddr: cluster.namesrvAddr, group: 'TraceFailCG', enableTrace: true, customizedTraceTopic: 'TraceOrdersTrace', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
  });
  let calls = 0;
  consumer.subscribe('TraceOrders', 'Fail');
  consumer.registerMessageListener(() => (++calls === 1 ? 'RECONSUME_LATER' : 'CONSUME_SUCCESS'));
  await producer.start();
  await consumer.start();
  const sent = await producer.send(new Message('TraceOrders', Buffer.from('x'), { tags: 'Fail' }));
  await waitFor(() => calls >= 1, 15_000, 'first consumption');
  await consumer.shutdown();
  await producer.shutdown();
  const records = await waitForTypes(sent.msgId, ['Pub', 'SubAfter'], 'TraceOrdersTrace');
  expect(records.find((record) => record.traceType === 'SubAfter')).toMatchObject({ success: false, contextCode: 4 });
  expect(await traceRecords(sent.msgId)).toEqual([]);
});

it('records EndTransaction for a committed half message, and lite pull consumption', async () => {
  const producer = new TransactionProducer({
    namesrvAddr: cluster.namesrvAddr, group: 'TraceTxPG', enableTrace: true,
    transactionListener: { executeLocalTransaction: () => 'COMMIT_MESSAGE', checkLocalTransaction: () => 'COMMIT_MESSAGE' },
  });
  const consumer = new LitePullConsumer({ namesrvAddr: cluster.namesrvAddr, group: 'TraceLiteCG', enableTrace: true, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
  consumer.subscribe('TraceOrders', 'Tx');
  await producer.start();
  await consumer.start();
  const sent = await producer.sendMessageInTransaction(new Message('TraceOrders', Buffer.from('tx'), { tags: 'Tx', keys: 'tx-1' }), undefined);
  const polled: MessageExt[] = [];
  await waitFor(async () => {
    polled.push(...(await consumer.poll(200)));
    return polled.some((message) => message.msgId === sent.msgId);
  }, 15_000, 'the committed message');
  await consumer.shutdown();
  await producer.shutdown();
  const records = await waitForTypes(sent.msgId, ['Pub', 'EndTransaction', 'SubBefore', 'SubAfter']);
  expect(records.find((record) => record.traceType === 'Pub')!.traceBeans[0]).toMatchObject({ msgType: 1 });
  expect(records.find((record) => record.traceType === 'EndTransaction')!.traceBeans[0]).toMatchObject({
    msgType: 2, transactionState: 'COMMIT_MESSAGE', fromTransactionCheck: false, transactionId: sent.msgId, keys: 'tx-1',
  });
  expect(records.find((record) => record.traceType === 'SubAfter')).toMatchObject({ groupName: 'TraceLiteCG', success: true });
});

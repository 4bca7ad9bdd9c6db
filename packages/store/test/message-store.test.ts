import { decodeStoredRecords, javaStringHashCode } from '@mq/common';
import { GetMessageStatus, PutMessageStatus, tagFilter, type MessageStore } from '../src';
import { brokerMessage, openStore, removeDir, tempDir } from './support/store-fixture';

describe('MessageStore put and get', () => {
  let dir: string;
  let store: MessageStore;

  beforeEach(async () => {
    dir = tempDir();
    store = await openStore(dir);
  });

  afterEach(async () => {
    await store.shutdown();
    removeDir(dir);
  });

  it('assigns physical offsets, queue offsets and store time, and reads the records back', async () => {
    const first = await store.putMessage(brokerMessage('T', 0, 'hello', { tags: 'A' }));
    const second = await store.putMessage(brokerMessage('T', 0, 'world'));
    expect(first.putMessageStatus).toBe(PutMessageStatus.PUT_OK);
    expect(first.appendMessageResult).toMatchObject({ wroteOffset: 0, logicsOffset: 0, msgNum: 1 });
    expect(second.appendMessageResult).toMatchObject({ wroteOffset: first.appendMessageResult!.wroteBytes, logicsOffset: 1 });
    expect(first.appendMessageResult!.msgId).toBe('7F00000100002A9F0000000000000000');

    const got = await store.getMessage('G', 'T', 0, 0, 32, 1 << 20);
    expect(got.status).toBe(GetMessageStatus.FOUND);
    expect(got).toMatchObject({ nextBeginOffset: 2, minOffset: 0, maxOffset: 2 });
    const messages = decodeStoredRecords(Buffer.concat(got.messageBufferList), { checkCRC: true });
    expect(messages.map((m) => m.body.toString())).toEqual(['hello', 'world']);
    expect(messages[0].queueOffset).toBe(0);
    expect(messages[1].commitLogOffset).toBe(second.appendMessageResult!.wroteOffset);
    expect(messages[0].storeTimestamp).toBe(first.appendMessageResult!.storeTimestamp);
    expect(store.getMaxOffsetInQueue('T', 0)).toBe(2);
    expect(store.getMinOffsetInQueue('T', 0)).toBe(0);
    expect(await store.getCommitLogOffsetInQueue('T', 0, 1)).toBe(second.appendMessageResult!.wroteOffset);
  });

  it('reports the getMessage statuses of spec §3.5', async () => {
    expect((await store.getMessage('G', 'none', 0, 0, 32, 1 << 20)).status).toBe(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE);
    for (let i = 0; i < 3; i++) await store.putMessage(brokerMessage('T', 1, `m${i}`, { tags: i === 1 ? 'B' : 'A' }));
    expect(await store.getMessage('G', 'T', 1, 3, 32, 1 << 20)).toMatchObject({ status: GetMessageStatus.OFFSET_OVERFLOW_ONE, nextBeginOffset: 3 });
    expect(await store.getMessage('G', 'T', 1, 9, 32, 1 << 20)).toMatchObject({ status: GetMessageStatus.OFFSET_OVERFLOW_BADLY, nextBeginOffset: 3 });
    const onlyB = await store.getMessage('G', 'T', 1, 0, 32, 1 << 20, tagFilter('B'));
    expect(onlyB.messageBufferList).toHaveLength(1);
    expect(onlyB.messageQueueOffsets).toEqual([1]);
    const none = await store.getMessage('G', 'T', 1, 2, 32, 1 << 20, tagFilter('B'));
    expect(none).toMatchObject({ status: GetMessageStatus.NO_MATCHED_MESSAGE, nextBeginOffset: 3 });
    const both = await store.getMessage('G', 'T', 1, 0, 32, 1 << 20, tagFilter('A || B'));
    expect(both.messageBufferList).toHaveLength(3);
    expect((await store.getMessage('G', 'T', 1, 0, 2, 1 << 20)).messageBufferList).toHaveLength(2);
  });

  it('rejects illegal messages with RocketMQ statuses', async () => {
    const big = await store.putMessage(brokerMessage('T', 0, Buffer.alloc(store.config.maxMessageSize + 1)));
    expect(big.putMessageStatus).toBe(PutMessageStatus.MESSAGE_ILLEGAL);
    const longTopic = await store.putMessage(brokerMessage('x'.repeat(128), 0, 'a'));
    expect(longTopic.putMessageStatus).toBe(PutMessageStatus.MESSAGE_ILLEGAL);
    const props = brokerMessage('T', 0, 'a');
    props.putProperty('big', 'v'.repeat(40000));
    expect((await store.putMessage(props)).putMessageStatus).toBe(PutMessageStatus.PROPERTIES_SIZE_EXCEEDED);
  });

  it('stores a batch with consecutive queue offsets and comma-joined ids', async () => {
    await store.putMessage(brokerMessage('B', 2, 'before'));
    const batch = [0, 1, 2].map((i) => brokerMessage('B', 2, `b${i}`, { keys: `k${i}` }));
    const result = await store.putMessages(batch);
    expect(result.putMessageStatus).toBe(PutMessageStatus.PUT_OK);
    expect(result.appendMessageResult).toMatchObject({ logicsOffset: 1, msgNum: 3 });
    expect(result.appendMessageResult!.msgId.split(',')).toHaveLength(3);
    const got = await store.getMessage('G', 'B', 2, 1, 32, 1 << 20);
    expect(decodeStoredRecords(Buffer.concat(got.messageBufferList)).map((m) => [m.queueOffset, m.body.toString()])).toEqual([
      [1, 'b0'],
      [2, 'b1'],
      [3, 'b2'],
    ]);
  });

  it('rolls files and writes a BLANK marker when a record does not fit the end of a file', async () => {
    const body = Buffer.alloc(1000, 1);
    const results = [];
    for (let i = 0; i < 150; i++) results.push(await store.putMessage(brokerMessage('R', 0, body)));
    const fileSize = store.config.mappedFileSizeCommitLog;
    const offsets = results.map((r) => r.appendMessageResult!.wroteOffset);
    const rolled = offsets.filter((o) => o % fileSize === 0 && o > 0);
    expect(rolled.length).toBeGreaterThanOrEqual(2);
    for (const r of results) {
      const start = r.appendMessageResult!.wroteOffset;
      expect(Math.floor(start / fileSize)).toBe(Math.floor((start + r.appendMessageResult!.wroteBytes - 1) / fileSize));
    }
    let next = 0;
    const seen: number[] = [];
    while (next < 150) {
      const got = await store.getMessage('G', 'R', 0, next, 32, 1 << 20);
      seen.push(...decodeStoredRecords(Buffer.concat(got.messageBufferList), { checkCRC: true }).map((m) => m.queueOffset));
      next = got.nextBeginOffset;
    }
    expect(seen).toEqual([...Array(150).keys()]);
    expect(await store.lookMessageByOffset(rolled[0])).toMatchObject({ queueOffset: offsets.indexOf(rolled[0]) });
  });

  it('computes tag codes, finds messages by key and by time', async () => {
    const t0 = Date.now();
    await store.putMessage(brokerMessage('K', 0, 'one', { tags: 'TagA', keys: 'order-1 shared', uniqKey: 'UNIQ1' }));
    await new Promise((r) => setTimeout(r, 20));
    const t1 = Date.now();
    await store.putMessage(brokerMessage('K', 0, 'two', { keys: 'order-2 shared' }));
    const byKey = await store.queryMessage('K', 'shared', 10, 0, Date.now() + 1000);
    expect(decodeStoredRecords(Buffer.concat(byKey.messageBufferList)).map((m) => m.body.toString())).toEqual(['one', 'two']);
    const byUniq = await store.queryMessage('K', 'UNIQ1', 10, 0, Date.now() + 1000);
    expect(byUniq.messageBufferList).toHaveLength(1);
    expect((await store.queryMessage('K', 'absent', 10, 0, Date.now() + 1000)).messageBufferList).toHaveLength(0);
    expect((await store.queryMessage('Other', 'shared', 10, 0, Date.now() + 1000)).messageBufferList).toHaveLength(0);
    expect(await store.getOffsetInQueueByTime('K', 0, t0 - 1000)).toBe(0);
    expect(await store.getOffsetInQueueByTime('K', 0, t1)).toBe(1);
    expect(await store.getOffsetInQueueByTime('K', 0, Date.now() + 1000)).toBe(2);
    expect(await store.getEarliestMessageTime('K', 0)).toBeGreaterThanOrEqual(t0);
    const first = await store.lookMessageByOffset(0);
    expect(first?.tags).toBe('TagA');
    expect(javaStringHashCode('TagA')).toBe(2598919);
  });

  it('tells the listener when a message is dispatched', async () => {
    const arrived: Array<[string, number, number]> = [];
    store.setMessageArrivingListener((topic, queueId, logicOffset) => arrived.push([topic, queueId, logicOffset]));
    await store.putMessage(brokerMessage('L', 3, 'x'));
    expect(arrived).toEqual([['L', 3, 1]]);
    expect(store.getRuntimeInfo().commitLogMaxOffset).not.toBe('0');
  });
});

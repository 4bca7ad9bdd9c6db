import { CommonErrorCode, MQError } from '@mq/common';
import { encodeRecallHandle, RemotingCommand, RequestCode, ResponseCode } from '@mq/remoting';
import { Producer } from '../../src';
import { buildRecallRequest, checkRecallArguments, recalledMessageId } from '../../src/producer/recall-message';

const HANDLE = { topic: 'TopicTest', brokerName: 'broker-a', timestamp: '1700000000001', messageId: '7F00000112A418B4AAC2765E12340000' };
const RECALL_HANDLE = encodeRecallHandle(HANDLE);

function codeOf(action: () => unknown): number | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof MQError ? error.code : undefined;
  }
  return undefined;
}

describe('recall arguments', () => {
  it('decodes a v1 handle for its broker', () => {
    expect(checkRecallArguments('TopicTest', RECALL_HANDLE)).toEqual(HANDLE);
  });

  it.each([
    ['a blank topic', '', RECALL_HANDLE],
    ['a retry topic', '%RETRY%PG', RECALL_HANDLE],
    ['a DLQ topic', '%DLQ%PG', RECALL_HANDLE],
    ['an empty handle', 'TopicTest', ''],
    ['a handle that is not base64', 'TopicTest', 'not a handle'],
    ['a v2 handle', 'TopicTest', Buffer.from('v2 TopicTest broker-a 1 id').toString('base64url')],
  ])('refuses %s with CLIENT_PARAMETER_CHECK_ERROR', (_what, topic, handle) => {
    expect(codeOf(() => checkRecallArguments(topic, handle))).toBe(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR);
  });
});

describe('RECALL_MESSAGE request and response', () => {
  it('sends producerGroup, topic, recallHandle and the handle broker as bname', () => {
    const request = buildRecallRequest('PG', 'TopicTest', RECALL_HANDLE, HANDLE);
    expect(request.code).toBe(RequestCode.RECALL_MESSAGE);
    expect(request.extFields).toEqual({ producerGroup: 'PG', topic: 'TopicTest', recallHandle: RECALL_HANDLE, bname: 'broker-a' });
  });

  it('answers msgId on SUCCESS and the broker code otherwise', () => {
    const request = buildRecallRequest('PG', 'TopicTest', RECALL_HANDLE, HANDLE);
    const ok = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    ok.extFields = { msgId: HANDLE.messageId, MSG_REGION: 'DefaultRegion' };
    expect(recalledMessageId(ok, '127.0.0.1:10911')).toBe(HANDLE.messageId);

    const refused = RemotingCommand.createResponse(request, ResponseCode.ILLEGAL_OPERATION, 'recall failed, timestamp invalid');
    expect(() => recalledMessageId(refused, '127.0.0.1:10911')).toThrow(/recall failed, timestamp invalid/);
    expect(codeOf(() => recalledMessageId(refused, '127.0.0.1:10911'))).toBe(ResponseCode.ILLEGAL_OPERATION);
  });

  it('refuses to recall before start()', async () => {
    const producer = new Producer({ namesrvAddr: '127.0.0.1:1', group: 'PG_recall_unstarted' });
    await expect(producer.recallMessage('TopicTest', RECALL_HANDLE)).rejects.toThrow(/call start\(\) first/);
  });
});

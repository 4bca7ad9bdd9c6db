import { decodeStoredRecords, type MessageExt } from '@mq/common';
import { RemotingCommand, RequestCode, ResponseCode, type RemotingClient } from '@mq/remoting';

/** Which queue a {@link pullOnce} reads, and as which group. */
export interface PullOnceTarget {
  consumerGroup: string;
  topic: string;
  queueId: number;
  queueOffset: number;
}

/**
 * Up to 32 messages (subscription `*`) of a queue over the raw protocol, without long
 * polling or an offset commit; `[]` unless the broker answers SUCCESS with a body.
 */
export async function pullOnce(client: RemotingClient, brokerAddr: string, target: PullOnceTarget): Promise<MessageExt[]> {
  const request = RemotingCommand.createRequest(RequestCode.PULL_MESSAGE, {
    consumerGroup: target.consumerGroup,
    topic: target.topic,
    queueId: String(target.queueId),
    queueOffset: String(target.queueOffset),
    maxMsgNums: '32',
    sysFlag: '4',
    subscription: '*',
    commitOffset: '0',
    suspendTimeoutMillis: '0',
    subVersion: '0',
    expressionType: 'TAG',
  });
  const response = await client.invoke(brokerAddr, request, 5000);
  return response.code === ResponseCode.SUCCESS && response.body ? decodeStoredRecords(response.body) : [];
}

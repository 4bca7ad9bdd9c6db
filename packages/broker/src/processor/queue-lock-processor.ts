import { LockBatchRequestBody, LockBatchResponseBody, RemotingCommand, ResponseCode, UnlockBatchRequestBody, type MessageQueue } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import type { LockableQueue } from '../client/rebalance-lock-manager';
import { decodeRequestBody } from './request-body';

/** LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42) for orderly consumers (remoting §8.9). */
export class QueueLockProcessor {
  constructor(private readonly ctx: BrokerContext) {}

  /** Locks what it can; answers a LockBatchResponseBody with the queues the client now holds. */
  lockBatch(request: RemotingCommand): RemotingCommand {
    const body = decodeRequestBody(LockBatchRequestBody, request.body, 'LockBatchRequestBody');
    const locked = this.ctx.rebalanceLockManager.tryLockBatch(body.consumerGroup ?? '', body.mqSet.map(lockableQueue), body.clientId ?? '');
    const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
    response.body = LockBatchResponseBody.encode({ lockOKMQSet: locked });
    return response;
  }

  /** Releases the client's locks. */
  unlockBatch(request: RemotingCommand): RemotingCommand {
    const body = decodeRequestBody(UnlockBatchRequestBody, request.body, 'UnlockBatchRequestBody');
    this.ctx.rebalanceLockManager.unlockBatch(body.consumerGroup ?? '', body.mqSet.map(lockableQueue), body.clientId ?? '');
    return RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
  }
}

function lockableQueue(mq: MessageQueue): LockableQueue {
  return { topic: mq.topic ?? '', brokerName: mq.brokerName ?? '', queueId: mq.queueId };
}

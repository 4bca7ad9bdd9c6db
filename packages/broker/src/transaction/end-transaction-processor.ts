import { getLogger, MessageConst, MQError, type MessageExt } from '@mq/common';
import { EndTransactionRequestHeader, RemotingCommand, ResponseCode, TransactionType } from '@mq/remoting';
import type { BrokerContext } from '../broker-context';
import { putStatusResponse } from '../processor/put-status';
import { applyScheduleHook } from '../schedule/schedule-put-hook';
import { toCommittedMessage } from './half-message';
import type { TransactionOpLog } from './transaction-op-log';

const log = getLogger('EndTransactionProcessor');

/**
 * END_TRANSACTION (37, store-and-broker §9.2): the producer's verdict on a half message.
 * COMMIT stores the real message and an op record; ROLLBACK only the op record; UNKNOWN
 * (0) and any other value are ignored, waiting for a check-back. Usually one-way: the
 * response, when there is one, carries the outcome.
 */
export class EndTransactionProcessor {
  constructor(
    private readonly ctx: BrokerContext,
    private readonly opLog: TransactionOpLog,
  ) {}

  /** Serves one END_TRANSACTION; undefined (no response) for UNKNOWN. */
  async process(request: RemotingCommand): Promise<RemotingCommand | undefined> {
    const header = EndTransactionRequestHeader.decode(request.extFields);
    if (this.ctx.config.brokerRole === 'SLAVE') {
      throw new MQError(ResponseCode.SLAVE_NOT_AVAILABLE, 'Can not commit or rollback a transaction message on a slave broker');
    }
    const outcome = header.commitOrRollback;
    if (outcome !== TransactionType.COMMIT_TYPE && outcome !== TransactionType.ROLLBACK_TYPE) {
      log.info({ producerGroup: header.producerGroup, msgId: header.msgId, fromCheck: header.fromTransactionCheck, remark: request.remark }, 'transaction left open');
      return undefined;
    }
    const half = await this.ctx.store.lookMessageByOffset(header.commitLogOffset);
    if (!half) throw new MQError(ResponseCode.SYSTEM_ERROR, 'Find prepared transaction message failed');
    this.checkHalfMessage(half, header);
    if (outcome === TransactionType.COMMIT_TYPE) await this.storeCommitted(half);
    if (!(await this.opLog.markRemoved(half.queueOffset))) {
      log.warn({ halfOffset: half.queueOffset }, 'op record not stored; the half message will be checked back');
    }
    return RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
  }

  /** The immunity rule and the three identity checks of §9.2 steps 3.2–3.3. */
  private checkHalfMessage(half: MessageExt, header: EndTransactionRequestHeader): void {
    const immunitySeconds = Number(half.getProperty(MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS) ?? NaN);
    if (Number.isFinite(immunitySeconds) && !header.fromTransactionCheck) {
      const window = Math.max(immunitySeconds * 1000, this.ctx.config.transactionTimeOut);
      if (Date.now() - half.bornTimestamp > window) {
        throw new MQError(ResponseCode.ILLEGAL_OPERATION, `the immunity time of the transaction (${window} ms) has passed; only a check-back can end it`);
      }
    }
    if (half.getProperty(MessageConst.PROPERTY_PRODUCER_GROUP) !== header.producerGroup) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, 'The producer group wrong');
    }
    if (half.queueOffset !== header.tranStateTableOffset) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, 'The transaction state table offset wrong');
    }
    if (half.commitLogOffset !== header.commitLogOffset) {
      throw new MQError(ResponseCode.SYSTEM_ERROR, 'The commit log offset wrong');
    }
  }

  private async storeCommitted(half: MessageExt): Promise<void> {
    const message = toCommittedMessage(half);
    applyScheduleHook(message, this.ctx.delayLevels.length);
    const put = await this.ctx.store.putMessage(message);
    const status = putStatusResponse(put.putMessageStatus, this.ctx.maxMessageSize);
    if (!status.stored) throw new MQError(status.code, status.remark ?? put.putMessageStatus);
  }
}

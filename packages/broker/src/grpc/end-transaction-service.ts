import { EndTransactionRequestHeader, RemotingCommand, RequestCode, ResponseCode, TransactionType } from '@mq/remoting';
import type { EndTransactionProcessor } from '../transaction/end-transaction-processor';
import { requireTopic } from './name-validation';
import { grpcError, OK_STATUS, status } from './status';
import type { TransactionDataStore } from './transaction-data';
import { Code, TransactionResolution, TransactionSource, type EndTransactionRequest, type StatusResponse } from './types';

const RESOLUTION_TYPES: ReadonlyMap<number, number> = new Map([
  [TransactionResolution.COMMIT, TransactionType.COMMIT_TYPE],
  [TransactionResolution.ROLLBACK, TransactionType.ROLLBACK_TYPE],
]);

/**
 * EndTransaction (spec §4.13): finds the half message by (producer group = topic,
 * transaction id) and hands the verdict to the broker's END_TRANSACTION processor, exactly
 * as a remoting producer's one-way request would.
 */
export class EndTransactionService {
  constructor(
    private readonly processor: EndTransactionProcessor,
    private readonly transactions: TransactionDataStore,
  ) {}

  async endTransaction(request: EndTransactionRequest): Promise<StatusResponse> {
    const topic = requireTopic(request.topic);
    const transactionId = (request.transaction_id ?? '').trim();
    if (transactionId === '') throw grpcError(Code.INVALID_TRANSACTION_ID, 'transaction id cannot be blank');
    const data = this.transactions.take(topic, transactionId);
    if (!data) {
      throw grpcError(Code.INTERNAL_SERVER_ERROR, `cannot found transaction data for ${transactionId}; the broker's check-back will ask again`);
    }
    const header = EndTransactionRequestHeader.encode({
      producerGroup: data.producerGroup,
      tranStateTableOffset: data.tranStateTableOffset,
      commitLogOffset: data.commitLogOffset,
      commitOrRollback: RESOLUTION_TYPES.get(request.resolution ?? 0) ?? TransactionType.NOT_TYPE,
      fromTransactionCheck: request.source === TransactionSource.SOURCE_SERVER_CHECK,
      msgId: data.messageId,
      transactionId,
      topic,
    });
    const response = await this.processor.process(RemotingCommand.createRequest(RequestCode.END_TRANSACTION, header));
    if (response && response.code !== ResponseCode.SUCCESS) {
      return { status: status(Code.INTERNAL_SERVER_ERROR, response.remark ?? `end transaction failed with code ${response.code}`) };
    }
    return { status: OK_STATUS };
  }
}

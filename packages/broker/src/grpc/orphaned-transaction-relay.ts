import { getLogger, MessageConst, type MessageExt } from '@mq/common';
import type { TransactionStateRelay } from '../transaction/transaction-check-service';
import type { GrpcClient, GrpcClientRegistry } from './client-registry';
import { toGrpcMessage } from './message-codec';
import type { TransactionDataStore } from './transaction-data';
import { ClientType } from './types';

const log = getLogger('GrpcOrphanedTransactionRelay');

/**
 * Orphan recovery over gRPC (spec §4.13): the broker's check-back asks one online producer
 * whose Settings publish the message's topic with `recover_orphaned_transaction_command` on its
 * Telemetry stream, and records the transaction so that the producer's
 * EndTransaction(SOURCE_SERVER_CHECK) finds the re-appended half message.
 */
export class OrphanedTransactionRelay implements TransactionStateRelay {
  constructor(
    private readonly clients: GrpcClientRegistry,
    private readonly transactions: TransactionDataStore,
  ) {}

  askProducer(group: string, half: MessageExt): boolean {
    const channel = this.producerOf(half.topic)?.commandChannel;
    if (!channel) return false;
    const transactionId = half.getProperty(MessageConst.PROPERTY_TRANSACTION_ID) ?? half.msgId;
    this.transactions.add({
      producerGroup: group,
      transactionId,
      messageId: half.msgId,
      commitLogOffset: half.commitLogOffset,
      tranStateTableOffset: half.queueOffset,
    });
    channel({ recover_orphaned_transaction_command: { message: toGrpcMessage(half), transaction_id: transactionId } });
    log.debug({ topic: half.topic, transactionId }, 'orphaned transaction sent to a gRPC producer');
    return true;
  }

  private producerOf(topic: string): GrpcClient | undefined {
    return this.clients.find(
      (client) =>
        client.commandChannel !== undefined &&
        client.settings.client_type === ClientType.PRODUCER &&
        (client.settings.publishing?.topics ?? []).some((resource) => resource.name === topic),
    );
  }
}

import { getLogger, type Message, type MessageExt } from '@mq/common';
import type { CheckTransactionStateRequestHeader } from '@mq/remoting';
import { endTransactionAfterCheck, endTransactionAfterSend, prepareHalfMessage } from './end-transaction';
import { Producer } from './producer';
import type { ProducerOptions } from './producer-options';
import type { SendResult } from './send-result';
import type { LocalTransactionState, TransactionListener, TransactionSendResult } from './transaction-listener';

const log = getLogger('TransactionProducer');

/** Options of a {@link TransactionProducer}: a producer's, plus the listener. */
export interface TransactionProducerOptions<A = unknown> extends ProducerOptions {
  /** Runs local transactions and answers the broker's check-backs. */
  transactionListener: TransactionListener<A>;
}

/**
 * Sends transactional messages (Java's `TransactionMQProducer`): a half message, then the
 * local transaction, then END_TRANSACTION with its outcome; answers the broker's
 * CHECK_TRANSACTION_STATE for half messages left UNKNOW. Give it a group of its own: the
 * broker sends check-backs to any producer heartbeating under the half message's group.
 *
 * ```ts
 * const producer = new TransactionProducer({ namesrvAddr, group: 'OrderTx', transactionListener: {
 *   executeLocalTransaction: async (msg, orderId: string) => ((await saveOrder(orderId)) ? 'COMMIT_MESSAGE' : 'ROLLBACK_MESSAGE'),
 *   checkLocalTransaction: async (msg) => ((await orderExists(msg.keys)) ? 'COMMIT_MESSAGE' : 'UNKNOW'),
 * }});
 * await producer.start();
 * const result = await producer.sendMessageInTransaction(new Message('Orders', body), 'order-1');
 * ```
 */
export class TransactionProducer<A = unknown> extends Producer {
  private readonly listener: TransactionListener<A>;

  constructor(options: TransactionProducerOptions<A>) {
    super(options);
    this.listener = options.transactionListener;
  }

  /**
   * Sends `message` as a half message, runs `executeLocalTransaction(message, arg)` and
   * reports its outcome to the broker. A failed send skips the local transaction and
   * resolves with ROLLBACK_MESSAGE; a listener that throws counts as UNKNOW.
   */
  async sendMessageInTransaction(message: Message, arg: A): Promise<TransactionSendResult> {
    this.ensureRunning();
    if (message.delayTimeLevel > 0) log.warn({ topic: message.topic }, 'delay is not supported for transactional messages; ignoring it');
    prepareHalfMessage(message, this.group);
    const sent = await this.send(message);
    let state: LocalTransactionState = 'ROLLBACK_MESSAGE';
    let failure: unknown;
    if (sent.status === 'SEND_OK') {
      if (sent.transactionId) message.putUserProperty('__transactionId__', sent.transactionId);
      ({ state, failure } = await this.runListener(() => this.listener.executeLocalTransaction(message, arg)));
    }
    await this.endTransaction(message, sent, state, failure);
    return { ...sent, localTransactionState: state };
  }

  /** CHECK_TRANSACTION_STATE from a broker: ask the listener, answer with END_TRANSACTION. */
  checkTransactionState(brokerAddr: string, message: MessageExt, header: CheckTransactionStateRequestHeader): void {
    void this.answerCheck(brokerAddr, message, header);
  }

  private async answerCheck(brokerAddr: string, message: MessageExt, header: CheckTransactionStateRequestHeader): Promise<void> {
    const { state, failure } = await this.runListener(() => this.listener.checkLocalTransaction(message));
    const uniqKey = message.msgId;
    const request = endTransactionAfterCheck(this.group, uniqKey, header, state, failure);
    this.tracer?.traceEndTransaction({ message, msgId: uniqKey, brokerAddr, state, fromTransactionCheck: true });
    try {
      await this.instance.api.remoting.invokeOneway(brokerAddr, request);
    } catch (error) {
      log.warn({ brokerAddr, msgId: uniqKey, err: (error as Error).message }, 'END_TRANSACTION after a check failed; the broker will check again');
    }
  }

  private async endTransaction(message: Message, sent: SendResult, state: LocalTransactionState, failure: unknown): Promise<void> {
    const addr = this.brokerAddressOf(sent.messageQueue);
    const request = endTransactionAfterSend(this.group, message, sent, state, failure);
    this.tracer?.traceEndTransaction({ message, msgId: sent.msgId, brokerAddr: addr, state, fromTransactionCheck: false });
    try {
      await this.instance.api.remoting.invokeOneway(addr, request);
    } catch (error) {
      log.warn({ addr, msgId: sent.msgId, state, err: (error as Error).message }, 'END_TRANSACTION failed; the broker will check back');
    }
  }

  private async runListener(call: () => LocalTransactionState | Promise<LocalTransactionState>): Promise<{ state: LocalTransactionState; failure?: unknown }> {
    try {
      return { state: (await call()) ?? 'UNKNOW' };
    } catch (failure) {
      log.warn({ group: this.group, err: (failure as Error).message }, 'transaction listener threw; the outcome stays unknown');
      return { state: 'UNKNOW', failure };
    }
  }
}

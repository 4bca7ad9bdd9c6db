import { MessageConst, type Message } from '@mq/common';
import type { SendResult } from '../producer/send-result';
import type { AsyncTraceDispatcher } from './async-trace-dispatcher';
import { DEFAULT_TRACE_REGION_ID, TraceMessageType, createTraceBean, type TraceContext, type TraceTransactionState } from './trace-context';

/** Java's client marks a message as delayed when it carries either of these. */
const START_DELIVER_TIME = '__STARTDELIVERTIME';

/** The message type a Pub record reports (Java's `sendKernelImpl` rules). */
function publishedTypeOf(message: Message): TraceMessageType {
  if (message.getProperty(START_DELIVER_TIME) !== undefined || message.getProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL) !== undefined) {
    return TraceMessageType.Delay_Msg;
  }
  return message.transactionPrepared ? TraceMessageType.Trans_Msg_Half : TraceMessageType.Normal_Msg;
}

/** What a send attempt that reached a broker tells the Pub hook. */
export interface SentAttempt {
  /** The sent message (for a batch, the batch head: topic only). */
  message: Message;
  /** Bytes of the body as sent (compressed or batch-encoded). */
  bodyLength: number;
  brokerAddr: string;
  result: SendResult;
  /** Epoch ms the attempt started. */
  startedAt: number;
}

/** How a transaction ended, for the EndTransaction hook. */
export interface EndedTransaction {
  message: Message;
  msgId: string;
  brokerAddr: string;
  state: TraceTransactionState;
  fromTransactionCheck: boolean;
}

/**
 * A producer's trace hooks (Java's `SendMessageTraceHookImpl` and
 * `EndTransactionTraceHookImpl`): one Pub record per answered send attempt, one
 * EndTransaction record per transaction outcome sent to a broker.
 */
export class ProducerTracer {
  constructor(
    readonly dispatcher: AsyncTraceDispatcher,
    private readonly group: string,
  ) {}

  /** Records a send the broker answered; skipped when the broker has trace off, and for the trace topic itself. */
  tracePub({ message, bodyLength, brokerAddr, result, startedAt }: SentAttempt): void {
    if (!result.traceOn || this.isTraceTopic(message.topic)) return;
    const bean = createTraceBean({
      topic: message.topic,
      msgId: result.msgId,
      offsetMsgId: result.offsetMsgId,
      tags: message.tags,
      keys: message.keys,
      storeHost: brokerAddr,
      bodyLength,
      msgType: publishedTypeOf(message),
    });
    this.dispatcher.append(this.context('Pub', startedAt, result.regionId, result.status === 'SEND_OK', Date.now() - startedAt, bean));
  }

  /** Records the COMMIT/ROLLBACK/UNKNOW sent for a half message. */
  traceEndTransaction({ message, msgId, brokerAddr, state, fromTransactionCheck }: EndedTransaction): void {
    if (this.isTraceTopic(message.topic)) return;
    const bean = createTraceBean({
      topic: message.topic,
      msgId,
      tags: message.tags,
      keys: message.keys,
      storeHost: brokerAddr,
      msgType: TraceMessageType.Trans_msg_Commit,
      transactionId: message.transactionId ?? message.uniqKey,
      transactionState: state,
      fromTransactionCheck,
    });
    const regionId = message.getProperty(MessageConst.PROPERTY_MSG_REGION) || DEFAULT_TRACE_REGION_ID;
    this.dispatcher.append(this.context('EndTransaction', Date.now(), regionId, true, 0, bean));
  }

  private isTraceTopic(topic: string): boolean {
    return topic.startsWith(this.dispatcher.traceTopic);
  }

  private context(traceType: 'Pub' | 'EndTransaction', timeStamp: number, regionId: string, success: boolean, costTime: number, bean: TraceContext['traceBeans'][number]): TraceContext {
    return { traceType, timeStamp, regionId, groupName: this.group, costTime, success, requestId: '', contextCode: 0, traceBeans: [bean] };
  }
}

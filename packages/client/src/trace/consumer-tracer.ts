import { MessageConst, createUniqueMessageId, type MessageExt } from '@mq/common';
import type { AsyncTraceDispatcher } from './async-trace-dispatcher';
import { ConsumeReturnType, DEFAULT_TRACE_REGION_ID, createTraceBean, type TraceBean, type TraceContext } from './trace-context';

/**
 * A consumer's trace hook (Java's `ConsumeMessageTraceHookImpl`): a SubBefore record when
 * a listener call starts, a SubAfter record with its cost and outcome when it ends.
 */
export class ConsumerTracer {
  constructor(
    readonly dispatcher: AsyncTraceDispatcher,
    private readonly group: string,
  ) {}

  /**
   * Records the start of a listener call; undefined when no message is traced (the broker
   * stored them with `TRACE_ON=false`). Messages without `MSG_REGION` count as
   * `DefaultRegion` (Java would drop their records).
   */
  before(messages: readonly MessageExt[]): TraceContext | undefined {
    const beans: TraceBean[] = [];
    let regionId = DEFAULT_TRACE_REGION_ID;
    for (const message of messages) {
      if (message.getProperty(MessageConst.PROPERTY_TRACE_SWITCH) === 'false') continue;
      beans.push(
        createTraceBean({
          topic: message.topic,
          msgId: message.msgId,
          tags: message.tags,
          keys: message.keys,
          bodyLength: message.storeSize,
          retryTimes: message.reconsumeTimes,
        }),
      );
      regionId = message.getProperty(MessageConst.PROPERTY_MSG_REGION) ?? regionId;
    }
    if (beans.length === 0) return undefined;
    const context: TraceContext = {
      traceType: 'SubBefore',
      timeStamp: Date.now(),
      regionId,
      groupName: this.group,
      costTime: 0,
      success: true,
      requestId: createUniqueMessageId(),
      contextCode: 0,
      traceBeans: beans,
    };
    this.dispatcher.append(context);
    return context;
  }

  /** Records the end of the listener call `before` started; cost is per message, as Java reports it. */
  after(before: TraceContext | undefined, messageCount: number, success: boolean, returnType: ConsumeReturnType): void {
    if (!before) return;
    const now = Date.now();
    this.dispatcher.append({
      ...before,
      traceType: 'SubAfter',
      timeStamp: now,
      costTime: Math.trunc((now - before.timeStamp) / Math.max(1, messageCount)),
      success,
      contextCode: returnType,
    });
  }

  /** Lite pull: a polled batch counts as consumed successfully on hand-over (Java's `poll` hooks). */
  tracePolled(messages: readonly MessageExt[]): void {
    this.after(this.before(messages), messages.length, true, ConsumeReturnType.SUCCESS);
  }
}

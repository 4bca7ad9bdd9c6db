import type { MessageExt } from '@mq/common';
import { decodeTraceData } from './trace-data-codec';
import type { TraceType } from './trace-context';

/** One trace record of one message, as the query tools show it (Java's `TraceView`). */
export interface TraceView {
  traceType: TraceType;
  msgId: string;
  topic: string;
  tags?: string;
  keys?: string;
  groupName: string;
  /** The host that sent the trace message (the trace message's born host). */
  clientHost: string;
  storeHost: string;
  offsetMsgId: string;
  timeStamp: number;
  costTime: number;
  status: 'success' | 'failed';
}

/** The records about `msgId` in one trace message (Java's `TraceView.decodeFromTraceTransData`). */
export function traceViewsOf(msgId: string, traceMessage: MessageExt): TraceView[] {
  const views: TraceView[] = [];
  for (const context of decodeTraceData(traceMessage.body.toString('utf8'))) {
    const bean = context.traceBeans[0];
    if (!bean || bean.msgId !== msgId) continue;
    views.push({
      traceType: context.traceType,
      msgId: bean.msgId,
      topic: bean.topic,
      tags: bean.tags,
      keys: bean.keys,
      groupName: context.groupName,
      clientHost: traceMessage.bornHost.address,
      storeHost: bean.storeHost,
      offsetMsgId: bean.offsetMsgId,
      timeStamp: context.timeStamp,
      costTime: context.costTime,
      status: context.success ? 'success' : 'failed',
    });
  }
  return views;
}

import { MessageConst } from '@mq/common';
import { createTraceBean, type TraceBean, type TraceContext, type TraceMessageType, type TraceTransactionState, type TraceType } from './trace-context';

/** Separates the fields of one record (Java's `TraceConstants.CONTENT_SPLITOR`, char 1). */
export const TRACE_CONTENT_SEPARATOR = '\u0001';
/** Ends each record (Java's `TraceConstants.FIELD_SPLITOR`, char 2). */
export const TRACE_FIELD_SEPARATOR = '\u0002';

/** A record in trace data format plus the keys its trace message is indexed by. */
export interface TraceTransferData {
  /** One or more records, each ended by {@link TRACE_FIELD_SEPARATOR}. */
  data: string;
  /** The traced messages' ids and business keys, so a key query for the msgId finds the record. */
  keys: string[];
}

const MESSAGE_TYPE_COUNT = 5;
const TRANSACTION_STATES: ReadonlySet<string> = new Set<TraceTransactionState>(['COMMIT_MESSAGE', 'ROLLBACK_MESSAGE', 'UNKNOW']);

/** Java's `String.valueOf` of an optional string: absent values are written as `null`. */
function text(value: string | undefined): string {
  return value ?? 'null';
}

function record(fields: ReadonlyArray<string | number | boolean>): string {
  return fields.join(TRACE_CONTENT_SEPARATOR) + TRACE_FIELD_SEPARATOR;
}

function encodeBean(ctx: TraceContext, bean: TraceBean): string {
  switch (ctx.traceType) {
    case 'Pub':
      return record([
        ctx.traceType, ctx.timeStamp, ctx.regionId, ctx.groupName, bean.topic, bean.msgId, text(bean.tags), text(bean.keys),
        bean.storeHost, bean.bodyLength, ctx.costTime, bean.msgType, bean.offsetMsgId, ctx.success,
      ]);
    case 'SubBefore':
      return record([ctx.traceType, ctx.timeStamp, ctx.regionId, ctx.groupName, ctx.requestId, bean.msgId, bean.retryTimes, text(bean.keys)]);
    case 'SubAfter':
      return record([
        ctx.traceType, ctx.requestId, bean.msgId, ctx.costTime, ctx.success, text(bean.keys), ctx.contextCode, ctx.timeStamp, ctx.groupName,
      ]);
    case 'EndTransaction':
      return record([
        ctx.traceType, ctx.timeStamp, ctx.regionId, ctx.groupName, bean.topic, bean.msgId, text(bean.tags), text(bean.keys),
        bean.storeHost, bean.msgType, text(bean.transactionId), bean.transactionState ?? 'UNKNOW', bean.fromTransactionCheck,
      ]);
    case 'Recall':
      return record([ctx.traceType, ctx.timeStamp, ctx.regionId, ctx.groupName, bean.topic, bean.msgId, ctx.success]);
  }
}

/**
 * Encodes a trace context as Java's `TraceDataEncoder.encoderFromContextBean` does: Pub,
 * EndTransaction and Recall write their first bean, SubBefore and SubAfter one record per bean.
 */
export function encodeTraceContext(ctx: TraceContext): TraceTransferData {
  const beans = ctx.traceType === 'SubBefore' || ctx.traceType === 'SubAfter' ? ctx.traceBeans : ctx.traceBeans.slice(0, 1);
  const keys = new Set<string>();
  let data = '';
  for (const bean of beans) data += encodeBean(ctx, bean);
  for (const bean of ctx.traceBeans) {
    keys.add(bean.msgId);
    for (const key of (bean.keys ?? '').split(MessageConst.KEY_SEPARATOR)) if (key !== '') keys.add(key);
  }
  return { data, keys: [...keys] };
}

/** Java's `String.split`: trailing empty strings are dropped. */
function javaSplit(value: string, separator: string): string[] {
  const parts = value.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Thrown inside the decoder for a field Java's parser would reject; the record is skipped. */
class MalformedTraceRecord extends Error {}

function integer(value: string | undefined): number {
  if (value === undefined || !/^[-+]?\d+$/.test(value)) throw new MalformedTraceRecord();
  return Number(value);
}

function field(line: readonly string[], index: number): string {
  const value = line[index];
  if (value === undefined) throw new MalformedTraceRecord();
  return value;
}

/** Java's `Boolean.parseBoolean`. */
function bool(value: string | undefined): boolean {
  return value?.toLowerCase() === 'true';
}

function messageType(value: string | undefined): TraceMessageType {
  const ordinal = integer(value);
  if (ordinal < 0 || ordinal >= MESSAGE_TYPE_COUNT) throw new MalformedTraceRecord();
  return ordinal as TraceMessageType;
}

function transactionState(value: string): TraceTransactionState {
  if (!TRANSACTION_STATES.has(value)) throw new MalformedTraceRecord();
  return value as TraceTransactionState;
}

function context(traceType: TraceType, fields: Partial<TraceContext>, bean: TraceBean): TraceContext {
  return { traceType, timeStamp: 0, regionId: '', groupName: '', costTime: 0, success: true, requestId: '', contextCode: 0, ...fields, traceBeans: [bean] };
}

function decodePub(line: readonly string[]): TraceContext {
  const bean = createTraceBean({
    topic: field(line, 4), msgId: field(line, 5), tags: field(line, 6), keys: field(line, 7), storeHost: field(line, 8),
    bodyLength: integer(line[9]), msgType: messageType(line[11]),
  });
  // 13 fields: before offsetMsgId existed; 15 and more: older clients appended the client host.
  let success = true;
  if (line.length === 13) {
    success = bool(line[12]);
  } else if (line.length >= 14) {
    bean.offsetMsgId = field(line, 12);
    success = bool(line[13]);
    if (line.length >= 15) bean.clientHost = field(line, 14);
  }
  return context('Pub', { timeStamp: integer(line[1]), regionId: field(line, 2), groupName: field(line, 3), costTime: integer(line[10]), success }, bean);
}

function decodeSubBefore(line: readonly string[]): TraceContext {
  // Java's split drops an empty trailing keys field (and its decoder then fails); read it as empty.
  const bean = createTraceBean({ msgId: field(line, 5), retryTimes: integer(line[6]), keys: line[7] ?? '' });
  return context('SubBefore', { timeStamp: integer(line[1]), regionId: field(line, 2), groupName: field(line, 3), requestId: field(line, 4) }, bean);
}

function decodeSubAfter(line: readonly string[]): TraceContext {
  const bean = createTraceBean({ msgId: field(line, 2), keys: field(line, 5) });
  const fields: Partial<TraceContext> = { requestId: field(line, 1), costTime: integer(line[3]), success: bool(field(line, 4)) };
  if (line.length >= 7) fields.contextCode = integer(line[6]);
  // Cloud-channel records stop after the context code.
  if (line.length >= 9) {
    fields.timeStamp = integer(line[7]);
    fields.groupName = field(line, 8);
  }
  return context('SubAfter', fields, bean);
}

function decodeEndTransaction(line: readonly string[]): TraceContext {
  const bean = createTraceBean({
    topic: field(line, 4), msgId: field(line, 5), tags: field(line, 6), keys: field(line, 7), storeHost: field(line, 8),
    msgType: messageType(line[9]), transactionId: field(line, 10), transactionState: transactionState(field(line, 11)),
    fromTransactionCheck: bool(field(line, 12)),
  });
  return context('EndTransaction', { timeStamp: integer(line[1]), regionId: field(line, 2), groupName: field(line, 3) }, bean);
}

function decodeRecall(line: readonly string[]): TraceContext {
  const bean = createTraceBean({ topic: field(line, 4), msgId: field(line, 5) });
  return context('Recall', { timeStamp: integer(line[1]), regionId: field(line, 2), groupName: field(line, 3), success: bool(field(line, 6)) }, bean);
}

const DECODERS: Readonly<Record<TraceType, (line: readonly string[]) => TraceContext>> = {
  Pub: decodePub,
  SubBefore: decodeSubBefore,
  SubAfter: decodeSubAfter,
  EndTransaction: decodeEndTransaction,
  Recall: decodeRecall,
};

/**
 * Decodes trace data as Java's `TraceDataEncoder.decoderFromTraceDataString` does. Records
 * of unknown types are ignored like Java ignores them; malformed records (which make Java's
 * decoder throw) are skipped, so one bad record never hides the others.
 */
export function decodeTraceData(data: string): TraceContext[] {
  const contexts: TraceContext[] = [];
  for (const recordText of javaSplit(data, TRACE_FIELD_SEPARATOR)) {
    const line = javaSplit(recordText, TRACE_CONTENT_SEPARATOR);
    const decode = Object.hasOwn(DECODERS, line[0] ?? '') ? DECODERS[line[0] as TraceType] : undefined;
    if (!decode) continue;
    try {
      contexts.push(decode(line));
    } catch (error) {
      if (!(error instanceof MalformedTraceRecord)) throw error;
    }
  }
  return contexts;
}

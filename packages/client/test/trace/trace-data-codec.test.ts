import fc from 'fast-check';
import { createTraceBean, decodeTraceData, encodeTraceContext, TraceMessageType, type TraceContext, type TraceTransactionState, type TraceType } from '../../src';

/** Joins fields the way Java's TraceDataEncoder does: char 1 between fields, char 2 after the record. */
const rec = (...fields: Array<string | number | boolean>) => fields.join('\u0001') + '\u0002';

function ctx(traceType: TraceType, fields: Partial<TraceContext>, ...beans: TraceContext['traceBeans']): TraceContext {
  return { traceType, timeStamp: 0, regionId: '', groupName: '', costTime: 0, success: true, requestId: '', contextCode: 0, traceBeans: beans, ...fields };
}

const MSG_ID = '7F0000010B5C18B4AAC27DF1B2B50000';
const OFFSET_ID = '7F00000100002A9F0000000000000C1E';

describe('trace data encoding (Java TraceDataEncoder rules)', () => {
  it('writes a Pub record: 14 fields, msgType ordinal, success last', () => {
    const bean = createTraceBean({ topic: 'Orders', msgId: MSG_ID, offsetMsgId: OFFSET_ID, tags: 'TagA', keys: 'k1 k2', storeHost: '127.0.0.1:10911', bodyLength: 11, msgType: TraceMessageType.Delay_Msg });
    const encoded = encodeTraceContext(ctx('Pub', { timeStamp: 1_700_000_000_123, regionId: 'DefaultRegion', groupName: 'PG', costTime: 7 }, bean));
    expect(encoded.data).toBe(rec('Pub', 1_700_000_000_123, 'DefaultRegion', 'PG', 'Orders', MSG_ID, 'TagA', 'k1 k2', '127.0.0.1:10911', 11, 7, 3, OFFSET_ID, true));
    expect(encoded.keys.sort()).toEqual([MSG_ID, 'k1', 'k2'].sort());
  });

  it('writes absent tags and keys as "null", and keys the message by its id alone', () => {
    const bean = createTraceBean({ topic: 'T', msgId: MSG_ID, tags: undefined, keys: undefined, storeHost: 'b:1' });
    const encoded = encodeTraceContext(ctx('Pub', { timeStamp: 5, regionId: 'R', groupName: 'G', success: false }, bean));
    expect(encoded.data).toBe(rec('Pub', 5, 'R', 'G', 'T', MSG_ID, 'null', 'null', 'b:1', 0, 0, 0, '', false));
    expect(encoded.keys).toEqual([MSG_ID]);
  });

  it('writes one SubBefore record per bean with the shared request id', () => {
    const a = createTraceBean({ msgId: 'A', retryTimes: 2, keys: 'ka' });
    const b = createTraceBean({ msgId: 'B', keys: undefined });
    const encoded = encodeTraceContext(ctx('SubBefore', { timeStamp: 9, regionId: 'DefaultRegion', groupName: 'CG', requestId: 'REQ' }, a, b));
    expect(encoded.data).toBe(rec('SubBefore', 9, 'DefaultRegion', 'CG', 'REQ', 'A', 2, 'ka') + rec('SubBefore', 9, 'DefaultRegion', 'CG', 'REQ', 'B', 0, 'null'));
    expect(encoded.keys.sort()).toEqual(['A', 'B', 'ka']);
  });

  it('writes SubAfter with cost, outcome, context code, then time stamp and group (local access channel)', () => {
    const bean = createTraceBean({ msgId: MSG_ID, keys: 'k' });
    const encoded = encodeTraceContext(ctx('SubAfter', { timeStamp: 12, groupName: 'CG', requestId: 'REQ', costTime: 3, success: false, contextCode: 4 }, bean));
    expect(encoded.data).toBe(rec('SubAfter', 'REQ', MSG_ID, 3, false, 'k', 4, 12, 'CG'));
  });

  it('writes EndTransaction with the Trans_msg_Commit ordinal, transaction id and state name', () => {
    const bean = createTraceBean({
      topic: 'Tx', msgId: MSG_ID, tags: undefined, keys: 'order-1', storeHost: '10.0.0.1:10911', msgType: TraceMessageType.Trans_msg_Commit,
      transactionId: MSG_ID, transactionState: 'ROLLBACK_MESSAGE', fromTransactionCheck: true,
    });
    const encoded = encodeTraceContext(ctx('EndTransaction', { timeStamp: 77, regionId: 'DefaultRegion', groupName: 'TxG' }, bean));
    expect(encoded.data).toBe(rec('EndTransaction', 77, 'DefaultRegion', 'TxG', 'Tx', MSG_ID, 'null', 'order-1', '10.0.0.1:10911', 2, MSG_ID, 'ROLLBACK_MESSAGE', true));
  });

  it('writes Recall records', () => {
    const encoded = encodeTraceContext(ctx('Recall', { timeStamp: 1, regionId: 'R', groupName: 'G' }, createTraceBean({ topic: 'T', msgId: 'M' })));
    expect(encoded.data).toBe(rec('Recall', 1, 'R', 'G', 'T', 'M', true));
  });
});

describe('trace data decoding (Java decoderFromTraceDataString rules)', () => {
  it('reads the current Pub layout', () => {
    const [pub] = decodeTraceData(rec('Pub', 100, 'DefaultRegion', 'PG', 'Orders', MSG_ID, 'TagA', 'null', 'b:10911', 5, 2, 0, OFFSET_ID, true));
    expect(pub).toMatchObject({ traceType: 'Pub', timeStamp: 100, regionId: 'DefaultRegion', groupName: 'PG', costTime: 2, success: true });
    expect(pub!.traceBeans[0]).toMatchObject({ topic: 'Orders', msgId: MSG_ID, tags: 'TagA', keys: 'null', storeHost: 'b:10911', bodyLength: 5, msgType: 0, offsetMsgId: OFFSET_ID });
  });

  it('reads the old Pub layouts: without offsetMsgId (13 fields) and with a client host (15)', () => {
    const [old, withHost] = decodeTraceData(
      rec('Pub', 1, 'R', 'G', 'T', 'M', 't', 'k', 's', 1, 1, 1, false) + rec('Pub', 1, 'R', 'G', 'T', 'M', 't', 'k', 's', 1, 1, 4, 'O', true, '10.1.1.1'),
    );
    expect(old).toMatchObject({ success: false });
    expect(old!.traceBeans[0]).toMatchObject({ offsetMsgId: '', msgType: 1 });
    expect(withHost!.traceBeans[0]).toMatchObject({ offsetMsgId: 'O', clientHost: '10.1.1.1', msgType: 4 });
  });

  it('reads SubAfter with and without the trailing time stamp and group', () => {
    const [local, cloud] = decodeTraceData(rec('SubAfter', 'REQ', 'M', 4, true, 'k', 0, 55, 'CG') + 'SubAfter\u0001REQ\u0001M\u00014\u0001false\u0001k\u00012\u0001\u0002');
    expect(local).toMatchObject({ requestId: 'REQ', costTime: 4, success: true, contextCode: 0, timeStamp: 55, groupName: 'CG' });
    expect(cloud).toMatchObject({ success: false, contextCode: 2, timeStamp: 0, groupName: '' });
  });

  it('reads EndTransaction and SubBefore records', () => {
    const [end, before] = decodeTraceData(
      rec('EndTransaction', 3, 'R', 'G', 'T', 'M', 'null', 'k', 's', 2, 'TX', 'COMMIT_MESSAGE', false) + rec('SubBefore', 4, 'R', 'CG', 'REQ', 'M', 1, 'k'),
    );
    expect(end!.traceBeans[0]).toMatchObject({ transactionId: 'TX', transactionState: 'COMMIT_MESSAGE', fromTransactionCheck: false, msgType: 2 });
    expect(before).toMatchObject({ traceType: 'SubBefore', requestId: 'REQ', groupName: 'CG' });
    expect(before!.traceBeans[0]).toMatchObject({ msgId: 'M', retryTimes: 1, keys: 'k' });
  });

  it('skips unknown and malformed records but keeps the good ones', () => {
    const data = rec('Nope', 1) + rec('Pub', 'x', 'R') + rec('Pub', 1, 'R', 'G', 'T', 'M', 't', 'k', 's', 1, 1, 9, 'O', true) + rec('EndTransaction', 3, 'R', 'G', 'T', 'M', 't', 'k', 's', 2, 'TX', 'MAYBE', false) + rec('SubBefore', 4, 'R', 'CG', 'REQ', 'M', 1, 'k');
    expect(decodeTraceData(data).map((context) => context.traceType)).toEqual(['SubBefore']);
    expect(decodeTraceData('')).toEqual([]);
    expect(decodeTraceData('\u0002\u0002\u0001')).toEqual([]);
  });

  const text = fc.string({ maxLength: 12 }).filter((value) => !value.includes('\u0001') && !value.includes('\u0002'));
  const bean = fc.record({
    topic: text, msgId: text, offsetMsgId: text, tags: text, keys: text, storeHost: text, clientHost: fc.constant(''),
    retryTimes: fc.nat(64), bodyLength: fc.nat(4 << 20), msgType: fc.constantFrom(0, 1, 2, 3, 4) as fc.Arbitrary<TraceMessageType>,
    transactionId: text, transactionState: fc.constantFrom<TraceTransactionState>('COMMIT_MESSAGE', 'ROLLBACK_MESSAGE', 'UNKNOW'), fromTransactionCheck: fc.boolean(),
  });
  const context = fc.record({
    traceType: fc.constantFrom<TraceType>('Pub', 'SubBefore', 'SubAfter', 'EndTransaction', 'Recall'),
    timeStamp: fc.nat(Number.MAX_SAFE_INTEGER), regionId: text, groupName: text.filter((name) => name !== ''), costTime: fc.nat(1 << 30), success: fc.boolean(),
    requestId: text, contextCode: fc.nat(4), traceBeans: fc.array(bean, { minLength: 1, maxLength: 3 }),
  });

  it('decodes what it encodes: re-encoding the decoded records gives the same data', () => {
    fc.assert(
      fc.property(fc.array(context, { minLength: 1, maxLength: 4 }), (contexts) => {
        const data = contexts.map((each) => encodeTraceContext(each).data).join('');
        const decoded = decodeTraceData(data);
        expect(decoded.map((each) => encodeTraceContext(each).data).join('')).toBe(data);
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string(), (data) => void decodeTraceData(data)));
    fc.assert(fc.property(fc.array(fc.constantFrom('Pub', 'SubBefore', 'SubAfter', 'EndTransaction', 'Recall', '1', 'x', 'true', '\u0001', '\u0002')), (parts) => void decodeTraceData(parts.join(''))));
  });
});

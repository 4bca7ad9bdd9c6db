import { MessageExt, MQError } from '@mq/common';
import { receiveFilter } from '../../src/grpc/receive-filter';
import { TransactionDataStore } from '../../src/grpc/transaction-data';
import { Code, FilterType } from '../../src/grpc/types';

const data = (transactionId: string) => ({ producerGroup: 'T', transactionId, messageId: transactionId, commitLogOffset: 10, tranStateTableOffset: 1 });

describe('TransactionDataStore', () => {
  test('take returns a recorded transaction once', () => {
    const store = new TransactionDataStore(1000);
    store.add(data('a'), 0);
    expect(store.take('T', 'a', 10)?.commitLogOffset).toBe(10);
    expect(store.take('T', 'a', 10)).toBeUndefined();
  });

  test('entries expire after the ttl and are keyed by group', () => {
    const store = new TransactionDataStore(1000);
    store.add(data('a'), 0);
    store.add(data('b'), 0);
    expect(store.take('Other', 'b', 10)).toBeUndefined();
    expect(store.take('T', 'a', 1000)).toBeUndefined();
    store.add(data('c'), 2000);
    expect(store.take('T', 'b', 2000)).toBeUndefined();
    expect(store.take('T', 'c', 2500)?.transactionId).toBe('c');
  });
});

describe('receiveFilter', () => {
  const withProps = (props: Record<string, string>): MessageExt => {
    const message = new MessageExt('T', Buffer.from('x'));
    message.putProperties(props);
    return message;
  };

  test('TAG expressions check tags exactly', () => {
    const filter = receiveFilter({ type: FilterType.TAG, expression: 'a || b' }, false);
    expect(filter.accepts?.(withProps({ TAGS: 'a' }))).toBe(true);
    expect(filter.accepts?.(withProps({ TAGS: 'c' }))).toBe(false);
    expect(receiveFilter({ type: FilterType.TAG, expression: '*' }, false).accepts).toBeUndefined();
  });

  test('SQL needs enablePropertyFilter and a compiling expression', () => {
    expect(() => receiveFilter({ type: FilterType.SQL, expression: 'a > 1' }, false)).toThrow(MQError);
    try {
      receiveFilter({ type: FilterType.SQL, expression: 'a >' }, true);
      throw new Error('compiled');
    } catch (error) {
      expect((error as MQError).code).toBe(Code.ILLEGAL_FILTER_EXPRESSION);
    }
    const filter = receiveFilter({ type: FilterType.SQL, expression: 'a > 1' }, true);
    expect(filter.store.isMatchedByConsumeQueue(0)).toBe(true);
    expect(filter.store.isMatchedByCommitLog).toBeDefined();
  });
});

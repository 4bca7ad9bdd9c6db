import { MQError } from '@mq/common';
import { ResponseCode } from '@mq/remoting';
import { alterTopicAttributes } from '../../src/admin/topic-attributes';

function failure(run: () => unknown): MQError {
  try {
    run();
  } catch (error) {
    if (error instanceof MQError) return error;
    throw error;
  }
  throw new Error('expected an MQError');
}

describe('alterTopicAttributes', () => {
  it('sets on create and keeps what an update does not mention', () => {
    const created = alterTopicAttributes({}, '+message.type=FIFO', true);
    expect(created).toEqual({ 'message.type': 'FIFO' });
    expect(alterTopicAttributes(created, '', false)).toEqual({ 'message.type': 'FIFO' });
    expect(alterTopicAttributes(created, '-message.type', false)).toEqual({});
  });

  it.each([
    ['an unknown key', '+no.such.key=1', true, 'unsupported key: no.such.key'],
    ['a value outside the set', '+message.type=WEIRD', true, 'message.type'],
    ['a removal while creating', '-message.type', true, 'only add attribute is supported while creating topic. key: message.type'],
  ])('refuses %s with SYSTEM_ERROR, as Java answers its RuntimeException', (_what, alteration, creating, remark) => {
    const error = failure(() => alterTopicAttributes({}, alteration, creating));
    expect(error.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(error.message).toContain(remark);
  });
});

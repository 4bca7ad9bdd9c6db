import {
  buildPopRetryTopic,
  checkClientGroup,
  checkClientTopic,
  checkGroup,
  checkTopic,
  CommonErrorCode,
  getDLQTopic,
  getRetryTopic,
  getReviveTopic,
  isDLQTopic,
  isNotAllowedSendTopic,
  isPopRetryTopicV2,
  isPredefinedGroup,
  isRetryTopic,
  isSysConsumerGroup,
  isSystemTopic,
  MQError,
  parsePopRetryTopic,
  stripRetryOrDLQPrefix,
  SystemGroup,
  SystemTopic,
  validateGroup,
  validateTopic,
} from '@mq/common';

function errorOf(fn: () => void): MQError {
  try {
    fn();
  } catch (error) {
    return error as MQError;
  }
  throw new Error('expected an MQError');
}

describe('topic and group validation (broker rules)', () => {
  it('accepts the allowed characters', () => {
    expect(validateTopic('Topic_A-1%|x').valid).toBe(true);
    expect(validateGroup('CID_group-1').valid).toBe(true);
  });

  it('gives Java remarks for blank, illegal characters and length', () => {
    expect(validateTopic('  ').remark).toBe('The specified topic is blank.');
    expect(validateTopic('a.b').remark).toBe('The specified topic: a.b, contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$');
    expect(validateTopic('x'.repeat(128)).remark).toBe(`The specified topic: ${'x'.repeat(128)}, is longer than topic max length: 127`);
    expect(validateTopic('x'.repeat(127)).valid).toBe(true);
    expect(validateGroup('g'.repeat(121)).remark).toBe(`The specified group: ${'g'.repeat(121)}, is longer than group max length: 120`);
    expect(validateGroup('').remark).toBe('The specified group is blank.');
    expect(validateTopic('tópico').valid).toBe(false);
  });

  it('lets %RETRY% and %DLQ% topics reach 255 characters', () => {
    expect(validateTopic(`%RETRY%${'g'.repeat(248)}`).valid).toBe(true);
    expect(validateTopic(`%DLQ%${'g'.repeat(251)}`).remark).toMatch(/DLQ or Retry topic: .*longer than topic max length: 255/);
  });

  it('raises INVALID_PARAMETER by default, or the given code', () => {
    expect(errorOf(() => checkTopic('a b')).code).toBe(CommonErrorCode.INVALID_PARAMETER);
    expect(errorOf(() => checkGroup('a b', CommonErrorCode.SYSTEM_ERROR)).code).toBe(CommonErrorCode.SYSTEM_ERROR);
    expect(() => checkTopic('ok')).not.toThrow();
  });

  it('has the client-side variants with their own wording and order', () => {
    const topic = errorOf(() => checkClientTopic(`%RETRY%${'x'.repeat(130)}`));
    expect(topic.code).toBe(CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR);
    expect(topic.remark).toBe('The specified topic is longer than topic max length 127.');
    expect(errorOf(() => checkClientGroup('a/b')).remark).toBe('the specified group[a/b] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$');
  });
});

describe('system topics and groups', () => {
  it('knows the fixed set, the rmq_sys_ prefix and registered names', () => {
    expect(isSystemTopic('TBW102')).toBe(true);
    expect(isSystemTopic('SCHEDULE_TOPIC_XXXX')).toBe(true);
    expect(isSystemTopic('rmq_sys_anything')).toBe(true);
    expect(isSystemTopic('DefaultCluster')).toBe(false);
    expect(isSystemTopic('DefaultCluster', new Set(['DefaultCluster']))).toBe(true);
    expect(getReviveTopic('DefaultCluster')).toBe('rmq_sys_REVIVE_LOG_DefaultCluster');
  });

  it('forbids sends to the internal topics only', () => {
    expect(isNotAllowedSendTopic(SystemTopic.TRANS_HALF)).toBe(true);
    expect(isNotAllowedSendTopic(SystemTopic.AUTO_CREATE_TOPIC_KEY)).toBe(false);
  });

  it('recognises system groups', () => {
    expect(isSysConsumerGroup('CID_RMQ_SYS_TRANS')).toBe(true);
    expect(isSysConsumerGroup('my_group')).toBe(false);
    expect(isPredefinedGroup(SystemGroup.TOOLS_CONSUMER)).toBe(true);
  });
});

describe('retry and DLQ names', () => {
  it('builds, tests and strips the prefixes', () => {
    expect(getRetryTopic('g1')).toBe('%RETRY%g1');
    expect(getDLQTopic('g1')).toBe('%DLQ%g1');
    expect(isRetryTopic('%RETRY%g1')).toBe(true);
    expect(isDLQTopic('%RETRY%g1')).toBe(false);
    expect(stripRetryOrDLQPrefix('%DLQ%g1')).toBe('g1');
    expect(stripRetryOrDLQPrefix('plain')).toBe('plain');
  });

  it('builds and parses POP retry topics in both versions', () => {
    expect(buildPopRetryTopic('T', 'g')).toBe('%RETRY%g_T');
    expect(buildPopRetryTopic('T', 'g', true)).toBe('%RETRY%g+T');
    expect(isPopRetryTopicV2('%RETRY%g+T')).toBe(true);
    expect(parsePopRetryTopic('%RETRY%g_T', 'g')).toBe('T');
    expect(parsePopRetryTopic('%RETRY%g+T', 'g')).toBe('T');
    expect(parsePopRetryTopic('T', 'g')).toBe('T');
  });
});

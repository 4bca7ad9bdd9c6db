import { MQError } from '@mq/common';
import { booleanOption, brokerTarget, integerOption, optionalString, parseTimestamp, permOption, requiredString, validateAttributes } from '../src/cli/args';
import { attributesToMap, parseUpdateSubGroupArgs } from '../src/commands/update-sub-group';
import { orderConf, parseUpdateTopicArgs } from '../src/commands/update-topic';
import { parseConsumeMessageArgs } from '../src/commands/consume-message';
import { splitMessageIds } from '../src/commands/query-msg-by-id';

function rejection(run: () => unknown): MQError {
  try {
    run();
  } catch (error) {
    if (error instanceof MQError) return error;
    throw error;
  }
  throw new Error('expected an MQError');
}

describe('option parsers', () => {
  it('trims strings and treats blank as absent', () => {
    expect(optionalString({ topic: '  T1 ' }, 'topic')).toBe('T1');
    expect(optionalString({ topic: '   ' }, 'topic')).toBeUndefined();
    expect(rejection(() => requiredString({}, 'topic')).remark).toBe('option --topic is required');
  });

  it('parses integers strictly within bounds', () => {
    expect(integerOption({ n: '16' }, 'n', 8)).toBe(16);
    expect(integerOption({}, 'n', 8)).toBe(8);
    expect(rejection(() => integerOption({ n: '1.5' }, 'n', 8)).code).toBe(-3);
    expect(rejection(() => integerOption({ n: '0' }, 'n', 8, 1)).remark).toContain('between 1 and');
  });

  it('parses booleans and permissions', () => {
    expect(booleanOption({ o: 'TRUE' }, 'o', false)).toBe(true);
    expect(booleanOption({}, 'o', false)).toBe(false);
    expect(rejection(() => booleanOption({ o: 'yes' }, 'o', false)).remark).toContain('true or false');
    expect(permOption({ p: '4' }, 'p', 6)).toBe(4);
    expect(rejection(() => permOption({ p: '5' }, 'p', 6)).remark).toBe('option --p must be 2 (W), 4 (R) or 6 (RW), got 5');
  });

  it('parses mqadmin timestamps: now, millis, yyyy-MM-dd#HH:mm:ss:SSS', () => {
    expect(parseTimestamp('now', () => 42)).toBe(42);
    expect(parseTimestamp('1700000000000')).toBe(1_700_000_000_000);
    expect(parseTimestamp('2024-03-04#05:06:07:089')).toBe(new Date(2024, 2, 4, 5, 6, 7, 89).getTime());
    expect(rejection(() => parseTimestamp('2024-02-30#00:00:00:000')).remark).toContain('not a valid date');
    expect(rejection(() => parseTimestamp('yesterday')).remark).toContain('is not a timestamp');
  });

  it('validates attributes like AttributeParser', () => {
    expect(validateAttributes('+message.type=FIFO,-old')).toBe('+message.type=FIFO,-old');
    expect(rejection(() => validateAttributes('message.type=FIFO')).remark).toContain('+key=value or -key');
    expect(rejection(() => validateAttributes('-k=v')).remark).toContain('-k=v');
    expect(attributesToMap('+a=1,+b=x=y,-c')).toEqual({ a: '1', b: 'x=y' });
  });

  it('picks -b over -c and needs one of them', () => {
    expect(brokerTarget({ brokerAddr: '1.2.3.4:10911', clusterName: 'C' })).toEqual({ brokerAddr: '1.2.3.4:10911' });
    expect(brokerTarget({ clusterName: 'C' })).toEqual({ clusterName: 'C' });
    expect(rejection(() => brokerTarget({})).remark).toContain('--brokerAddr (-b) or --clusterName (-c)');
  });
});

describe('command argument parsing', () => {
  it('updateTopic takes mqadmin defaults and unit flags', () => {
    const args = parseUpdateTopicArgs({ clusterName: 'DefaultCluster', topic: 'T', unit: 'true', hasUnitSub: 'true', attributes: '+message.type=FIFO' });
    expect(args.target).toEqual({ clusterName: 'DefaultCluster' });
    expect(args.topic).toEqual({ topic: 'T', readQueueNums: 8, writeQueueNums: 8, perm: 6, order: false, topicSysFlag: 3, attributes: '+message.type=FIFO' });
    expect(orderConf(['b1', 'b2'], 4)).toBe('b1:4;b2:4');
  });

  it('updateSubGroup keeps Java defaults for unset options', () => {
    const { config } = parseUpdateSubGroupArgs({ brokerAddr: 'a:1', groupName: 'G', retryMaxTimes: '3', consumeMessageOrderly: 'true' });
    expect(config).toMatchObject({ groupName: 'G', consumeEnable: true, retryQueueNums: 1, retryMaxTimes: 3, consumeMessageOrderly: true, whichBrokerWhenConsumeSlowly: 1, attributes: {} });
  });

  it('consumeMessage enforces broker before queue, queue before offset, and the time window', () => {
    expect(parseConsumeMessageArgs({ topic: 'T' }, 1000)).toMatchObject({ topic: 'T', messageNumber: 128 });
    expect(rejection(() => parseConsumeMessageArgs({ topic: 'T', queueId: '1' }, 1000)).remark).toBe('Please set the brokerName before queueId!');
    expect(rejection(() => parseConsumeMessageArgs({ topic: 'T', brokerName: 'b', offset: '3' }, 1000)).remark).toBe('Please set queueId before offset!');
    expect(rejection(() => parseConsumeMessageArgs({ topic: 'T', beginTimestamp: '900', endTimestamp: '800' }, 1000)).remark).toContain('less than or equal');
    expect(rejection(() => parseConsumeMessageArgs({ topic: 'T', endTimestamp: '2000' }, 1000)).remark).toBe('Please set the endTimestamp before now!');
  });

  it('queryMsgById splits comma-separated ids', () => {
    expect(splitMessageIds(' a, b,,c ')).toEqual(['a', 'b', 'c']);
  });
});

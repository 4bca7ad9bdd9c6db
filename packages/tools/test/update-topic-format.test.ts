import { formatTopicConfig, parseUpdateTopicArgs } from '../src/commands/update-topic';

describe('formatTopicConfig', () => {
  it("prints attributes as Java's TopicConfig.toString prints the parsed map", () => {
    const { topic } = parseUpdateTopicArgs({ clusterName: 'C', topic: 'T', attributes: '+message.type=FIFO,+reserve.time=3' });
    expect(formatTopicConfig(topic)).toBe(
      'TopicConfig [topicName=T, readQueueNums=8, writeQueueNums=8, perm=RW-, topicFilterType=SINGLE_TAG, topicSysFlag=0, order=false, attributes={+message.type=FIFO, +reserve.time=3}]',
    );
  });

  it('prints an empty map when no attributes are given', () => {
    const { topic } = parseUpdateTopicArgs({ clusterName: 'C', topic: 'T' });
    expect(formatTopicConfig(topic)).toMatch(/, attributes=\{\}\]$/);
  });
});

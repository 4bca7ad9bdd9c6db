import fc from 'fast-check';
import { javaStringHashCode } from '@mq/common';
import { topicKeyHashCode } from '../src/index/index-service';

describe('topicKeyHashCode', () => {
  it('equals the Java hash of "topic#key" for any strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (topic, key) => {
        expect(topicKeyHashCode(topic, key)).toBe(javaStringHashCode(`${topic}#${key}`));
      }),
    );
  });
});

import {
  buildPullSysFlag,
  compressBody,
  compressionTypeOf,
  createTopicConfig,
  decompressBody,
  delayOfLevel,
  formatHostAddress,
  getTransactionType,
  hostFromSocket,
  isReadable,
  isValidPerm,
  isWriteable,
  javaStringHashCode,
  Message,
  MessageConst,
  MessageQueue,
  MessageSysFlag,
  MQError,
  parseDelayLevels,
  parseHostAddress,
  perm2String,
  PullSysFlag,
  resetTransactionType,
} from '@mq/common';
import { inflateSync } from 'node:zlib';

describe('Message', () => {
  it('keeps tags, keys and flags in properties under their Java names', () => {
    const message = new Message('T', Buffer.from('x'), { tags: 'TagA', keys: ['k1', 'k2'], flag: 3 });
    expect(message.getProperty('TAGS')).toBe('TagA');
    expect(message.getProperty('KEYS')).toBe('k1 k2');
    expect(message.keyList).toEqual(['k1', 'k2']);
    expect(message.flag).toBe(3);
    expect(message.waitStoreMsgOK).toBe(true);
    message.waitStoreMsgOK = false;
    expect(message.getProperty('WAIT')).toBe('false');
    message.delayTimeLevel = 3;
    message.deliverTimeMs = 1700000000000;
    expect([message.delayTimeLevel, message.deliverTimeMs]).toEqual([3, 1700000000000]);
    expect(message.getProperty(MessageConst.PROPERTY_TIMER_DELIVER_MS)).toBe('1700000000000');
    message.tags = undefined;
    expect(message.properties.has('TAGS')).toBe(false);
  });

  it('refuses system names and blank values as user properties', () => {
    const message = new Message('T');
    expect(() => message.putUserProperty('UNIQ_KEY', 'x')).toThrow('The Property<UNIQ_KEY> is used by system, input another please');
    expect(() => message.putUserProperty('a', ' ')).toThrow(MQError);
    message.putUserProperty('__proto__', 'safe');
    expect(message.getUserProperty('__proto__')).toBe('safe');
  });

  it('round-trips its properties string', () => {
    const message = new Message('T', Buffer.alloc(0), { properties: { A: '1', B: '2' } });
    const copy = new Message('T');
    copy.propertiesString = message.propertiesString;
    expect([...copy.properties]).toEqual([['A', '1'], ['B', '2']]);
  });
});

describe('MessageQueue', () => {
  it('has a stable key, equality and Java ordering', () => {
    const a = new MessageQueue('T', 'broker-a', 1);
    expect(a.key).toBe('T@broker-a@1');
    expect(a.equals(new MessageQueue('T', 'broker-a', 1))).toBe(true);
    const sorted = [new MessageQueue('T', 'b', 0), new MessageQueue('T', 'a', 2), new MessageQueue('T', 'a', 1)].sort((x, y) => x.compareTo(y));
    expect(sorted.map((q) => q.key)).toEqual(['T@a@1', 'T@a@2', 'T@b@0']);
  });
});

describe('hosts', () => {
  it('parses and formats ip:port, IPv6 with or without brackets', () => {
    expect(parseHostAddress('10.0.0.1:10911')).toEqual({ address: '10.0.0.1', port: 10911 });
    expect(parseHostAddress('[::1]:9876')).toEqual({ address: '::1', port: 9876 });
    expect(parseHostAddress('fd00::2:9876')).toEqual({ address: 'fd00::2', port: 9876 });
    expect(formatHostAddress({ address: '10.0.0.1', port: 1 })).toBe('10.0.0.1:1');
    expect(() => parseHostAddress('nohost')).toThrow(MQError);
    expect(() => parseHostAddress('300.1.1.1:1')).toThrow(MQError);
    expect(() => parseHostAddress('1.2.3.4:99999')).toThrow(MQError);
  });

  it('unwraps IPv4-mapped socket addresses', () => {
    expect(hostFromSocket('::ffff:127.0.0.1', 5)).toEqual({ address: '127.0.0.1', port: 5 });
    expect(hostFromSocket('::1', 5)).toEqual({ address: '::1', port: 5 });
  });
});

describe('flags, permissions and tags code', () => {
  it('renders perms like Java perm2String', () => {
    expect(perm2String(6)).toBe('RW-');
    expect(perm2String(7)).toBe('RWX');
    expect(perm2String(4)).toBe('R--');
    expect(perm2String(0)).toBe('---');
    expect([isReadable(4), isWriteable(4), isValidPerm(8), isValidPerm(7)]).toEqual([true, false, false, true]);
  });

  it('handles transaction types and pull flags', () => {
    expect(getTransactionType(0x301 | MessageSysFlag.TRANSACTION_PREPARED_TYPE)).toBe(MessageSysFlag.TRANSACTION_PREPARED_TYPE);
    expect(resetTransactionType(0x30c, MessageSysFlag.TRANSACTION_COMMIT_TYPE)).toBe(0x308);
    expect(buildPullSysFlag({ commitOffset: true, suspend: true })).toBe(3);
    expect(buildPullSysFlag({ suspend: true, subscription: true, litePull: true })).toBe(PullSysFlag.FLAG_SUSPEND | 0x4 | 0x10);
  });

  it("computes Java's String.hashCode", () => {
    expect(javaStringHashCode('TagA')).toBe(2598919);
    expect(javaStringHashCode('')).toBe(0);
    const reference = (text: string): number =>
      Number(BigInt.asIntN(32, [...text].reduce((h, c) => h * 31n + BigInt(c.charCodeAt(0)), 0n)));
    for (const text of ['a much longer tag that overflows', 'TagB||TagC', '中文标签']) {
      expect(javaStringHashCode(text)).toBe(reference(text));
    }
  });

  it('creates topic configs with the Java defaults', () => {
    expect(createTopicConfig('T', { perm: 7 })).toEqual({
      topicName: 'T',
      readQueueNums: 16,
      writeQueueNums: 16,
      perm: 7,
      topicFilterType: 'SINGLE_TAG',
      topicSysFlag: 0,
      order: false,
      attributes: {},
    });
  });
});

describe('compression', () => {
  it('produces an RFC 1950 zlib stream and the 0x301 sysFlag bits', () => {
    const body = Buffer.from('abc'.repeat(2000));
    const compressed = compressBody(body);
    expect(compressed.sysFlagBits).toBe(0x301);
    expect(compressed.body[0]).toBe(0x78);
    expect(inflateSync(compressed.body).equals(body)).toBe(true);
    expect(decompressBody(compressed.body, 0x1).equals(body)).toBe(true);
  });

  it('maps type bits like Java and refuses what it cannot inflate', () => {
    expect([0x1, 0x101, 0x201, 0x301].map(compressionTypeOf)).toEqual(['ZLIB', 'LZ4', 'ZSTD', 'ZLIB']);
    expect(() => compressionTypeOf(0x401)).toThrow(MQError);
    expect(() => decompressBody(Buffer.from('not zlib'), 0x301)).toThrow(/not a valid zlib stream/);
    expect(() => decompressBody(Buffer.alloc(4), 0x201)).toThrow(/ZSTD/);
  });
});

describe('delay levels', () => {
  it('parses the default table into 18 levels and clamps', () => {
    const levels = parseDelayLevels();
    expect(levels).toHaveLength(18);
    expect(levels.slice(0, 5)).toEqual([1000, 5000, 10000, 30000, 60000]);
    expect(delayOfLevel(levels, 18)).toBe(7_200_000);
    expect(delayOfLevel(levels, 99)).toBe(7_200_000);
    expect(delayOfLevel(levels, 0)).toBe(0);
    expect(parseDelayLevels('1d 2s')).toEqual([86_400_000, 2000]);
    expect(() => parseDelayLevels('1s 5x')).toThrow(/"5x"/);
  });
});

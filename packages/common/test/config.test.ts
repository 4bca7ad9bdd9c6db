import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  configField,
  defaultConfig,
  formatConfig,
  loadConfig,
  MQError,
  namesrvConfigSchema,
  parseCommandLine,
  parseConfigValue,
  parseJavaProperties,
} from '@mq/common';

describe('Java .properties parser', () => {
  const entries = (text: string) => [...parseJavaProperties(text)];

  it('accepts =, : and whitespace separators, with spaces around them', () => {
    expect(entries('a=1\nb:2\nc 3\nd  =  4\ne\t:\t5\nf = = 6\n')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4'],
      ['e', '5'],
      ['f', '= 6'],
    ]);
  });

  it('skips # and ! comments and blank lines, and keeps trailing spaces of values', () => {
    expect(entries('# comment\n  ! other\n\n   \nkey = value  \n')).toEqual([['key', 'value  ']]);
  });

  it('joins continuation lines, skipping the next line leading whitespace', () => {
    expect(entries('list = a,\\\n      b,\\\n   c\nnext=1')).toEqual([
      ['list', 'a,b,c'],
      ['next', '1'],
    ]);
    expect(entries('even=a\\\\\nnext=1')).toEqual([
      ['even', 'a\\'],
      ['next', '1'],
    ]);
    expect(entries('# comment \\\nkey=v')).toEqual([['key', 'v']]);
    expect(entries('last=x\\')).toEqual([['last', 'x']]);
  });

  it('handles \\r\\n and \\r line ends', () => {
    expect(entries('a=1\r\nb=2\rc=3')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
  });

  it('resolves escapes in keys and values', () => {
    expect(entries('my\\ key\\=x = tab\\there\\u0041\\n\\\\ \\q')).toEqual([['my key=x', 'tab\there\u0041\n\\ q']]);
    expect(entries('empty=\nbare')).toEqual([
      ['empty', ''],
      ['bare', ''],
    ]);
  });

  it('refuses a malformed \\u escape with MQError', () => {
    expect(() => parseJavaProperties('a=\\u12G4')).toThrow(MQError);
  });

  it('lets the last duplicate win', () => {
    expect(parseJavaProperties('a=1\na=2').get('a')).toBe('2');
  });

  it('reads back simple key=value lines it is given', () => {
    const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.]{0,15}$/);
    const value = fc.stringMatching(/^[A-Za-z0-9/;.,_-]*$/);
    fc.assert(
      fc.property(fc.dictionary(key, value), (record) => {
        const text = Object.entries(record).map(([k, v]) => `${k}=${v}`).join('\n');
        expect(Object.fromEntries(parseJavaProperties(text))).toEqual(record);
      }),
    );
  });
});

describe('config schema', () => {
  const schema = {
    name: configField.string('n', 'a name'),
    port: configField.int(1, 'a port'),
    offset: configField.long(0),
    enabled: configField.boolean(false),
    ratio: configField.float(0.5),
    mode: configField.enum(['ASYNC_FLUSH', 'SYNC_FLUSH'] as const, 'ASYNC_FLUSH'),
    home: configField.string('', 'home', { env: 'ROCKETMQ_HOME' }),
  };

  it('parses each type and refuses bad values naming the key', () => {
    expect(parseConfigValue('port', schema.port, ' 10911 ')).toBe(10911);
    expect(parseConfigValue('offset', schema.offset, '4294967296')).toBe(4294967296);
    expect(parseConfigValue('enabled', schema.enabled, 'TRUE')).toBe(true);
    expect(parseConfigValue('ratio', schema.ratio, '0.75')).toBe(0.75);
    expect(parseConfigValue('mode', schema.mode, 'SYNC_FLUSH')).toBe('SYNC_FLUSH');
    expect(parseConfigValue('name', schema.name, '  x  ')).toBe('x');
    expect(() => parseConfigValue('port', schema.port, '2147483648')).toThrow('config key port: "2147483648" is not a 32-bit integer');
    expect(() => parseConfigValue('port', schema.port, '1.5')).toThrow(MQError);
    expect(() => parseConfigValue('enabled', schema.enabled, 'yes')).toThrow(/config key enabled/);
    expect(() => parseConfigValue('ratio', schema.ratio, 'abc')).toThrow(/config key ratio/);
    expect(() => parseConfigValue('mode', schema.mode, 'sync')).toThrow(/one of ASYNC_FLUSH, SYNC_FLUSH/);
  });

  it('takes env-backed defaults from the environment', () => {
    expect(defaultConfig(schema, {}).home).toBe('');
    expect(defaultConfig(schema, { ROCKETMQ_HOME: '/opt/rocketmq' }).home).toBe('/opt/rocketmq');
  });

  describe('loading', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'mq-common-config-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('layers defaults, env, file and overrides, and reports unknown keys', async () => {
      const file = join(dir, 'broker.conf');
      await writeFile(file, '# broker\nname = fromFile\nport=2\nenabled=true\nbrokerIP9=1.2.3.4\n');
      const unknown: Array<[string, string]> = [];
      const config = loadConfig(schema, {
        env: { ROCKETMQ_HOME: '/home/rmq' },
        file,
        overrides: [['port', '3']],
        onUnknownKey: (key, value) => unknown.push([key, value]),
      });
      expect(config).toEqual({ name: 'fromFile', port: 3, offset: 0, enabled: true, ratio: 0.5, mode: 'ASYNC_FLUSH', home: '/home/rmq' });
      expect(unknown).toEqual([['brokerIP9', '1.2.3.4']]);
      expect(formatConfig(schema, config)[1]).toBe('port=3');
    });

    it('refuses a missing file and a bad value with MQError', async () => {
      expect(() => loadConfig(schema, { file: join(dir, 'missing.conf') })).toThrow(/cannot read config file/);
      const file = join(dir, 'bad.conf');
      await writeFile(file, 'port=abc\n');
      expect(() => loadConfig(schema, { file })).toThrow('config key port: "abc" is not a 32-bit integer');
    });
  });

  it('never treats inherited object keys as known fields', () => {
    const unknown: string[] = [];
    loadConfig(schema, { env: {}, overrides: [['toString', 'x']], onUnknownKey: (key) => unknown.push(key) });
    expect(unknown).toEqual(['toString']);
  });
});

describe('command line', () => {
  it('parses long, short (aliased) and bare flags', () => {
    const { options, positionals } = parseCommandLine(['-c', 'broker.conf', '--listenPort=9877', '--brokerId', '-1', '--enable', '-n', 'a:1;b:2', 'extra'], {
      c: 'configFile',
      n: 'namesrvAddr',
    });
    expect(Object.fromEntries(options)).toEqual({
      configFile: 'broker.conf',
      listenPort: '9877',
      brokerId: '-1',
      enable: 'true',
      namesrvAddr: 'a:1;b:2',
    });
    expect(positionals).toEqual(['extra']);
  });

  it('refuses unknown short options', () => {
    expect(() => parseCommandLine(['-z'])).toThrow(/unknown option -z/);
  });
});

describe('NamesrvConfig schema', () => {
  it("has RocketMQ's keys and defaults", () => {
    const config = loadConfig(namesrvConfigSchema, { env: {} });
    expect(config.listenPort).toBe(9876);
    expect(config.scanNotActiveBrokerInterval).toBe(5000);
    expect(config.brokerChannelExpiredTime).toBe(120000);
    expect(config.orderMessageEnable).toBe(false);
    expect(config.kvConfigPath).toMatch(/namesrv[/\\]kvConfig\.json$/);
    expect(config.serverChannelMaxIdleTimeSeconds).toBe(120);
    expect(loadConfig(namesrvConfigSchema, { env: { ROCKETMQ_HOME: '/opt/rmq' } }).rocketmqHome).toBe('/opt/rmq');
  });
});

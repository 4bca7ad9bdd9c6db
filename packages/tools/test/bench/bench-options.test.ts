import { MQError } from '@mq/common';
import { parseBenchArgv, type BenchOptionSpec } from '../../src/bench/options/argv-parser';
import { BATCH_PRODUCER_OPTION_SPECS, parseBatchProducerOptions } from '../../src/bench/options/batch-producer-options';
import { CONSUMER_OPTION_SPECS, parseConsumerOptions } from '../../src/bench/options/consumer-options';
import { PRODUCER_OPTION_SPECS, parseProducerOptions } from '../../src/bench/options/producer-options';
import { TIMER_PRODUCER_OPTION_SPECS, parseTimerProducerOptions } from '../../src/bench/options/timer-producer-options';
import { TRANSACTION_PRODUCER_OPTION_SPECS, parseTransactionProducerOptions } from '../../src/bench/options/transaction-producer-options';

const NO_ENV = {};

function rejection(run: () => unknown): MQError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MQError);
    expect((error as MQError).code).toBe(-3);
    return error as MQError;
  }
  throw new Error('expected a rejection');
}

const producer = (...argv: string[]) => parseProducerOptions(parseBenchArgv(argv, PRODUCER_OPTION_SPECS), NO_ENV);
const consumer = (...argv: string[]) => parseConsumerOptions(parseBenchArgv(argv, CONSUMER_OPTION_SPECS), NO_ENV, () => 1234);
const tproducer = (...argv: string[]) => parseTransactionProducerOptions(parseBenchArgv(argv, TRANSACTION_PRODUCER_OPTION_SPECS), NO_ENV, () => 42);
const batch = (...argv: string[]) => parseBatchProducerOptions(parseBenchArgv(argv, BATCH_PRODUCER_OPTION_SPECS), NO_ENV);
const timer = (...argv: string[]) => parseTimerProducerOptions(parseBenchArgv(argv, TIMER_PRODUCER_OPTION_SPECS), NO_ENV);

describe('the Commons-CLI style argv parser', () => {
  const specs: BenchOptionSpec[] = [
    { short: 'ri', long: 'reportInterval', arg: 'ms', description: '' },
    { short: 'h', long: 'help', description: '' },
  ];

  it('takes multi-letter short options, long options and --long=value', () => {
    expect(parseBenchArgv(['-ri', '5'], specs)).toEqual({ reportInterval: '5' });
    expect(parseBenchArgv(['--reportInterval', '6', '-h'], specs)).toEqual({ reportInterval: '6', help: true });
    expect(parseBenchArgv(['--reportInterval=7'], specs)).toEqual({ reportInterval: '7' });
  });

  it('refuses unknown, repeated, value-less options and stray arguments', () => {
    expect(rejection(() => parseBenchArgv(['-x'], specs)).remark).toBe('unknown option -x; see --help');
    expect(rejection(() => parseBenchArgv(['-ri', '1', '-ri', '2'], specs)).remark).toBe('option -ri given twice');
    expect(rejection(() => parseBenchArgv(['-ri'], specs)).remark).toBe('option -ri needs a value <ms>');
    expect(rejection(() => parseBenchArgv(['--help=yes'], specs)).remark).toBe('option --help takes no value');
    expect(rejection(() => parseBenchArgv(['stray'], specs)).remark).toBe('unexpected argument "stray"');
  });
});

describe('shared run options', () => {
  it('defaults -n to NAMESRV_ADDR, else 127.0.0.1:9876, and leaves the run unbounded', () => {
    expect(producer()).toMatchObject({ namesrvAddr: '127.0.0.1:9876', json: false, reportIntervalMs: 10_000 });
    expect(producer().durationSec).toBeUndefined();
    expect(producer().messages).toBeUndefined();
    expect(parseProducerOptions({}, { NAMESRV_ADDR: 'ns:9876' }).namesrvAddr).toBe('ns:9876');
    expect(producer('-n', 'a:1;b:2').namesrvAddr).toBe('a:1;b:2');
  });

  it('reads --duration, --messages, --json and -ri, refusing bad values', () => {
    expect(producer('--duration', '2.5', '--messages', '100', '--json', '-ri', '1000')).toMatchObject({ durationSec: 2.5, messages: 100, json: true, reportIntervalMs: 1000 });
    expect(rejection(() => producer('--duration', '0')).remark).toMatch(/--duration must be between/);
    expect(rejection(() => producer('--duration', 'soon')).remark).toBe('option --duration must be a number, got "soon"');
    expect(rejection(() => producer('--messages', '0')).remark).toMatch(/--messages must be between 1/);
    expect(rejection(() => producer('-ri', 'x')).remark).toBe('option --reportInterval must be an integer, got "x"');
  });
});

describe('producer options', () => {
  it('has Java\'s defaults', () => {
    expect(producer()).toMatchObject({
      topic: 'BenchmarkTest',
      threadCount: 64,
      messageSize: 128,
      keyEnable: false,
      propertySize: 0,
      tagCount: 0,
      delayEnable: false,
      delayLevel: 1,
      asyncEnable: false,
      compression: { enabled: false, level: 5, overHowMuch: 4096 },
    });
  });

  it('reads every flag', () => {
    const options = producer('-t', 'T', '-w', '8', '-s', '1024', '-k', 'true', '-p', '64', '-l', '4', '-q', '500', '-d', 'true', '-e', '3', '-c', 'true', '-ct', 'zlib', '-cl', '9', '-ch', '100', '-m', 'false', '-a', 'false');
    expect(options).toMatchObject({ topic: 'T', threadCount: 8, messageSize: 1024, keyEnable: true, propertySize: 64, tagCount: 4, messages: 500, delayEnable: true, delayLevel: 3 });
    expect(options.compression).toEqual({ enabled: true, level: 9, overHowMuch: 100 });
  });

  it('uses one sender with -y true, as Java does', () => {
    expect(producer('-y', 'true', '-w', '16')).toMatchObject({ asyncEnable: true, threadCount: 1 });
  });

  it('refuses bad values and what @mq/client cannot do', () => {
    expect(rejection(() => producer('-w', '0')).remark).toMatch(/--threadCount must be between 1/);
    expect(rejection(() => producer('-s', '-1')).remark).toMatch(/--messageSize must be between 1/);
    expect(rejection(() => producer('-k', 'yes')).remark).toBe('option --keyEnable must be true or false, got "yes"');
    expect(rejection(() => producer('-e', '0')).remark).toMatch(/--delayLevel must be between 1/);
    expect(rejection(() => producer('-q', '5', '--messages', '5')).remark).toBe('give either -q (messageQuantity) or --messages, not both');
    expect(rejection(() => producer('-ct', 'LZ4')).remark).toMatch(/--compressType LZ4 is not supported/);
    expect(rejection(() => producer('-cl', '10')).remark).toMatch(/--compressLevel must be between 0 and 9/);
    expect(rejection(() => producer('-m', 'true')).remark).toMatch(/--msgTraceEnable true is not supported: @mq\/client has no message trace/);
    expect(rejection(() => producer('-a', 'true')).remark).toMatch(/--aclEnable true is not supported/);
    expect(rejection(() => producer('-ak', 'key')).remark).toMatch(/--accessKey is not supported/);
    expect(rejection(() => producer('-sk', 'secret')).remark).toMatch(/--secretKey is not supported/);
  });
});

describe('consumer options', () => {
  it('has Java\'s defaults', () => {
    expect(consumer()).toMatchObject({ topic: 'BenchmarkTest', threadCount: 20, group: 'benchmark_consumer', failRate: 0 });
    expect(consumer().filter).toBeUndefined();
  });

  it('reads every flag; -p appends now % 100 to the group', () => {
    expect(consumer('-t', 'T', '-w', '4', '-g', 'G', '-p', 'true', '-f', 'SQL92', '-e', '/tmp/expr', '-r', '0.25', '-c', 'true')).toMatchObject({
      topic: 'T',
      threadCount: 4,
      group: 'G_34',
      filter: { type: 'SQL92', expressionFile: '/tmp/expr' },
      failRate: 0.25,
    });
  });

  it('refuses bad values and server-side rebalance', () => {
    expect(rejection(() => consumer('-f', 'REGEX', '-e', 'x')).remark).toBe('Not support filter type! REGEX (use TAG or SQL92)');
    expect(rejection(() => consumer('-f', 'TAG')).remark).toBe('options -f (filterType) and -e (expression file) go together');
    expect(rejection(() => consumer('-r', '1.5')).remark).toMatch(/--failRate must be between 0 and 1/);
    expect(rejection(() => consumer('-c', 'false')).remark).toMatch(/--clientRebalanceEnable false is not supported/);
  });
});

describe('tproducer options', () => {
  it('has Java\'s defaults', () => {
    expect(tproducer()).toMatchObject({
      topic: 'BenchmarkTest',
      threadCount: 32,
      messageSize: 2048,
      sendRollbackRate: 0,
      sendUnknownRate: 0,
      checkRollbackRate: 0,
      checkUnknownRate: 0,
      batchId: 42,
      sendIntervalMs: 0,
    });
  });

  it('reads every flag and refuses bodies too small for the header', () => {
    expect(tproducer('-w', '2', '-s', '100', '-sr', '0.1', '-su', '0.2', '-cr', '0.3', '-cu', '0.4', '-b', '7', '-i', '5', '-ri', '2000')).toMatchObject({
      threadCount: 2,
      messageSize: 100,
      sendRollbackRate: 0.1,
      sendUnknownRate: 0.2,
      checkRollbackRate: 0.3,
      checkUnknownRate: 0.4,
      batchId: 7,
      sendIntervalMs: 5,
      reportIntervalMs: 2000,
    });
    expect(rejection(() => tproducer('-s', '36')).remark).toMatch(/--messageSize must be between 37/);
    expect(rejection(() => tproducer('-su', '-0.1')).remark).toMatch(/--sendUnknownRate must be between 0 and 1/);
  });
});

describe('batchproducer options', () => {
  it('has Java\'s defaults and reads every flag', () => {
    expect(batch()).toMatchObject({ topic: 'BenchmarkTest', threadCount: 64, messageSize: 128, batchSize: 16, keyEnable: false, propertySize: 0, tagCount: 0 });
    expect(batch('-t', 'T', '-w', '3', '-s', '10', '-b', '4', '-k', 'true', '-p', '9', '-l', '2', '-c', 'true')).toMatchObject({
      topic: 'T',
      threadCount: 3,
      messageSize: 10,
      batchSize: 4,
      keyEnable: true,
      propertySize: 9,
      tagCount: 2,
      compression: { enabled: true },
    });
    expect(rejection(() => batch('-b', '0')).remark).toMatch(/--batchSize must be between 1/);
  });
});

describe('timer options', () => {
  it('has the defaults Java\'s code uses and a fixed 10 s report', () => {
    expect(timer()).toMatchObject({ topic: 'BenchmarkTest', threadCount: 16, messageSize: 1024, precisionMs: 1000, slotsTotal: 100, msgsTotalPerSlotThread: 5000, slotDistanceMs: 1000, reportIntervalMs: 10_000 });
  });

  it('reads every flag and refuses -ri and oversized plans', () => {
    expect(timer('-t', 'T', '-tc', '2', '-ms', '8', '-p', '100', '-st', '3', '-mt', '4', '-sd', '50')).toMatchObject({
      topic: 'T',
      threadCount: 2,
      messageSize: 8,
      precisionMs: 100,
      slotsTotal: 3,
      msgsTotalPerSlotThread: 4,
      slotDistanceMs: 50,
    });
    expect(rejection(() => timer('-ri', '1000')).remark).toBe('unknown option -ri; see --help');
    expect(rejection(() => timer('-st', '100000', '-mt', '1000')).remark).toMatch(/-st × -mt must stay within/);
  });
});

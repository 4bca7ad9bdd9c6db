import fc from 'fast-check';
import { MessageConst, MessageExt } from '@mq/common';
import { runMq, renderSummary } from '../../src/bench/bench-command';
import type { BenchOutput } from '../../src/bench/report/bench-output';
import type { BenchSummary } from '../../src/bench/report/bench-summary';
import { formatBatchLine, formatConsumerLine, formatProducerLine, formatTimerLine, formatTransactionLine } from '../../src/bench/report/report-lines';
import { WindowedReport } from '../../src/bench/report/windowed-report';
import { RunBudget } from '../../src/bench/run-budget';
import { LatencyHistogram } from '../../src/bench/stats/latency-histogram';
import { SendStats } from '../../src/bench/stats/send-stats';
import { producerFigures, sendProgress } from '../../src/bench/workloads/send-report';
import { BenchTransactionListener, writeTransactionHeader } from '../../src/bench/workloads/transaction-check-listener';

const NOW = new Date(2024, 0, 2, 3, 4, 5, 67).getTime();
const TIME = '2024-01-02 03:04:05,067';

describe('report lines in Java\'s wording', () => {
  it('producer', () => {
    expect(formatProducerLine(NOW, { sendTps: 1234, maxRtMs: 17.9, avgRtMs: 1.23456, sendFailed: 2, responseFailed: 3 })).toBe(
      `Current Time: ${TIME} | Send TPS: 1234 | Max RT(ms): 17 | Average RT(ms):   1.235 | Send Failed: 2 | Response Failed: 3`,
    );
  });

  it('consumer', () => {
    expect(formatConsumerLine(NOW, { consumeTps: 99, avgB2CMs: 2.5, avgS2CMs: 1.25, maxB2CMs: 12, maxS2CMs: 7, consumeFailed: 1 })).toBe(
      `Current Time: ${TIME} | Consume TPS: 99 | AVG(B2C) RT(ms):   2.500 | AVG(S2C) RT(ms):   1.250 | MAX(B2C) RT(ms): 12 | MAX(S2C) RT(ms): 7 | Consume Fail: 1`,
    );
  });

  it('tproducer, batchproducer and timer', () => {
    expect(formatTransactionLine(NOW, { sendTps: 42, maxRtMs: 9, avgRtMs: 3.14, sendFailed: 0, checks: 5, unexpectedChecks: 1, duplicatedChecks: 2 })).toBe(
      `Current Time: ${TIME} | Send TPS:    42 | Max RT(ms):     9 | AVG RT(ms): 3.1 | Send Failed: 0 | Check: 5 | UnexpectedCheck: 1 | DuplicatedCheck: 2`,
    );
    expect(formatBatchLine(NOW, { sendTps: 10, sendMps: 160, maxRtMs: 5, avgRtMs: 2, avgMessageRtMs: 0.125, sendFailed: 1, sendMessageFailed: 16 })).toBe(
      `Current Time: ${TIME} | Send TPS: 10 | Send MPS: 160 | Max RT(ms): 5 | Average RT(ms):   2.000 | Average Message RT(ms):   0.125 | Send Failed: 1 | Send Message Failed: 16`,
    );
    expect(formatTimerLine({ sendTps: 7, maxRtMs: 3, avgRtMs: 1, sendFailed: 0, responseFailed: 0 })).toBe('Send TPS: 7, Max RT: 3, Average RT:   1.000, Send Failed: 0, Response Failed: 0');
  });

  it('an idle window prints NaN like Java', () => {
    expect(formatProducerLine(NOW, { sendTps: 0, maxRtMs: 0, avgRtMs: Number.NaN, sendFailed: 0, responseFailed: 0 })).toContain('Average RT(ms):     NaN');
  });
});

describe('windowed figures', () => {
  it('computes TPS and average RT over the window, failures cumulatively', () => {
    const stats = new SendStats();
    const report = new WindowedReport((nowMs) => stats.snapshot(nowMs), (begin, end, nowMs) => formatProducerLine(nowMs, producerFigures(begin, end, stats.maxRtMs)), sendProgress);
    stats.recordFailure('request');
    report.sample(1000);
    expect(report.reportLine(NOW)).toBeUndefined();
    for (let i = 0; i < 50; i++) stats.recordSuccess(2);
    stats.recordFailure('response');
    report.sample(3000);
    expect(report.reportLine(NOW)).toBe(`Current Time: ${TIME} | Send TPS: 25 | Max RT(ms): 2 | Average RT(ms):   2.000 | Send Failed: 1 | Response Failed: 1`);
    expect(report.progressLine()).toBe('sent 50 | 25 msg/s | failed 2');
  });
});

describe('latency histogram', () => {
  it('percentiles are ordered and within 0.1% of the recorded values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 200 }), (micros) => {
        const histogram = new LatencyHistogram();
        for (const value of micros) histogram.recordMs(value / 1000);
        const summary = histogram.summary();
        const sorted = [...micros].sort((a, b) => a - b);
        expect(summary.count).toBe(micros.length);
        expect(summary.p50Ms).toBeLessThanOrEqual(summary.p99Ms);
        expect(summary.p99Ms).toBeLessThanOrEqual(summary.p999Ms);
        expect(summary.p999Ms).toBeLessThanOrEqual(summary.maxMs);
        expect(Math.abs(summary.maxMs * 1000 - sorted[sorted.length - 1]!)).toBeLessThanOrEqual(sorted[sorted.length - 1]! * 0.001 + 1);
      }),
    );
  });

  it('summarises nothing as zeros', () => {
    expect(new LatencyHistogram().summary()).toEqual({ count: 0, avgMs: 0, maxMs: 0, p50Ms: 0, p99Ms: 0, p999Ms: 0 });
  });
});

describe('run budget', () => {
  it('grants exactly the bounded count across takers, then stops', async () => {
    const budget = new RunBudget({ messages: 10 });
    expect([budget.take(4), budget.take(4), budget.take(4), budget.take(4)]).toEqual([4, 4, 2, 0]);
    expect(budget.isStopped).toBe(true);
    await budget.stopped;
  });

  it('stop() ends an unbounded run', async () => {
    const budget = new RunBudget({});
    expect(budget.take(1000)).toBe(1000);
    budget.stop();
    await budget.stopped;
    expect(budget.take()).toBe(0);
  });
});

describe('transaction check-backs', () => {
  const rates = { sendRollbackRate: 0, sendUnknownRate: 1, checkRollbackRate: 0, checkUnknownRate: 1 };

  function checked(body: Buffer, times: number): MessageExt {
    const message = new MessageExt('T', body);
    message.putProperty(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES, String(times));
    return message;
  }

  it('answers the outcomes carried in the body and counts duplicated and foreign checks', () => {
    const listener = new BenchTransactionListener(77);
    const body = Buffer.alloc(64);
    writeTransactionHeader(body, 77, Date.now(), 1, rates);
    expect(listener.executeLocalTransaction(new MessageExt('T', body))).toBe('UNKNOW');
    expect(listener.checkLocalTransaction(checked(body, 1))).toBe('UNKNOW');
    expect(listener.checkLocalTransaction(checked(body, 1))).toBe('UNKNOW');
    expect(listener.counts).toEqual({ checks: 2, unexpectedChecks: 0, duplicatedChecks: 1 });
    const other = Buffer.alloc(64);
    writeTransactionHeader(other, 78, Date.now(), 2, rates);
    expect(listener.checkLocalTransaction(checked(other, 1))).toBe('ROLLBACK_MESSAGE');
    expect(listener.counts.checks).toBe(2);
  });

  it('a check of a committed message is unexpected and answers the local outcome', () => {
    const listener = new BenchTransactionListener(5);
    const body = Buffer.alloc(40);
    writeTransactionHeader(body, 5, Date.now(), 1, { ...rates, sendUnknownRate: 0 });
    expect(listener.checkLocalTransaction(checked(body, 2))).toBe('COMMIT_MESSAGE');
    expect(listener.counts.unexpectedChecks).toBe(1);
  });
});

describe('mq command line', () => {
  function capture(): { output: BenchOutput; text: { out: string; err: string } } {
    const text = { out: '', err: '' };
    return { text, output: { out: (chunk) => void (text.out += chunk), err: (chunk) => void (text.err += chunk) } };
  }

  it('prints usage for no arguments and for bench --help, and workload help', async () => {
    const { output, text } = capture();
    expect(await runMq([], output)).toBe(0);
    expect(await runMq(['bench', '--help'], output)).toBe(0);
    expect(text.out).toContain('Usage: mq bench <workload> [options]');
    expect(text.out).toMatch(/ {2}tproducer +Send transactional messages/);
    expect(await runMq(['bench', 'producer', '-h'], output)).toBe(0);
    expect(text.out).toContain('-ri, --reportInterval <ms>');
  });

  it('fails with a clear message on unknown workloads and bad flags', async () => {
    const { output, text } = capture();
    expect(await runMq(['bench', 'nope'], output)).toBe(1);
    expect(text.err).toContain('unknown command: mq bench nope');
    expect(await runMq(['bench', 'producer', '-w', 'many'], output)).toBe(1);
    expect(text.err).toContain('mq bench producer failed: CLIENT_PARAMETER_CHECK_ERROR (-3): option --threadCount must be an integer, got "many"');
  });

  it('renders a summary as one JSON line, or Java\'s closing line and a table', () => {
    const summary: BenchSummary = {
      workload: 'producer',
      topic: 'T',
      threadCount: 4,
      messageSize: 128,
      startTimestamp: NOW,
      elapsedMs: 2000,
      messages: 1000,
      failed: 1,
      tps: 500,
      latency: { count: 1000, avgMs: 1.5, maxMs: 9.25, p50Ms: 1.2, p99Ms: 5, p999Ms: 9 },
      counters: { sendFailed: 1, responseFailed: 0 },
    };
    expect(JSON.parse(renderSummary(summary, true))).toEqual(summary);
    expect(renderSummary(summary, true).trim().split('\n')).toHaveLength(1);
    const text = renderSummary(summary, false);
    expect(text.split('\n')[0]).toBe('[Complete] Send Total: 1001 | Send TPS: 500 | Max RT(ms): 9 | Average RT(ms):   1.500 | Send Failed: 1 | Response Failed: 0');
    expect(text).toMatch(/│ RT \(ms\) +│ avg 1\.500 \| p50 1\.200 \| p99 5\.000 \| p99\.9 9\.000 \| max 9\.250 │/);
  });
});

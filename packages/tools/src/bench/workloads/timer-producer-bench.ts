import { randomInt } from 'node:crypto';
import { Producer } from '@mq/client';
import { MessageConst, Message } from '@mq/common';
import { measureRun, withClient, type BenchRunContext } from '../bench-session';
import type { TimerProducerBenchOptions } from '../options/timer-producer-options';
import type { BenchSummary } from '../report/bench-summary';
import { formatTimerLine } from '../report/report-lines';
import { WindowedReport } from '../report/windowed-report';
import { runSenders, timedSend } from '../send-loops';
import { SendStats } from '../stats/send-stats';
import { BENCH_PRODUCER_GROUP } from './producer-bench';
import { producerFigures, sendProgress, sendSummary } from './send-report';

/** User property on which Java's timer benchmark records the requested delivery time. */
export const RECORD_TIMER_DELIVER_MS = 'MY_RECORD_TIMER_DELIVER_MS';

/** Java's timer benchmark delivers from two minutes (and 10 ms) after the start. */
const FIRST_DELIVERY_DELAY_MS = 2 * 60 * 1000 + 10;

/** Every sender sends `msgsTotalPerSlotThread` messages to each slot, in one shuffled order shared by all. */
export function shuffledSlots(slotsTotal: number, perSlot: number): Uint32Array {
  const slots = new Uint32Array(slotsTotal * perSlot);
  for (let i = 0; i < slots.length; i++) slots[i] = Math.floor(i / perSlot);
  for (let i = slots.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  return slots;
}

/** Messages the Java tool sends in all: every sender sends every slot's share. */
export function timerMessageTotal(options: TimerProducerBenchOptions): number {
  return options.threadCount * options.slotsTotal * options.msgsTotalPerSlotThread;
}

/**
 * `mq bench timer`: timer messages (`TIMER_DELIVER_MS`) spread over `slotsTotal` delivery
 * times `slotDis` ms apart, starting two minutes from now rounded to `precisionMs`.
 */
export async function runTimerProducerBench(options: TimerProducerBenchOptions, context: BenchRunContext = {}): Promise<BenchSummary> {
  const producer = new Producer({ namesrvAddr: options.namesrvAddr, group: BENCH_PRODUCER_GROUP, compressMsgBodyOverHowmuch: Number.MAX_SAFE_INTEGER });
  const stats = new SendStats();
  const report = new WindowedReport((nowMs) => stats.snapshot(nowMs), (begin, end) => formatTimerLine(producerFigures(begin, end, stats.maxRtMs)), sendProgress);
  const body = Buffer.alloc(options.messageSize, 'a');
  const slots = shuffledSlots(options.slotsTotal, options.msgsTotalPerSlotThread);
  const firstDeliveryMs = Math.floor(Date.now() / options.precisionMs) * options.precisionMs + FIRST_DELIVERY_DELAY_MS;
  let sequence = 0;
  const timerMessage = (): Message => {
    const deliverMs = String(firstDeliveryMs + slots[sequence++ % slots.length]! * options.slotDistanceMs);
    return new Message(options.topic, body, { properties: { [RECORD_TIMER_DELIVER_MS]: deliverMs, [MessageConst.PROPERTY_TIMER_DELIVER_MS]: deliverMs } });
  };
  const bounds = { ...options, messages: Math.min(options.messages ?? Number.POSITIVE_INFINITY, timerMessageTotal(options)) };
  return withClient(producer, async () => {
    const timing = await measureRun(bounds, context, report, (budget) =>
      runSenders(options.threadCount, budget, 1, () =>
        timedSend(stats, budget, 1, async () => {
          await producer.send(timerMessage());
          return true;
        }),
      ),
    );
    return sendSummary({ workload: 'timer', topic: options.topic, threadCount: options.threadCount, messageSize: options.messageSize }, stats, timing, {
      firstDeliveryTimestamp: firstDeliveryMs,
    });
  });
}

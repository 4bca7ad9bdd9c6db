/**
 * What one send phase achieved: messages per second, the mean time to an answer, and the
 * client process's CPU time (all threads) per message, which machine load disturbs far less than rates.
 */
export interface SendFigures {
  tps: number;
  avgRtMs: number;
  sent: number;
  failed: number;
  cpuUsPerMsg: number;
}

/** One client's run of the workload: 1 in flight, N in flight, then draining the backlog. */
export interface ThroughputFigures {
  send1: SendFigures;
  sendN: SendFigures;
  consume: { tps: number; consumed: number; cpuUsPerMsg: number };
}

/** The workload both clients run, on a topic created beforehand. */
export interface ThroughputWorkload {
  namesrvAddr: string;
  topic: string;
  /** Producer group `<group>_P`, consumer group `<group>_C`. */
  group: string;
  inflight: number;
  /** Length of each measured send phase. */
  phaseSeconds: number;
  /** Unmeasured sends at `inflight` first, so both runtimes are warm. */
  warmupSeconds: number;
  bodySize: number;
}

/** Mean of each figure over rounds. */
export function meanFigures(rounds: readonly ThroughputFigures[]): ThroughputFigures {
  const mean = (pick: (figures: ThroughputFigures) => number): number => rounds.reduce((sum, figures) => sum + pick(figures), 0) / rounds.length;
  const meanSend = (phase: 'send1' | 'sendN'): SendFigures => ({
    tps: mean((f) => f[phase].tps),
    avgRtMs: mean((f) => f[phase].avgRtMs),
    sent: mean((f) => f[phase].sent),
    failed: mean((f) => f[phase].failed),
    cpuUsPerMsg: mean((f) => f[phase].cpuUsPerMsg),
  });
  const consume = { tps: mean((f) => f.consume.tps), consumed: mean((f) => f.consume.consumed), cpuUsPerMsg: mean((f) => f.consume.cpuUsPerMsg) };
  return { send1: meanSend('send1'), sendN: meanSend('sendN'), consume };
}

/** CPU time this process spent since `since` (from `process.cpuUsage()`), in microseconds per message. */
export function cpuMicrosPerMessage(since: NodeJS.CpuUsage, messages: number): number {
  const used = process.cpuUsage(since);
  return messages === 0 ? 0 : (used.user + used.system) / messages;
}

import Table from 'cli-table3';
import { MachineDescription } from './machine';
import { Figures } from './workload';

/** One workload's outcome on each side: its figures, or why it failed. */
export interface WorkloadOutcome {
  workload: string;
  description: string;
  ours: Figures | { error: string };
  apache: Figures | { error: string };
}

/** The metrics compared, with their labels; ratios are always ours / apache. */
const METRICS: readonly { key: keyof Figures; label: string; better: 'higher' | 'lower' }[] = [
  { key: 'sendTps', label: 'send TPS', better: 'higher' },
  { key: 'consumeTps', label: 'consume TPS', better: 'higher' },
  { key: 'rtAvgMs', label: 'RT avg (ms)', better: 'lower' },
  { key: 'rtP99Ms', label: 'RT p99 (ms)', better: 'lower' },
  { key: 'rtMaxMs', label: 'RT max (ms)', better: 'lower' },
  { key: 'rssMiB', label: 'broker RSS (MiB)', better: 'lower' },
  { key: 'cpuPercent', label: 'broker CPU (%)', better: 'lower' },
];

type Ratios = Partial<Record<keyof Figures, number | null>>;

function figuresOf(side: WorkloadOutcome['ours']): Figures | undefined {
  return 'error' in side ? undefined : side;
}

/** ours / apache for every metric both sides measured; null where the divisor is 0. */
export function ratios(outcome: WorkloadOutcome): Ratios {
  const ours = figuresOf(outcome.ours);
  const apache = figuresOf(outcome.apache);
  const result: Ratios = {};
  if (!ours || !apache) return result;
  for (const { key } of METRICS) {
    const [mine, theirs] = [ours[key], apache[key]];
    if (mine === undefined || theirs === undefined) continue;
    result[key] = theirs > 0 ? mine / theirs : null;
  }
  return result;
}

function format(value: number | undefined | null): string {
  if (value === undefined || value === null) return '-';
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

function cell(side: WorkloadOutcome['ours'], key: keyof Figures): string {
  return 'error' in side ? 'error' : format(side[key]);
}

/** The side-by-side table: a row per workload and metric, with the ratio ours / apache. */
export function renderTable(outcomes: readonly WorkloadOutcome[]): string {
  const table = new Table({ head: ['workload', 'metric', 'ours', 'apache', 'ours/apache'], style: { head: [], border: [] } });
  for (const outcome of outcomes) {
    if ('error' in outcome.ours && 'error' in outcome.apache) {
      table.push([outcome.workload, 'failed on both sides', 'error', 'error', '-']);
      continue;
    }
    const ratio = ratios(outcome);
    for (const { key, label, better } of METRICS) {
      const measured = [outcome.ours, outcome.apache].some((side) => figuresOf(side)?.[key] !== undefined);
      if (!measured) continue;
      table.push([outcome.workload, label, cell(outcome.ours, key), cell(outcome.apache, key), `${format(ratio[key])} (${better} is better)`]);
    }
  }
  return table.toString();
}

/** The outcomes of a run as one line of JSON: machine, profile, and per workload both sides' figures and the ratios. */
export function renderJsonLine(profile: string, machine: MachineDescription, outcomes: readonly WorkloadOutcome[]): string {
  const results = outcomes.map((outcome) => ({ ...outcome, ratio: ratios(outcome) }));
  return JSON.stringify({ benchCompare: { profile, machine, results } });
}

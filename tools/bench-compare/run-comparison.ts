import fs from 'node:fs';
import path from 'node:path';
import { Admin } from '@mq/client';
import { BrokerProbe } from './broker-probe';
import { ClusterSide, FlushDiskType, RunningCluster, SideName } from './cluster-side';
import { JavaBenchmarkTools } from './java-benchmark';
import { MqBenchTools } from './mq-bench';
import { Profile } from './profile';
import { WorkloadOutcome } from './report';
import { SharedBacklog } from './shared-backlog';
import { warmUp } from './warm-up';
import { Figures, Workload, WorkloadContext } from './workload';

/** What one comparison run needs. */
export interface ComparisonPlan {
  workloads: readonly Workload[];
  sides: readonly ClusterSide[];
  profile: Profile;
  /** The Java benchmark tools' classpath. */
  classpath: string;
  /** Parent of every cluster's work dir. */
  workDir: string;
  /** Progress lines (stderr). */
  progress(line: string): void;
}

type SideResult = Figures | { error: string };

function workloadContext(plan: ComparisonPlan, cluster: RunningCluster, admin: Admin, workDir: string): WorkloadContext {
  const mqBench = new MqBenchTools(workDir, cluster.namesrvAddr);
  const probe = new BrokerProbe(admin, cluster.brokerAddr, () => cluster.exitReason());
  return {
    cluster,
    probe,
    drivers: { java: new JavaBenchmarkTools(plan.classpath, workDir, cluster.namesrvAddr), 'mq-bench': mqBench },
    filler: mqBench,
    backlog: new SharedBacklog(probe, mqBench, plan.profile.backlog, plan.profile.backlogFillTimeoutMs),
    profile: plan.profile,
  };
}

/**
 * Runs the workloads of one flush mode against one started cluster, each in turn, after a
 * warm-up. A failed workload is that row's error; the next one still runs.
 */
async function runPhase(plan: ComparisonPlan, cluster: RunningCluster, workloads: readonly Workload[], workDir: string): Promise<Map<string, SideResult>> {
  const results = new Map<string, SideResult>();
  const admin = new Admin({ namesrvAddr: cluster.namesrvAddr });
  await admin.start();
  try {
    const ctx = workloadContext(plan, cluster, admin, workDir);
    plan.progress(`  ${cluster.side}: warm-up ...`);
    await warmUp(ctx).catch((err: Error) => plan.progress(`  ${cluster.side}: warm-up failed, measuring anyway: ${err.message}`));
    for (const workload of workloads) {
      plan.progress(`  ${cluster.side}: ${workload.id} ...`);
      try {
        results.set(workload.id, await workload.run(ctx));
      } catch (err) {
        results.set(workload.id, { error: (err as Error).message });
        plan.progress(`  ${cluster.side}: ${workload.id} failed: ${(err as Error).message}`);
      }
    }
  } finally {
    await admin.shutdown();
  }
  return results;
}

function failAll(workloads: readonly Workload[], error: string): Map<string, SideResult> {
  return new Map(workloads.map((workload) => [workload.id, { error }]));
}

/** Starts one side for one flush mode, runs its workloads, stops it; a failed start or phase fails every workload of the phase. */
async function runSide(plan: ComparisonPlan, side: ClusterSide, flushDiskType: FlushDiskType, workloads: readonly Workload[]): Promise<Map<string, SideResult>> {
  const workDir = path.join(plan.workDir, `${side.name}-${flushDiskType.toLowerCase()}`);
  fs.mkdirSync(workDir, { recursive: true });
  plan.progress(`${side.name}: starting with ${flushDiskType} (${workDir})`);
  let cluster: RunningCluster;
  try {
    cluster = await side.start({ workDir, flushDiskType, grpc: workloads.some((workload) => workload.grpc) });
  } catch (err) {
    const error = `${side.name} did not start: ${(err as Error).message}`;
    plan.progress(error);
    return failAll(workloads, error);
  }
  try {
    return await runPhase(plan, cluster, workloads, workDir);
  } catch (err) {
    const error = `${side.name} could not run its ${flushDiskType} workloads: ${(err as Error).message}`;
    plan.progress(error);
    return failAll(workloads, error);
  } finally {
    await cluster.stop();
  }
}

/**
 * Runs every workload on both sides. The sides never run at the same time: on a small
 * machine an idle JVM broker and an idle Node broker still take CPU from each other. Each
 * flush mode is a phase (ASYNC_FLUSH first); within a phase one side starts, runs all its
 * workloads and stops, then the other; the side that goes first alternates between phases.
 */
export async function runComparison(plan: ComparisonPlan): Promise<WorkloadOutcome[]> {
  const results = new Map<SideName, Map<string, SideResult>>(plan.sides.map((side) => [side.name, new Map()]));
  const flushModes = (['ASYNC_FLUSH', 'SYNC_FLUSH'] as const).filter((mode) => plan.workloads.some((workload) => workload.flushDiskType === mode));
  for (const [phase, flushDiskType] of flushModes.entries()) {
    const workloads = plan.workloads.filter((workload) => workload.flushDiskType === flushDiskType);
    const sides = phase % 2 === 0 ? plan.sides : [...plan.sides].reverse();
    for (const side of sides) {
      for (const [id, result] of await runSide(plan, side, flushDiskType, workloads)) results.get(side.name)!.set(id, result);
    }
  }
  const notRun = { error: 'not run' };
  return plan.workloads.map((workload) => ({
    workload: workload.id,
    description: workload.description,
    ours: results.get('ours')?.get(workload.id) ?? notRun,
    apache: results.get('apache')?.get(workload.id) ?? notRun,
  }));
}

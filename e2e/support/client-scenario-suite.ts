import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allOf, Availability, describeIf } from './availability';
import { ClientScenario, CLIENT_SCENARIOS } from './client-scenarios';
import { BrokerConfigOverrides, Cluster } from './cluster';
import { ClusterProbeResult } from './driver-results';
import { buildDrivers, DriverBuild, OFFICIAL_CLIENT_VERSIONS, OfficialClientVersion, runDriver } from './java';
import { javaToolchain } from './maven';

/** The name server + broker implementation a suite exercises. */
export interface ClusterUnderTest {
  title: string;
  /** Checked once, when the suite is defined. */
  prerequisites(): Availability;
  /** Starts the cluster in `workDir` (exists, empty), its broker.conf extended by `brokerOverrides`. */
  start(workDir: string, brokerOverrides?: BrokerConfigOverrides): Promise<Cluster>;
}

/** The rows a suite runs and the broker they need. */
export interface ScenarioTable {
  scenarios: readonly ClientScenario[];
  /** broker.conf keys on top of the harness defaults, the same for every cluster under test. */
  brokerConfig?: BrokerConfigOverrides;
  /**
   * How many rows run at the same time (each with both client versions), for tables whose
   * rows mostly wait on broker-side timers; by default one row after the other.
   */
  concurrentRows?: number;
  /** The client versions every row runs with (features only 5.x has); by default all of OFFICIAL_CLIENT_VERSIONS. */
  clientVersions?: readonly OfficialClientVersion[];
}

/** Runs at most `limit` of the given tasks at a time, in the order they ask. */
export function taskLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** First run: Maven downloads the clients and the server; later runs reuse the builds. */
const SETUP_TIMEOUT_MS = 15 * 60_000;
const PROBE_TIMEOUT_MS = 90_000;
const SCENARIO_TIMEOUT_MS = 120_000;

/** What the scenarios of one suite share once beforeAll is done. */
interface SuiteContext {
  cluster: Cluster;
  builds: ReadonlyMap<OfficialClientVersion, DriverBuild>;
  versions: readonly OfficialClientVersion[];
  clientHome: string;
  /** Makes topic and group names unique even on a cluster that outlives a run. */
  runId: string;
}

/** The broker must be routed by the name server at the address it was configured with. */
async function waitUntilRouted(context: SuiteContext): Promise<void> {
  const probe = await runDriver<ClusterProbeResult>(
    context.builds.get(context.versions[0]) as DriverBuild,
    'ClusterProbeDriver',
    { namesrv: context.cluster.namesrvAddr, 'timeout-ms': PROBE_TIMEOUT_MS - 10_000 },
    { clientHome: context.clientHome, timeoutMs: PROBE_TIMEOUT_MS },
  );
  const addrs = probe.brokers.flatMap((broker) => Object.values(broker.addrs));
  if (!addrs.includes(context.cluster.brokerAddr)) {
    throw new Error(`name server routes ${addrs.join(', ')}, not the broker at ${context.cluster.brokerAddr}`);
  }
}

/** Starts the cluster while Maven builds the drivers; whatever did start is returned for cleanup even on failure. */
async function setUp(
  target: ClusterUnderTest,
  brokerConfig: BrokerConfigOverrides | undefined,
  versions: readonly OfficialClientVersion[],
  workDir: string,
  keep: (cluster: Cluster) => void,
): Promise<SuiteContext> {
  const clusterDir = path.join(workDir, 'cluster');
  fs.mkdirSync(clusterDir);
  const [started, ...built] = await Promise.allSettled([
    target.start(clusterDir, brokerConfig),
    ...versions.map((version) => buildDrivers(version)),
  ]);
  if (started.status === 'fulfilled') keep(started.value as Cluster);
  const builds = new Map<OfficialClientVersion, DriverBuild>();
  for (const outcome of [started, ...built]) {
    if (outcome.status === 'rejected') throw outcome.reason;
  }
  for (const outcome of built) {
    const build = (outcome as PromiseFulfilledResult<DriverBuild>).value;
    builds.set(build.clientVersion, build);
  }
  const context: SuiteContext = {
    cluster: (started as PromiseFulfilledResult<Cluster>).value,
    builds,
    versions,
    clientHome: path.join(workDir, 'clients'),
    runId: Date.now().toString(36),
  };
  await waitUntilRouted(context);
  return context;
}

/** Runs one scenario with one client version on a topic and group of its own, then verifies the result. */
async function runScenario(context: SuiteContext, scenario: ClientScenario, version: OfficialClientVersion): Promise<void> {
  const name = `${scenario.id}_${version.replace(/\./g, '')}_${context.runId}`;
  try {
    const result = await runDriver(
      context.builds.get(version) as DriverBuild,
      scenario.driver,
      { namesrv: context.cluster.namesrvAddr, topic: `E2E_${name}`, group: `GID_${name}`, ...scenario.options },
      { clientHome: context.clientHome, timeoutMs: SCENARIO_TIMEOUT_MS },
    );
    expect(result.clientVersion).toBe(`V${version.replace(/\./g, '_')}`);
    scenario.verify(result);
  } catch (err) {
    throw new Error(`rocketmq-client ${version}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Runs every client version at once; fails with the failures of all versions, not just the first. */
async function runWithEveryVersion(context: SuiteContext, scenario: ClientScenario): Promise<void> {
  const down = context.cluster.exitReason();
  if (down) throw new Error(`the cluster is not running: ${down}`);
  const outcomes = await Promise.allSettled(context.versions.map((version) => runScenario(context, scenario, version)));
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [(outcome.reason as Error).message] : []));
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
}

/**
 * Defines a client-compatibility suite against one cluster: the cluster and the driver
 * builds are set up once, then each scenario of the table (CLIENT_SCENARIOS by default)
 * runs with every client version of the table (every official one by default) at the same
 * time (a driver mostly waits on the network, so this nearly halves the suite), each
 * version on its own topic and group.
 */
export function describeClientScenarios(target: ClusterUnderTest, table: ScenarioTable = { scenarios: CLIENT_SCENARIOS }): void {
  describeIf(allOf(javaToolchain(), target.prerequisites()), target.title, () => {
    let workDir = '';
    let cluster: Cluster | undefined;
    let settingUp: Promise<SuiteContext> | undefined;
    const versions = table.clientVersions ?? OFFICIAL_CLIENT_VERSIONS;
    // Shared by beforeAll and the rows: jest starts concurrent tests before beforeAll runs.
    const ready = (): Promise<SuiteContext> => {
      settingUp ??= (async () => {
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-e2e-'));
        return setUp(target, table.brokerConfig, versions, workDir, (started) => {
          cluster = started;
        });
      })();
      return settingUp;
    };

    beforeAll(() => ready(), SETUP_TIMEOUT_MS);

    afterAll(async () => {
      await cluster?.stop();
      if (!workDir) return;
      if (process.env.MQ_E2E_KEEP) process.stderr.write(`[e2e] kept ${workDir} (confs, store, server and client logs)\n`);
      else fs.rmSync(workDir, { recursive: true, force: true });
    }, 60_000);

    const concurrent = (table.concurrentRows ?? 1) > 1;
    const slot = taskLimiter(table.concurrentRows ?? 1);
    const rows = table.scenarios.map((scenario) => [scenario.title, scenario] as const);
    (concurrent ? test.concurrent.each : test.each)(rows)(
      `%s [rocketmq-client ${versions.join(', ')}]`,
      async (_title, scenario) => {
        const context = await ready();
        await slot(() => runWithEveryVersion(context, scenario));
      },
      // A concurrent row also waits for the set-up and for the rows ahead of it.
      concurrent ? SETUP_TIMEOUT_MS + rows.length * SCENARIO_TIMEOUT_MS : SCENARIO_TIMEOUT_MS + 10_000,
    );
  });
}

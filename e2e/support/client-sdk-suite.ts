import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeIf, type Availability } from './availability';
import type { BrokerConfigOverrides, Cluster } from './cluster';
import { taskLimiter } from './client-scenario-suite';
import { SDK_BROKER_CONFIG, SDK_SCENARIOS, type SdkScenario } from './client-sdk-scenarios';

/** Which servers the SDK scenarios run against. */
export interface SdkTarget {
  title: string;
  prerequisites(): Availability;
  /** Starts the servers in `workDir` (exists, empty), the broker.conf extended by `brokerOverrides`. */
  start(workDir: string, brokerOverrides?: BrokerConfigOverrides): Promise<Cluster>;
  /** Broker features known to be missing: scenarios needing them are expected to fail. */
  missingBrokerFeatures?: readonly string[];
}

/** The rows a suite runs and the broker they need. */
export interface SdkScenarioTable {
  scenarios: readonly SdkScenario[];
  /** broker.conf keys on top of the harness defaults, the same for every target. */
  brokerConfig?: BrokerConfigOverrides;
  /** How many rows run at the same time, for rows that mostly wait on broker-side timers; by default one after the other. */
  concurrentRows?: number;
}

const SETUP_TIMEOUT_MS = 180_000;

/** One describe block: starts the servers once, runs every scenario of the table (SDK_SCENARIOS by default), stops them. */
export function describeSdkScenarios(target: SdkTarget, table: SdkScenarioTable = { scenarios: SDK_SCENARIOS, brokerConfig: SDK_BROKER_CONFIG }): void {
  describeIf(target.prerequisites(), target.title, () => {
    let cluster: Cluster | undefined;
    let workDir = '';
    let starting: Promise<Cluster> | undefined;
    // Shared by beforeAll and the rows: jest starts concurrent tests before beforeAll runs.
    const ready = (): Promise<Cluster> => {
      starting ??= (async () => {
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-sdk-e2e-'));
        cluster = await target.start(workDir, table.brokerConfig);
        return cluster;
      })();
      return starting;
    };
    beforeAll(() => ready(), SETUP_TIMEOUT_MS);
    afterAll(async () => {
      await cluster?.stop();
      if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    }, 60_000);

    const concurrentRows = table.concurrentRows ?? 1;
    const slot = taskLimiter(concurrentRows);
    for (const scenario of table.scenarios) {
      const expectFailure = scenario.brokerFeature !== undefined && (target.missingBrokerFeatures ?? []).includes(scenario.brokerFeature);
      const run = async (): Promise<void> => {
        const { namesrvAddr } = await ready();
        await slot(() => scenario.run(namesrvAddr));
      };
      if (concurrentRows > 1) {
        // A concurrent row also waits for the set-up and for the rows ahead of it.
        const timeoutMs = SETUP_TIMEOUT_MS + table.scenarios.reduce((sum, row) => sum + row.timeoutMs, 0);
        (expectFailure ? test.concurrent.failing : test.concurrent)(title(scenario), run, timeoutMs);
      } else {
        (expectFailure ? test.failing : test)(title(scenario), run, scenario.timeoutMs);
      }
    }
  });
}

function title(scenario: SdkScenario): string {
  return scenario.brokerFeature ? `${scenario.name} [needs ${scenario.brokerFeature}]` : scenario.name;
}

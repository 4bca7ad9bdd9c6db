import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeIf, type Availability } from './availability';
import type { Cluster } from './cluster';
import { SDK_SCENARIOS, type SdkScenario } from './client-sdk-scenarios';

/** Which servers the SDK scenarios run against. */
export interface SdkTarget {
  title: string;
  prerequisites(): Availability;
  start(workDir: string): Promise<Cluster>;
  /** Broker features known to be missing: scenarios needing them are expected to fail. */
  missingBrokerFeatures?: readonly string[];
}

/** One describe block: starts the servers once, runs every scenario, stops them. */
export function describeSdkScenarios(target: SdkTarget): void {
  describeIf(target.prerequisites(), target.title, () => {
    let cluster: Cluster | undefined;
    let workDir = '';
    beforeAll(async () => {
      workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-sdk-e2e-'));
      cluster = await target.start(workDir);
    }, 180_000);
    afterAll(async () => {
      await cluster?.stop();
      if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    }, 60_000);

    for (const scenario of SDK_SCENARIOS) {
      const expectFailure = scenario.brokerFeature !== undefined && (target.missingBrokerFeatures ?? []).includes(scenario.brokerFeature);
      (expectFailure ? test.failing : test)(title(scenario), () => scenario.run(cluster!.namesrvAddr), scenario.timeoutMs);
    }
  });
}

function title(scenario: SdkScenario): string {
  return scenario.brokerFeature ? `${scenario.name} [needs ${scenario.brokerFeature}]` : scenario.name;
}

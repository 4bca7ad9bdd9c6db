import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedBroker, type EmbeddedBroker } from '@mq/broker';

/**
 * Control-call timeout for the clients of integration tests: the 3 s default (`mqClientApiTimeout`)
 * has run out on a loaded machine before the embedded broker answered.
 */
export const TEST_REQUEST_TIMEOUT_MS = 15_000;

/** A name server plus one broker in this process, on ephemeral ports, over a temp store. */
export interface TestCluster {
  readonly namesrvAddr: string;
  readonly broker: EmbeddedBroker;
  stop(): Promise<void>;
}

export async function startTestCluster(broker: Record<string, unknown> = {}): Promise<TestCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mq-client-'));
  const embedded = await startEmbeddedBroker({ storeDir: dir, broker: { brokerName: 'broker-a', ...broker } });
  return {
    namesrvAddr: embedded.namesrvAddr!,
    broker: embedded,
    async stop() {
      await embedded.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `condition` every 20 ms until it holds, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

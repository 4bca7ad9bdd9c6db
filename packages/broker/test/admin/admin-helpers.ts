import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Admin } from '@mq/client';
import { MQError } from '@mq/common';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import type { BrokerConfig } from '../../src/config/broker-config';

/** An embedded name server + broker and an `Admin` started against them. */
export interface AdminFixture {
  embedded: EmbeddedBroker;
  admin: Admin;
  namesrvAddr: string;
  /** The broker's `storePathRootDir`. */
  storeDir: string;
  stop(): Promise<void>;
}

export async function startAdminFixture(broker: Partial<BrokerConfig> = {}): Promise<AdminFixture> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'broker-admin-'));
  const embedded = await startEmbeddedBroker({ storeDir: dir, broker: { brokerName: 'broker-a', brokerClusterName: 'AdminCluster', ...broker } });
  const namesrvAddr = embedded.namesrvAddr as string;
  const admin = new Admin({ namesrvAddr, pollNameServerIntervalMs: 1000 });
  await admin.start();
  return {
    embedded,
    admin,
    namesrvAddr,
    storeDir: dir,
    async stop() {
      await admin.shutdown();
      await embedded.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The MQError code a promise rejects with (fails the test when it resolves). */
export async function errorCode(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MQError) return error.code;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Polls `condition` every 50 ms until it holds, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

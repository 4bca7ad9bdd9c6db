import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newSubscriptionGroupConfig } from '@mq/broker';
import { describeIf, type Availability } from './availability';
import { runGrpcDriver, type DriverCommand, type GrpcClientReport, type GrpcDelivery, type GrpcWorkload } from './grpc-client-drivers';
import { useGrpcBroker } from './grpc-broker-fixture';

const TOPIC = 'GrpcClientNormal';
const FIFO_TOPIC = 'GrpcClientFifo';
const PUSH_TOPIC = 'GrpcClientPush';
const MESSAGES = 8;
const DRIVER_DEADLINE_MS = 90_000;

/** How one official client is prepared (built or installed, once) and run. */
export interface GrpcClientUnderTest {
  /** The suite name, e.g. `Go client (rocketmq-clients golang/v5)`. */
  name: string;
  availability: () => Availability;
  /** Builds or installs the client and its driver; may take minutes on a cold cache. */
  prepare: () => Promise<unknown>;
  prepareTimeoutMs: number;
  /** The driver's command; `scratchDir` is a private directory for the client's logs. */
  command: (workload: GrpcWorkload, scratchDir: string) => DriverCommand;
}

/**
 * One official gRPC client against an embedded broker's gRPC API: its driver (grpc-go,
 * grpc-python) runs the workload once, and each test checks one promise of the outcome.
 */
export function grpcClientSuite(client: GrpcClientUnderTest): void {
  describeIf(client.availability(), client.name, () => {
    // Push consumers long-poll for what the Settings say; 5 s (not 20) lets them shut down sooner.
    const fixture = useGrpcBroker('grpc-client-', { brokerName: 'broker-a', grpcClientConsumerMaxLongPollingTimeoutMillis: 5_000 });
    let scratchDir: string | undefined;
    let report: GrpcClientReport | undefined;
    const outcome = (): GrpcClientReport => {
      if (!report) throw new Error('the driver did not run: see the first failure');
      return report;
    };

    beforeAll(() => client.prepare(), client.prepareTimeoutMs);

    beforeAll(async () => {
      fixture.createTopic(TOPIC);
      fixture.createTopic(FIFO_TOPIC, 'FIFO');
      fixture.createTopic(PUSH_TOPIC);
      const orderly = { ...newSubscriptionGroupConfig(`GID_${FIFO_TOPIC}`), consumeMessageOrderly: true };
      fixture.embedded.broker.subscriptionGroupManager.updateSubscriptionGroupConfig(orderly);
      scratchDir = mkdtempSync(path.join(os.tmpdir(), 'grpc-client-driver-'));
      const workload: GrpcWorkload = {
        endpoint: fixture.endpoints,
        topic: TOPIC,
        group: `GID_${TOPIC}`,
        fifoTopic: FIFO_TOPIC,
        fifoGroup: `GID_${FIFO_TOPIC}`,
        pushTopic: PUSH_TOPIC,
        pushGroup: `GID_${PUSH_TOPIC}`,
        count: MESSAGES,
        deadlineMs: DRIVER_DEADLINE_MS,
      };
      report = await runGrpcDriver(client.command(workload, scratchDir), DRIVER_DEADLINE_MS);
    }, DRIVER_DEADLINE_MS + 30_000);

    afterAll(() => {
      if (scratchDir && !process.env.MQ_E2E_KEEP) rmSync(scratchDir, { recursive: true, force: true });
    });

    test('the producer sends every message with its own client-generated id', () => {
      const { sent } = outcome().normal;
      expect(sent.map((m) => m.body)).toEqual(Array.from({ length: MESSAGES }, (_, i) => `${TOPIC}-${i}`));
      expect(sent.every((m) => /^[0-9A-F]{34}$/.test(m.id))).toBe(true);
      expect(new Set(sent.map((m) => m.id)).size).toBe(MESSAGES);
    });

    test('the simple consumer receives each sent message once, intact, on its first attempt', () => {
      const { sent, received } = outcome().normal;
      const byId = (a: { id: string }, b: { id: string }): number => a.id.localeCompare(b.id);
      const expected = sent.map((m) => ({ id: m.id, body: m.body, tag: 'TagA', group: '', attempt: 1 })).sort(byId);
      expect([...received].sort(byId)).toEqual(expected);
    });

    test('acked messages are not redelivered; the one left unacked comes back with attempt 2', () => {
      const { sent, kept, redelivered } = outcome().normal;
      const keptMessage = sent.find((m) => m.id === kept);
      expect(redelivered).toEqual([{ id: kept, body: keptMessage?.body, tag: 'TagA', group: '', attempt: 2 }]);
    });

    test('FIFO: one message group is received in send order, each message once', () => {
      const fifo = outcome().fifo;
      const group = `group-${FIFO_TOPIC}`;
      expect(fifo?.received).toEqual(fifo?.sent.map((m) => ({ id: m.id, body: m.body, tag: 'TagA', group, attempt: 1 })));
      expect(fifo?.sent).toHaveLength(MESSAGES);
    });

    test('push consumer: each message is consumed once; the one its listener failed comes back with attempt 2', () => {
      const push = outcome().push;
      const byAttemptThenId = (a: GrpcDelivery, b: GrpcDelivery): number => a.attempt - b.attempt || a.id.localeCompare(b.id);
      const firsts = push?.sent.map((m) => ({ id: m.id, body: m.body, tag: 'TagA', group: '', attempt: 1 })) ?? [];
      const retry = firsts.filter((d) => d.id === push?.failed).map((d) => ({ ...d, attempt: 2 }));
      expect([...(push?.deliveries ?? [])].sort(byAttemptThenId)).toEqual([...firsts, ...retry].sort(byAttemptThenId));
      expect(retry).toHaveLength(1);
    });
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeProperties, type MessageExt } from '@mq/common';
import { RemotingClient, RemotingCommand, RequestCode, SendMessageRequestHeaderV2 } from '@mq/remoting';
import type { MessageStoreConfig } from '@mq/store';
import type { BrokerConfig } from '../../src/config/broker-config';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';
import { pullOnce } from '../support/pull-once';

/** An embedded broker over a temp dir, restartable on the same store, plus a raw client. */
export class AdvancedHarness {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'broker-adv-'));
  readonly client = new RemotingClient();
  embedded!: EmbeddedBroker;

  constructor(
    private readonly broker: Partial<BrokerConfig> = {},
    private readonly store: Partial<MessageStoreConfig> = {},
    private readonly withNamesrv = false,
  ) {}

  async start(): Promise<this> {
    this.embedded = await startEmbeddedBroker({
      storeDir: this.dir,
      namesrvPort: this.withNamesrv ? 0 : false,
      broker: { brokerName: 'broker-a', ...this.broker },
      store: this.store,
    });
    return this;
  }

  async restart(): Promise<void> {
    await this.embedded.shutdown();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.client.shutdown();
    await this.embedded.shutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }

  invoke(code: number, extFields: Record<string, string>, body?: Buffer): Promise<RemotingCommand> {
    return this.client.invoke(this.embedded.brokerAddr, RemotingCommand.createRequest(code, extFields, body), 5000);
  }

  send(topic: string, properties: Record<string, string>, options: { sysFlag?: number; body?: string } = {}): Promise<RemotingCommand> {
    const extFields = SendMessageRequestHeaderV2.encode({
      producerGroup: properties.PGROUP ?? 'PG',
      topic,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 0,
      sysFlag: options.sysFlag ?? 0,
      bornTimestamp: Date.now(),
      flag: 0,
      properties: encodeProperties(new Map(Object.entries(properties))),
    });
    return this.invoke(RequestCode.SEND_MESSAGE_V2, extFields, Buffer.from(options.body ?? 'hello'));
  }

  /** Messages of a queue from `offset` (no long polling). */
  pull(topic: string, queueId = 0, offset = 0): Promise<MessageExt[]> {
    return pullOnce(this.client, this.embedded.brokerAddr, { consumerGroup: 'CG_ADV', topic, queueId, queueOffset: offset });
  }
}

export { waitFor } from '../support/wait-for';

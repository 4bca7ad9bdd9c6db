import { defaultConfig, getLogger, namesrvConfigSchema, type NamesrvConfig } from '@mq/common';
import { RemotingServer } from '@mq/remoting';
import { NamesrvConfigStore } from './config/namesrv-config-store';
import { KVConfigManager } from './kv/kv-config-manager';
import { adminProcessors } from './processor/admin-processors';
import { brokerProcessors } from './processor/broker-processors';
import { kvConfigProcessors } from './processor/kv-config-processors';
import type { NamesrvServices } from './processor/namesrv-services';
import { routeProcessors } from './processor/route-processors';
import { BrokerHousekeeping } from './route/broker-housekeeping';
import { RouteInfoManager } from './route/route-info-manager';

/**
 * A name server (`NamesrvController`): the route table, the KV config and the remoting server
 * answering brokers, clients and admin tools.
 */
export class NamesrvController {
  /** The effective settings (RocketMQ's defaults overlaid with the given ones). */
  readonly config: NamesrvConfig;
  readonly routes: RouteInfoManager;
  readonly kvConfig: KVConfigManager;
  private readonly server: RemotingServer;
  private readonly housekeeping: BrokerHousekeeping;
  private readonly log = getLogger('NamesrvController');
  private shutdownPromise: Promise<void> | undefined;

  constructor(config: Partial<NamesrvConfig> = {}) {
    this.config = { ...defaultConfig(namesrvConfigSchema), ...config };
    this.routes = new RouteInfoManager({
      deleteTopicWithBrokerRegistration: this.config.deleteTopicWithBrokerRegistration,
      supportActingMaster: this.config.supportActingMaster,
      brokerChannelExpiredTime: this.config.brokerChannelExpiredTime,
    });
    this.kvConfig = new KVConfigManager(this.config.kvConfigPath);
    this.server = new RemotingServer({
      port: this.config.listenPort,
      host: this.config.bindAddress,
      idleTimeMs: this.config.serverChannelMaxIdleTimeSeconds * 1000,
    });
    this.housekeeping = new BrokerHousekeeping(this.routes, this.server, this.config.scanNotActiveBrokerInterval);
  }

  /** Loads the KV config, starts listening and housekeeping; resolves with the bound port. */
  async start(): Promise<number> {
    await this.kvConfig.load();
    this.registerProcessors({
      routes: this.routes,
      kvConfig: this.kvConfig,
      config: this.config,
      configStore: new NamesrvConfigStore(this.config),
      startedAt: Date.now(),
    });
    const port = await this.server.start();
    this.housekeeping.start();
    this.log.info({ port, bindAddress: this.config.bindAddress }, 'name server started');
    return port;
  }

  /** The bound port (after `start()`). */
  get port(): number {
    return this.server.port;
  }

  /** Stops housekeeping and the server, letting running requests answer. Idempotent. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.stop();
    return this.shutdownPromise;
  }

  private registerProcessors(services: NamesrvServices): void {
    const tables = [brokerProcessors(services), routeProcessors(services), kvConfigProcessors(services), adminProcessors(services)];
    for (const [code, processor] of tables.flat()) this.server.registerProcessor(code, processor);
  }

  private async stop(): Promise<void> {
    this.housekeeping.stop();
    await this.server.shutdown();
    this.log.info('name server stopped');
  }
}

/**
 * Creates and starts a name server. Use `listenPort: 0` for a free port and read it from
 * the returned controller's `port`.
 */
export async function startNamesrv(config: Partial<NamesrvConfig> = {}): Promise<NamesrvController> {
  const controller = new NamesrvController(config);
  await controller.start();
  return controller;
}

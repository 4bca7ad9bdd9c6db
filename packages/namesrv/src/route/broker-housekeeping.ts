import type { RemotingChannel, RemotingServer } from '@mq/remoting';
import type { RouteInfoManager } from './route-info-manager';

/**
 * Keeps the route table in step with broker connections (`BrokerHousekeepingService` plus
 * the `scanNotActiveBroker` task): a broker whose connection closes or goes idle is removed
 * at once, and every `scanIntervalMs` brokers without a recent heartbeat are removed and
 * their connections closed.
 */
export class BrokerHousekeeping {
  private timer: NodeJS.Timeout | undefined;
  private readonly onChannelGone = (channel: RemotingChannel): void => this.routes.onChannelDestroy(channel);

  constructor(
    private readonly routes: RouteInfoManager,
    private readonly server: RemotingServer,
    private readonly scanIntervalMs: number,
  ) {}

  /** Starts watching connections and scanning. */
  start(): void {
    this.server.on('close', this.onChannelGone);
    this.server.on('idle', this.onChannelGone);
    this.timer = setInterval(() => this.scan(), this.scanIntervalMs);
    this.timer.unref();
  }

  /** Stops scanning and watching. Safe to call more than once. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.server.off('close', this.onChannelGone);
    this.server.off('idle', this.onChannelGone);
  }

  private scan(): void {
    for (const expired of this.routes.scanNotActiveBroker()) {
      (expired.channel as RemotingChannel | undefined)?.close();
    }
  }
}

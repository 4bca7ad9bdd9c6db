import { getLogger } from '@mq/common';
import type { BrokerContext } from '../broker-context';
import type { CallContext } from './call-context';
import type { GrpcClient, GrpcClientRegistry } from './client-registry';
import type { ReceiptHandleRenewer } from './receipt-handle-renewer';
import { requireGroup, requireTopic } from './name-validation';
import { consumerSettingsReply, producerSettingsReply } from './settings-reply';
import { grpcError, OK_STATUS } from './status';
import {
  ClientType,
  Code,
  type HeartbeatRequest,
  type NotifyClientTerminationRequest,
  type Settings,
  type StatusResponse,
  type TelemetryCommand,
} from './types';

const log = getLogger('GrpcClientService');

const KNOWN_CLIENT_TYPES: ReadonlySet<number> = new Set([ClientType.PRODUCER, ClientType.PUSH_CONSUMER, ClientType.SIMPLE_CONSUMER]);
/** Period of the expiry scan: the broker's client housekeeping period (10 s), or half a shorter timeout. */
const MAX_EXPIRY_SCAN_PERIOD_MS = 10_000;

/** Heartbeat, NotifyClientTermination, the commands of the Telemetry stream and the expiry of silent clients. */
export class ClientService {
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: BrokerContext,
    private readonly clients: GrpcClientRegistry,
    private readonly renewer: ReceiptHandleRenewer,
  ) {}

  /** Starts expiring clients that stopped heart-beating for `channelExpiredTimeout`. */
  start(): void {
    const periodMs = Math.max(1, Math.min(MAX_EXPIRY_SCAN_PERIOD_MS, this.ctx.config.channelExpiredTimeout / 2));
    this.expiryTimer = setInterval(() => this.expireSilentClients(Date.now()), periodMs);
    this.expiryTimer.unref();
  }

  shutdown(): void {
    clearInterval(this.expiryTimer);
  }

  /**
   * Forgets every client without a heartbeat or Settings for `channelExpiredTimeout` (spec §4.4)
   * as if it had sent NotifyClientTermination: Settings, groups and Telemetry channel dropped,
   * auto-renewed messages released.
   */
  expireSilentClients(now: number): void {
    for (const { clientId, lastHeartbeat } of this.clients.removeExpired(now, this.ctx.config.channelExpiredTimeout)) {
      this.renewer.releaseClient(clientId);
      log.info({ clientId, silentMs: now - lastHeartbeat }, 'gRPC client expired');
    }
  }

  /** OK for a client whose Settings are known; refreshes its liveness (spec §4.4). */
  heartbeat(request: HeartbeatRequest, call: CallContext): StatusResponse {
    const client = this.knownClient(call.clientId);
    if (client.settings.client_type !== ClientType.PRODUCER) requireGroup(request.group);
    client.lastHeartbeat = Date.now();
    return { status: OK_STATUS };
  }

  /** Forgets the client's Settings and releases its auto-renewed messages (spec §4.14). */
  notifyClientTermination(request: NotifyClientTerminationRequest, call: CallContext): StatusResponse {
    const client = this.knownClient(call.clientId);
    if (client.settings.client_type !== ClientType.PRODUCER) requireGroup(request.group);
    this.clients.remove(call.clientId);
    this.renewer.releaseClient(call.clientId);
    return { status: OK_STATUS };
  }

  /**
   * One client → server Telemetry command. Settings are validated, stored and answered with the
   * effective Settings; other commands (stack traces, verify results) need no answer.
   * Throws an MQError (in-band code) when the Settings are unusable: the stream then fails.
   */
  telemetry(command: TelemetryCommand, call: CallContext, channel: (reply: TelemetryCommand) => void): TelemetryCommand | undefined {
    if (command.command !== 'settings' || !command.settings) return undefined;
    const settings = command.settings;
    const reply = this.settingsReply(settings);
    this.clients.register(call.clientId, settings, channel);
    return { status: OK_STATUS, settings: reply };
  }

  /** The stream closed: it no longer carries commands for the client. */
  detachChannel(clientId: string, channel: (command: TelemetryCommand) => void): void {
    this.clients.detachChannel(clientId, channel);
  }

  private settingsReply(settings: Settings): Settings {
    if (settings.pub_sub === 'publishing' || settings.publishing) {
      for (const topic of settings.publishing?.topics ?? []) requireTopic(topic);
      return producerSettingsReply(settings, this.ctx.maxMessageSize);
    }
    if (settings.pub_sub === 'subscription' || settings.subscription) {
      const group = requireGroup(settings.subscription?.group);
      return consumerSettingsReply(settings, this.ctx.subscriptionGroupManager.findSubscriptionGroupConfig(group), this.ctx.config.grpcClientConsumerMaxLongPollingTimeoutMillis);
    }
    throw grpcError(Code.BAD_REQUEST, 'no publishing or subscription data');
  }

  private knownClient(clientId: string): GrpcClient {
    const client = this.clients.get(clientId);
    if (!client || !KNOWN_CLIENT_TYPES.has(client.settings.client_type ?? 0)) {
      throw grpcError(Code.UNRECOGNIZED_CLIENT_TYPE, `no settings known for client ${clientId}; open the Telemetry stream first`);
    }
    return client;
  }
}

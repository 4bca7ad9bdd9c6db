import type { Settings, TelemetryCommand } from './types';

/** What the server knows about one gRPC client (keyed by `x-mq-client-id`). */
export interface GrpcClient {
  readonly clientId: string;
  /** The client's latest Settings (from Telemetry). */
  settings: Settings;
  /** Writes to the client's latest live Telemetry stream, when one is open. */
  commandChannel: ((command: TelemetryCommand) => void) | undefined;
  lastHeartbeat: number;
}

/** Settings and Telemetry channels of the connected gRPC clients. */
export class GrpcClientRegistry {
  private readonly clients = new Map<string, GrpcClient>();

  /** Stores a client's Settings (replacing earlier ones) and its command channel. */
  register(clientId: string, settings: Settings, commandChannel: (command: TelemetryCommand) => void): GrpcClient {
    const client = this.clients.get(clientId);
    if (client) {
      client.settings = settings;
      client.commandChannel = commandChannel;
      client.lastHeartbeat = Date.now();
      return client;
    }
    const created: GrpcClient = { clientId, settings, commandChannel, lastHeartbeat: Date.now() };
    this.clients.set(clientId, created);
    return created;
  }

  get(clientId: string): GrpcClient | undefined {
    return this.clients.get(clientId);
  }

  /** The first client that satisfies `predicate`. */
  find(predicate: (client: GrpcClient) => boolean): GrpcClient | undefined {
    for (const client of this.clients.values()) if (predicate(client)) return client;
    return undefined;
  }

  /** Forgets the stream if it is still the client's channel. */
  detachChannel(clientId: string, commandChannel: (command: TelemetryCommand) => void): void {
    const client = this.clients.get(clientId);
    if (client?.commandChannel === commandChannel) client.commandChannel = undefined;
  }

  remove(clientId: string): boolean {
    return this.clients.delete(clientId);
  }

  /**
   * Removes and answers the clients whose last heartbeat (or Settings) is older than `expiredMs`,
   * open Telemetry stream or not: liveness is the heartbeat, as the reference's
   * `scanNotActiveChannel`.
   */
  removeExpired(now: number, expiredMs: number): GrpcClient[] {
    const expired: GrpcClient[] = [];
    for (const [clientId, client] of this.clients) {
      if (now - client.lastHeartbeat <= expiredMs) continue;
      this.clients.delete(clientId);
      expired.push(client);
    }
    return expired;
  }
}

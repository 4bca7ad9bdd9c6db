import { networkInterfaces } from 'node:os';
import { CommonErrorCode, MQError } from '@mq/common';

/** Settings shared by every producer, consumer and admin client (Java's `ClientConfig`). */
export interface ClientOptions {
  /** Name servers, `host:port` separated by `;`. Default: the `NAMESRV_ADDR` environment variable. */
  namesrvAddr?: string;
  /** Clients with the same instance name share one connection set; default `<pid>#<hrtime>`, unique per client. */
  instanceName?: string;
  /** The IP reported in the client id; default the first non-internal IPv4 address. */
  clientIp?: string;
  /** Route refresh period; default 30 000 ms (`pollNameServerInterval`). */
  pollNameServerIntervalMs?: number;
  /** Heartbeat period; default 30 000 ms (`heartbeatBrokerInterval`). */
  heartbeatBrokerIntervalMs?: number;
  /** Consumer offset persistence period; default 5000 ms (`persistConsumerOffsetInterval`). */
  persistConsumerOffsetIntervalMs?: number;
  /** Timeout of control calls (routes, heartbeats, offsets); default 3000 ms (`mqClientApiTimeout`). */
  requestTimeoutMs?: number;
}

/** {@link ClientOptions} with every default applied. */
export type ResolvedClientOptions = Required<ClientOptions>;

/** Applies the defaults; throws CLIENT_PARAMETER_CHECK_ERROR without any name server. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  const namesrvAddr = options.namesrvAddr ?? process.env.NAMESRV_ADDR ?? '';
  if (parseNamesrvAddr(namesrvAddr).length === 0) {
    throw new MQError(
      CommonErrorCode.CLIENT_PARAMETER_CHECK_ERROR,
      'No name server address: pass namesrvAddr ("host:port;host:port") or set NAMESRV_ADDR',
    );
  }
  return {
    namesrvAddr,
    instanceName: options.instanceName ?? `${process.pid}#${process.hrtime.bigint()}`,
    clientIp: options.clientIp ?? localIpv4(),
    pollNameServerIntervalMs: options.pollNameServerIntervalMs ?? 30_000,
    heartbeatBrokerIntervalMs: options.heartbeatBrokerIntervalMs ?? 30_000,
    persistConsumerOffsetIntervalMs: options.persistConsumerOffsetIntervalMs ?? 5000,
    requestTimeoutMs: options.requestTimeoutMs ?? 3000,
  };
}

/** Splits `a:1;b:2` into addresses, ignoring blanks. */
export function parseNamesrvAddr(namesrvAddr: string): string[] {
  return namesrvAddr.split(';').map((addr) => addr.trim()).filter((addr) => addr !== '');
}

/** `ip@instanceName`, the id brokers know this client by. */
export function buildClientId(options: Pick<ResolvedClientOptions, 'clientIp' | 'instanceName'>): string {
  return `${options.clientIp}@${options.instanceName}`;
}

function localIpv4(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    const external = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (external) return external.address;
  }
  return '127.0.0.1';
}

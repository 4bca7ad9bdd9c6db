import type { Socket } from 'node:net';
import { MQError } from '@mq/common';
import { ResponseCode } from '../protocol/response-code';

/** A host and port taken from an `"host:port"` address. */
export interface HostPort {
  host: string;
  port: number;
}

/**
 * Splits a RocketMQ address (`"10.0.0.1:10911"`, `"[::1]:9876"`) at its last colon.
 * Throws MQError(RPC_ADDR_IS_NULL) for an address without a usable port.
 */
export function parseAddress(address: string): HostPort {
  const colon = address.lastIndexOf(':');
  const port = Number(address.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new MQError(ResponseCode.RPC_ADDR_IS_NULL, `invalid remoting address "${address}", expected host:port`);
  }
  const host = address.slice(0, colon);
  return { host: host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host, port };
}

/** `"ip:port"` of the far end of a socket (IPv6 in brackets), as Java prints channel addresses. */
export function remoteAddressOf(socket: Socket): string {
  return formatAddress(socket.remoteAddress, socket.remotePort);
}

/** `"ip:port"` of the near end of a socket. */
export function localAddressOf(socket: Socket): string {
  return formatAddress(socket.localAddress, socket.localPort);
}

function formatAddress(ip: string | undefined, port: number | undefined): string {
  if (ip === undefined) return 'unknown';
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

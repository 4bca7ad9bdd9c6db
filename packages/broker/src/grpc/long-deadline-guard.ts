import type { Http2SecureServer, Http2Server, IncomingHttpHeaders } from 'node:http2';
import type { Server, ServerCredentials } from '@grpc/grpc-js';
import { getLogger } from '@mq/common';

const log = getLogger('GrpcServer');

const TIMEOUT_HEADER = 'grpc-timeout';
/** Longest delay a Node timer honours (and the largest int32, which grpc-js computes deadlines in). */
export const MAX_SERVABLE_TIMEOUT_MS = 2 ** 31 - 1;
const UNIT_MS: Readonly<Record<string, number>> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 };
const TIMEOUT_VALUE = /^(\d{1,8})([HMSmun])$/;

/** Milliseconds of a `grpc-timeout` value (`<1-8 digits><unit>`); undefined when malformed. */
export function grpcTimeoutMillis(value: string): number | undefined {
  const match = TIMEOUT_VALUE.exec(value.trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]] : undefined;
}

/**
 * Removes a `grpc-timeout` longer than {@link MAX_SERVABLE_TIMEOUT_MS} (about 24.8 days), so the
 * call runs without a deadline. grpc-js turns such a header into a negative 32-bit delay and fails
 * the call with DEADLINE_EXCEEDED at once; the Java client opens every Telemetry stream with a
 * 60 × 365-day deadline (`525600H`), which would kill its command channel within a millisecond.
 * Returns whether the header was removed.
 */
export function dropUnservableTimeout(headers: IncomingHttpHeaders): boolean {
  const value = headers[TIMEOUT_HEADER];
  if (typeof value !== 'string') return false;
  const timeoutMs = grpcTimeoutMillis(value);
  if (timeoutMs === undefined || timeoutMs <= MAX_SERVABLE_TIMEOUT_MS) return false;
  delete headers[TIMEOUT_HEADER];
  return true;
}

interface Http2ServerFactory {
  createHttp2Server(credentials: ServerCredentials): Http2Server | Http2SecureServer;
}

/**
 * Makes every HTTP/2 server `server` creates (one per connection injector) look at each stream's
 * headers before grpc-js does, and drop deadlines grpc-js cannot represent. grpc-js offers no
 * public hook ahead of its deadline handling, so this wraps its internal factory method; if a
 * grpc-js upgrade renames it, the guard logs that it is inactive instead of failing start-up.
 */
export function guardLongDeadlines(server: Server): void {
  const factory = server as unknown as Partial<Http2ServerFactory>;
  const create = factory.createHttp2Server;
  if (typeof create !== 'function') {
    log.warn('grpc-js has no createHttp2Server: deadlines over 24.8 days (Java Telemetry) will fail at once');
    return;
  }
  factory.createHttp2Server = (credentials) => {
    const http2Server = create.call(server, credentials);
    http2Server.prependListener('stream', (_stream, headers) => dropUnservableTimeout(headers));
    return http2Server;
  };
}

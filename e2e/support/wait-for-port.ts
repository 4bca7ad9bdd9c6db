import net from 'node:net';

const RETRY_MS = 100;

function canConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Resolves once a TCP connection to `host:port` succeeds; rejects after `timeoutMs`, or
 * as soon as `abandon()` returns a reason (e.g. the process that should listen has exited).
 */
export async function waitForPort(
  port: number,
  options: { host?: string; timeoutMs: number; abandon?: () => string | undefined },
): Promise<void> {
  const host = options.host ?? '127.0.0.1';
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await canConnect(port, host)) return;
    const reason = options.abandon?.();
    if (reason) throw new Error(`gave up waiting for ${host}:${port}: ${reason}`);
    if (Date.now() > deadline) throw new Error(`nothing listened on ${host}:${port} within ${options.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

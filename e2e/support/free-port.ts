import net from 'node:net';

/** Whether nothing listens on `port` of 127.0.0.1 right now (checked by binding it briefly). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** A port the OS considers free: bind port 0, read the port, release it. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A free port P such that P + each of `neighbours` is free too, e.g. `[-2]` for a broker
 * whose fast channel listens on listenPort - 2. Ports already handed out in this process
 * (`taken`) are never returned again, so consecutive calls cannot collide with each other.
 */
export async function freePortWithNeighbours(neighbours: readonly number[], taken: Set<number>, attempts = 50): Promise<number> {
  for (let i = 0; i < attempts; i++) {
    const port = await freePort();
    const wanted = [port, ...neighbours.map((offset) => port + offset)];
    if (wanted.some((p) => p < 1024 || p > 65535 || taken.has(p))) continue;
    const free = await Promise.all(wanted.slice(1).map((p) => isPortFree(p)));
    if (free.every(Boolean)) {
      for (const p of wanted) taken.add(p);
      return port;
    }
  }
  throw new Error(`no free port with free neighbours ${neighbours.join(',')} after ${attempts} attempts`);
}

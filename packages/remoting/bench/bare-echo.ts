import { createServer, type Server, type Socket } from 'node:net';

/**
 * The physical limit: an echo server over the same framing that does nothing per frame but
 * find its end. Each read's complete frames go back in one write, as a view of the read.
 */
export function startBareEchoServer(): Promise<Server> {
  const server = createServer(echoFrames);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function echoFrames(socket: Socket): void {
  socket.setNoDelay(true);
  let tail: Buffer | undefined;
  socket.on('data', (chunk: Buffer) => {
    const data = tail ? Buffer.concat([tail, chunk]) : chunk;
    const end = endOfCompleteFrames(data);
    if (end > 0) socket.write(data.subarray(0, end));
    tail = end < data.length ? Buffer.from(data.subarray(end)) : undefined;
  });
  socket.on('error', () => socket.destroy());
}

function endOfCompleteFrames(data: Buffer): number {
  let at = 0;
  while (data.length - at >= 4) {
    const next = at + 4 + data.readUInt32BE(at);
    if (next > data.length) break;
    at = next;
  }
  return at;
}

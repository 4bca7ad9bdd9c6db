/**
 * Round trips per second over loopback, 1 KiB bodies, at 1 and 64 requests in flight:
 * RemotingServer/RemotingClient against a bare echo over the same framing (the physical
 * limit), measured in the same run. Servers run in a child process so client and server each
 * get a core. Rounds alternate ours/bare and the best round counts, to damp noise from other
 * load; CPU time per round trip (client + server process) is reported too, as it is far less
 * sensitive to that noise. Prints a table, then one line of JSON.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { setupLogger } from '@mq/common';
import { RemotingClient, RemotingCommand, RemotingServer, RequestCode, decodeCommand, encodeCommand } from '../src';
import { appendCommand } from '../src/codec/command-codec';
import { FrameOutput } from '../src/codec/frame-output';
import { startBareEchoServer } from './bare-echo';

const BODY = Buffer.alloc(1024, 0x61);
const IN_FLIGHT = [1, 64];
const ROUNDS = 3;
const ROUND_MS = 1200;
const WARMUP_MS = 500;
const CODE = RequestCode.SEND_MESSAGE_V2;
/** A SEND_MESSAGE_V2-like header, so the header codec does realistic work. */
const EXT = { a: 'ProducerGroup', b: 'BenchTopic', c: 'TBW102', d: '4', e: '0', f: '0', g: '1700000000000', h: '0', i: 'WAIT\u0001true\u0002', j: '0', k: 'false', m: 'false' };

type Kind = 'ours' | 'bare';
/** Runs a closed loop for `durationMs` and returns the number of completed round trips. */
type Workload = (inFlight: number, durationMs: number) => Promise<number>;

interface Round {
  perSecond: number;
  cpuMicrosPerRoundTrip: number;
}

interface ServerProcess {
  child: ChildProcess;
  port: number;
  cpuMicros(): Promise<number>;
}

/** The response the bench server sends (a SEND_MESSAGE_V2 answer echoing the body). */
function benchResponse(request: RemotingCommand): RemotingCommand {
  const response = RemotingCommand.createResponse(request);
  response.extFields = { msgId: 'C0A8000100002A9F0000000000000000', queueId: '0', queueOffset: '0' };
  response.body = request.body;
  return response;
}

/**
 * CPU µs per round trip spent encoding and decoding frames, in process, without sockets:
 * the client encodes the request and decodes the response, the server does the opposite.
 * The bare echo does none of this work.
 */
function codecMicrosPerRoundTrip(): number {
  const request = RemotingCommand.createRequest(CODE, { ...EXT }, BODY);
  const response = benchResponse(request);
  const requestFrame = encodeCommand(request).subarray(4);
  const responseFrame = encodeCommand(response).subarray(4);
  const out = new FrameOutput(64 * 1024);
  const iterations = 100_000;
  const before = cpuMicros();
  for (let i = 0; i < iterations; i++) {
    appendCommand(request, out);
    decodeCommand(requestFrame);
    appendCommand(response, out);
    decodeCommand(responseFrame);
    if (i % 32 === 0) out.take();
  }
  return (cpuMicros() - before) / iterations;
}

async function serve(kind: Kind): Promise<number> {
  if (kind === 'bare') {
    const server = await startBareEchoServer();
    return (server.address() as { port: number }).port;
  }
  const server = new RemotingServer({ host: '127.0.0.1' });
  server.registerProcessor(CODE, benchResponse);
  return server.start();
}

function runServerProcess(kind: Kind): void {
  process.once('disconnect', () => process.exit(0));
  process.on('message', () => process.send?.(cpuMicros()));
  void serve(kind).then((port) => process.send?.(port));
}

function startServerProcess(kind: Kind): Promise<ServerProcess> {
  const child = fork(__filename, ['serve', kind], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const cpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (micros) => resolve(micros as number));
      child.send('cpu');
    });
  return new Promise((resolve, reject) => {
    child.once('message', (port) => resolve({ child, port: port as number, cpuMicros: cpu }));
    child.once('error', reject);
  });
}

function ourWorkload(client: RemotingClient, address: string): Workload {
  return async (inFlight, durationMs) => {
    let completed = 0;
    let running = true;
    const loop = async () => {
      while (running) {
        await client.invoke(address, RemotingCommand.createRequest(CODE, { ...EXT }, BODY), 3000);
        completed++;
      }
    };
    const loops = Array.from({ length: inFlight }, loop);
    await sleep(durationMs);
    const done = completed;
    running = false;
    await Promise.all(loops);
    return done;
  };
}

/** The same closed loop with pre-encoded frames; responses are counted by size (it is an echo). */
function bareWorkload(port: number): Workload {
  const frame = encodeCommand(RemotingCommand.createRequest(CODE, { ...EXT }, BODY));
  return async (inFlight, durationMs) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = 0;
    let completed = 0;
    let running = true;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      const done = Math.floor(received / frame.length) - completed;
      completed += done;
      if (running && done > 0) socket.write(done === 1 ? frame : Buffer.concat(Array.from({ length: done }, () => frame)));
    });
    socket.write(Buffer.concat(Array.from({ length: inFlight }, () => frame)));
    await sleep(durationMs);
    const done = completed;
    running = false;
    socket.destroy();
    return done;
  };
}

async function measure(workload: Workload, server: ServerProcess, inFlight: number): Promise<Round> {
  const serverBefore = await server.cpuMicros();
  const clientBefore = cpuMicros();
  const completed = await workload(inFlight, ROUND_MS);
  const cpu = cpuMicros() - clientBefore + (await server.cpuMicros()) - serverBefore;
  return { perSecond: (completed * 1000) / ROUND_MS, cpuMicrosPerRoundTrip: cpu / completed };
}

function better(a: Round | undefined, b: Round): Round {
  return a && a.perSecond >= b.perSecond ? a : b;
}

async function main(): Promise<void> {
  const servers = { ours: await startServerProcess('ours'), bare: await startServerProcess('bare') };
  const client = new RemotingClient();
  const workloads: Record<Kind, Workload> = {
    ours: ourWorkload(client, `127.0.0.1:${servers.ours.port}`),
    bare: bareWorkload(servers.bare.port),
  };
  const best: Record<Kind, Record<number, Round>> = { ours: {}, bare: {} };
  try {
    for (const inFlight of IN_FLIGHT) {
      for (const kind of ['ours', 'bare'] as const) await workloads[kind](inFlight, WARMUP_MS);
      for (let round = 0; round < ROUNDS; round++) {
        for (const kind of ['ours', 'bare'] as const) {
          best[kind][inFlight] = better(best[kind][inFlight], await measure(workloads[kind], servers[kind], inFlight));
        }
      }
    }
  } finally {
    await client.shutdown();
    servers.ours.child.disconnect();
    servers.bare.child.disconnect();
  }
  report(best, codecMicrosPerRoundTrip());
}

function report(best: Record<Kind, Record<number, Round>>, codecMicros: number): void {
  const ratio = Object.fromEntries(IN_FLIGHT.map((n) => [n, round2(best.ours[n].perSecond / best.bare[n].perSecond)]));
  const rows = IN_FLIGHT.map((n) => {
    const ours = best.ours[n];
    const bare = best.bare[n];
    return `| ${pad(n, 9)} | ${pad(fmt(ours.perSecond), 13)} | ${pad(fmt(bare.perSecond), 13)} | ${pad(ratio[n].toFixed(2), 9)} | ${pad(ours.cpuMicrosPerRoundTrip.toFixed(1), 11)} | ${pad(bare.cpuMicrosPerRoundTrip.toFixed(1), 11)} |`;
  });
  process.stdout.write(
    [
      `remoting round trips/s, ${BODY.length}-byte body, loopback, best of ${ROUNDS} x ${ROUND_MS} ms (CPU = client + server process, µs per round trip)`,
      '| in flight |          ours |          bare | ours/bare |    ours CPU |    bare CPU |',
      '|-----------|---------------|---------------|-----------|-------------|-------------|',
      ...rows,
      `frame encode + decode alone (4 per round trip, in process): ${codecMicros.toFixed(1)} CPU µs per round trip`,
      '',
    ].join('\n'),
  );
  const figures = {
    bodyBytes: BODY.length,
    roundTripsPerSecond: { ours: perLevel(best.ours, (r) => Math.round(r.perSecond)), bare: perLevel(best.bare, (r) => Math.round(r.perSecond)) },
    cpuMicrosPerRoundTrip: { ours: perLevel(best.ours, (r) => round2(r.cpuMicrosPerRoundTrip)), bare: perLevel(best.bare, (r) => round2(r.cpuMicrosPerRoundTrip)) },
    ratio,
    codecCpuMicrosPerRoundTrip: round2(codecMicros),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function perLevel(rounds: Record<number, Round>, pick: (round: Round) => number): Record<string, number> {
  return Object.fromEntries(IN_FLIGHT.map((n) => [String(n), pick(rounds[n])]));
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

const pad = (value: string | number, width: number) => String(value).padStart(width);
const fmt = (rate: number) => Math.round(rate).toLocaleString('en-US');
const round2 = (value: number) => Math.round(value * 100) / 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

setupLogger({ level: process.env.MQ_LOG_LEVEL ?? 'warn' });
if (process.argv[2] === 'serve') {
  runServerProcess(process.argv[3] as Kind);
} else {
  main().catch((error) => {
    process.stderr.write(`${String(error?.stack ?? error)}\n`);
    process.exitCode = 1;
  });
}

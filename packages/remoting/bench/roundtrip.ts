/**
 * Round trips per second over loopback, 1 KiB bodies, at 1 and 64 requests in flight:
 * RemotingServer/RemotingClient, with the JSON and with the ROCKETMQ binary header, against a
 * bare echo over the same framing (the physical limit), measured in the same run. Servers run in a child process so client and server each
 * get a core. Rounds alternate ours/bare and the best round counts, to damp noise from other
 * load; CPU time per round trip (client + server process) is reported too, as it is far less
 * sensitive to that noise. Prints a table, then one line of JSON. Exits non-zero, servers
 * killed, if anything fails.
 */
import { connect } from 'node:net';
import { setupLogger } from '@mq/common';
import { RemotingClient, RemotingCommand, RemotingServer, RequestCode, SerializeType, decodeCommand, encodeCommand } from '../src';
import { appendCommand } from '../src/codec/command-codec';
import { FrameOutput } from '../src/codec/frame-output';
import { startBareEchoServer } from './bare-echo';
import { processCpuMicros as cpuMicros, serveParent, startServerProcess, stopServerProcesses, type ServerProcess } from './server-process';

const BODY = Buffer.alloc(1024, 0x61);
const IN_FLIGHT = [1, 64];
const ROUNDS = 3;
const ROUND_MS = 1200;
const WARMUP_MS = 500;
const CODE = RequestCode.SEND_MESSAGE_V2;
/** A SEND_MESSAGE_V2-like header, so the header codec does realistic work. */
const EXT = { a: 'ProducerGroup', b: 'BenchTopic', c: 'TBW102', d: '4', e: '0', f: '0', g: '1700000000000', h: '0', i: 'WAIT\u0001true\u0002', j: '0', k: 'false', m: 'false' };

/** ours: JSON header (the Java default, the headline); oursRocketmq: ROCKETMQ binary header. */
type Kind = 'ours' | 'oursRocketmq' | 'bare';
type ServerKind = 'ours' | 'bare';
const KINDS: readonly Kind[] = ['ours', 'oursRocketmq', 'bare'];
const SERIALIZATION_ROWS = [
  { kind: 'ours', label: 'JSON', serializeType: SerializeType.JSON },
  { kind: 'oursRocketmq', label: 'ROCKETMQ', serializeType: SerializeType.ROCKETMQ },
] as const;
/** Runs a closed loop for `durationMs` and returns the number of completed round trips. */
type Workload = (inFlight: number, durationMs: number) => Promise<number>;

interface Round {
  perSecond: number;
  cpuMicrosPerRoundTrip: number;
}

function benchRequest(serializeType: SerializeType): RemotingCommand {
  const request = RemotingCommand.createRequest(CODE, { ...EXT }, BODY);
  request.serializeType = serializeType;
  return request;
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
function codecMicrosPerRoundTrip(serializeType: SerializeType): number {
  const request = benchRequest(serializeType);
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

async function serve(kind: ServerKind): Promise<number> {
  if (kind === 'bare') {
    const server = await startBareEchoServer();
    return (server.address() as { port: number }).port;
  }
  const server = new RemotingServer({ host: '127.0.0.1' });
  server.registerProcessor(CODE, benchResponse);
  return server.start();
}

function ourWorkload(client: RemotingClient, address: string, serializeType: SerializeType): Workload {
  return async (inFlight, durationMs) => {
    let completed = 0;
    let running = true;
    const loop = async () => {
      while (running) {
        await client.invoke(address, benchRequest(serializeType), 3000);
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
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
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
  const [oursServer, bareServer] = await Promise.all((['ours', 'bare'] as const).map(startBenchServer));
  const servers: Record<Kind, ServerProcess> = { ours: oursServer, oursRocketmq: oursServer, bare: bareServer };
  const client = new RemotingClient();
  const ourAddress = `127.0.0.1:${oursServer.port}`;
  const workloads = { ...perSerialization((type) => ourWorkload(client, ourAddress, type)), bare: bareWorkload(bareServer.port) };
  const best: Best = { ours: {}, oursRocketmq: {}, bare: {} };
  try {
    for (const inFlight of IN_FLIGHT) {
      for (const kind of KINDS) await workloads[kind](inFlight, WARMUP_MS);
      for (let round = 0; round < ROUNDS; round++) {
        for (const kind of KINDS) {
          best[kind][inFlight] = better(best[kind][inFlight], await measure(workloads[kind], servers[kind], inFlight));
        }
      }
    }
  } finally {
    await client.shutdown();
    stopServerProcesses();
  }
  report(best, perSerialization(codecMicrosPerRoundTrip));
}

function startBenchServer(kind: ServerKind): Promise<ServerProcess> {
  return startServerProcess(kind === 'bare' ? 'bare echo' : 'RemotingServer', __filename, ['serve', kind]);
}

type Best = Record<Kind, Record<number, Round>>;
type OurKind = Exclude<Kind, 'bare'>;

function perSerialization<T>(make: (serializeType: SerializeType) => T): Record<OurKind, T> {
  return Object.fromEntries(SERIALIZATION_ROWS.map(({ kind, serializeType }) => [kind, make(serializeType)])) as Record<OurKind, T>;
}

function report(best: Best, codecMicros: Record<OurKind, number>): void {
  const ratioToBare = (kind: Kind) => perLevel(best[kind], (r, n) => round2(r.perSecond / best.bare[n].perSecond));
  const ratio = { ours: ratioToBare('ours'), oursRocketmq: ratioToBare('oursRocketmq') };
  const rows = SERIALIZATION_ROWS.flatMap(({ kind, label }) =>
    IN_FLIGHT.map((n) => {
      const ours = best[kind][n];
      const bare = best.bare[n];
      return `| ${label.padEnd(8)} | ${pad(n, 9)} | ${pad(fmt(ours.perSecond), 13)} | ${pad(fmt(bare.perSecond), 13)} | ${pad(ratio[kind][n].toFixed(2), 9)} | ${pad(ours.cpuMicrosPerRoundTrip.toFixed(1), 11)} | ${pad(bare.cpuMicrosPerRoundTrip.toFixed(1), 11)} |`;
    }),
  );
  const codecLines = SERIALIZATION_ROWS.map(
    ({ kind, label }) => `frame encode + decode alone, ${label} header (4 per round trip, in process): ${codecMicros[kind].toFixed(1)} CPU µs per round trip`,
  );
  process.stdout.write(
    [
      `remoting round trips/s, ${BODY.length}-byte body, loopback, best of ${ROUNDS} x ${ROUND_MS} ms (CPU = client + server process, µs per round trip)`,
      '| header   | in flight |          ours |          bare | ours/bare |    ours CPU |    bare CPU |',
      '|----------|-----------|---------------|---------------|-----------|-------------|-------------|',
      ...rows,
      ...codecLines,
      '',
    ].join('\n'),
  );
  const figures = {
    bodyBytes: BODY.length,
    roundTripsPerSecond: perKind((kind) => perLevel(best[kind], (r) => Math.round(r.perSecond))),
    cpuMicrosPerRoundTrip: perKind((kind) => perLevel(best[kind], (r) => round2(r.cpuMicrosPerRoundTrip))),
    ratio: ratio.ours,
    ratioRocketmq: ratio.oursRocketmq,
    codecCpuMicrosPerRoundTrip: round2(codecMicros.ours),
    codecCpuMicrosPerRoundTripRocketmq: round2(codecMicros.oursRocketmq),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function perKind<T>(pick: (kind: Kind) => T): Record<Kind, T> {
  return { ours: pick('ours'), oursRocketmq: pick('oursRocketmq'), bare: pick('bare') };
}

function perLevel(rounds: Record<number, Round>, pick: (round: Round, inFlight: number) => number): Record<string, number> {
  return Object.fromEntries(IN_FLIGHT.map((n) => [String(n), pick(rounds[n], n)]));
}

const pad = (value: string | number, width: number) => String(value).padStart(width);
const fmt = (rate: number) => Math.round(rate).toLocaleString('en-US');
const round2 = (value: number) => Math.round(value * 100) / 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

setupLogger({ level: process.env.MQ_LOG_LEVEL ?? 'warn' });
if (process.argv[2] === 'serve') {
  const kind = process.argv[3] as ServerKind;
  serveParent(() => serve(kind));
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    stopServerProcesses();
    process.exit(1);
  });
}

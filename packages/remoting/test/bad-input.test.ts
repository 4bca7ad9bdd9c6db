import { connect } from 'node:net';
import fc from 'fast-check';
import { RemotingCommand, RequestCode, ResponseCode, SerializeType, encodeCommand } from '@mq/remoting';
import { Fixture, waitFor } from './helpers';

const ECHO = RequestCode.SEND_MESSAGE;

function corpus(): Buffer[] {
  const frames: Buffer[] = [];
  for (const serializeType of [SerializeType.JSON, SerializeType.ROCKETMQ]) {
    for (const [code, ext, body] of [
      [ECHO, { topic: 'T', queueId: '3' }, Buffer.from('hello')],
      [ECHO, undefined, undefined],
      [RequestCode.HEART_BEAT, {}, Buffer.alloc(300, 1)],
      [999, { a: 'b' }, undefined],
    ] as const) {
      const command = RemotingCommand.createRequest(code, ext && { ...ext }, body);
      command.serializeType = serializeType;
      frames.push(encodeCommand(command));
    }
  }
  const response = RemotingCommand.createResponse(RemotingCommand.createRequest(ECHO), ResponseCode.SYSTEM_ERROR, 'x');
  frames.push(encodeCommand(response));
  return frames;
}

const validFrame = fc.constantFrom(...corpus());
const overwriteWord = (at: number) =>
  fc.tuple(validFrame, fc.integer({ min: 0, max: 0xffffffff })).map(([frame, word]) => {
    const copy = Buffer.from(frame);
    copy.writeUInt32BE(word, at);
    return copy;
  });
const badInput = fc.oneof(
  validFrame,
  fc.tuple(validFrame, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 })).map(([frame, flips]) => {
    const copy = Buffer.from(frame);
    for (const [position, byte] of flips) copy[position % copy.length] = byte;
    return copy;
  }),
  fc.tuple(validFrame, fc.nat()).map(([frame, cut]) => frame.subarray(0, cut % frame.length)),
  overwriteWord(0),
  overwriteWord(4),
  fc.constantFrom(Buffer.from('ffffffff00000000', 'hex'), Buffer.from('00fffffd00000002', 'hex'), Buffer.from('0000000400000000', 'hex')),
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);

/** Sends the inputs over one fresh connection, half-closes it, and waits (bounded) for the server to close it. */
function sendAndAwaitClose(port: number, inputs: Buffer[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connection still open 10 s after sending ${inputs.map((input) => input.toString('hex')).join(' | ')}`));
    }, 10_000);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.on('connect', () => {
      for (const input of inputs) socket.write(input);
      socket.end();
    });
  });
}

describe('bad input from peers', () => {
  const fixture = new Fixture();
  afterAll(() => fixture.close());

  it('never stalls a connection nor breaks the server (thousands of random and mutated frames)', async () => {
    const { server, address } = await fixture.server();
    let echoed = 0;
    server.registerProcessor(ECHO, (request) => {
      echoed++;
      return RemotingCommand.createResponse(request);
    });
    const healthy = fixture.client();
    const port = server.port;

    await fc.assert(
      fc.asyncProperty(fc.array(badInput, { minLength: 1, maxLength: 4 }), async (inputs) => {
        await sendAndAwaitClose(port, inputs);
        const response = await healthy.invoke(address, RemotingCommand.createRequest(ECHO), 3000);
        expect(response.code).toBe(ResponseCode.SUCCESS);
      }),
      { numRuns: 1000 },
    );
    expect(echoed).toBeGreaterThan(1000);
    await waitFor(() => server.channels.size === 1, 5000, 'fuzz connections to close');
  }, 120_000);
});

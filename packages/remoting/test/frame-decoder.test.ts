import fc from 'fast-check';
import { FrameDecoder, MAX_FRAME_LENGTH, RemotingCommand, RemotingDecodeError, encodeCommand } from '@mq/remoting';

function sampleFrames(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    const command = RemotingCommand.createRequest(10 + i, { key: `value-${i}` }, Buffer.alloc(i * 7, i));
    return encodeCommand(command);
  });
}

/** Feeds `chunks` and returns every frame emitted (copied, so later pushes cannot alter them). */
function decodeAll(chunks: Buffer[], decoder = new FrameDecoder()): Buffer[] {
  const frames: Buffer[] = [];
  for (const chunk of chunks) decoder.push(chunk, (frame) => frames.push(Buffer.from(frame)));
  return frames;
}

const withoutLength = (frames: Buffer[]) => frames.map((frame) => frame.subarray(4));
/** Frames as hex strings: cheap to compare thousands of times. */
const asHex = (frames: Buffer[]) => frames.map((frame) => frame.toString('hex'));

describe('FrameDecoder', () => {
  const frames = sampleFrames(4);
  const stream = Buffer.concat(frames);

  it('emits every frame of one chunk, as views without copying', () => {
    const seen: Buffer[] = [];
    new FrameDecoder().push(stream, (frame) => seen.push(frame));
    expect(seen).toEqual(withoutLength(frames));
    expect(seen.every((frame) => frame.buffer === stream.buffer)).toBe(true);
  });

  it('reassembles the stream split at every byte position', () => {
    const expected = asHex(withoutLength(frames));
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(asHex(decodeAll([stream.subarray(0, cut), stream.subarray(cut)]))).toEqual(expected);
    }
  });

  it('reassembles the stream fed one byte at a time', () => {
    const bytes = Array.from(stream, (byte) => Buffer.from([byte]));
    expect(decodeAll(bytes)).toEqual(withoutLength(frames));
  });

  it('reassembles any chunking (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const chunks = points.slice(1).map((end, i) => stream.subarray(points[i], end));
        expect(asHex(decodeAll(chunks))).toEqual(asHex(withoutLength(frames)));
      }),
    );
  });

  it('holds only the incomplete tail', () => {
    const decoder = new FrameDecoder();
    decodeAll([stream.subarray(0, frames[0].length + 3)], decoder);
    expect(decoder.bufferedBytes).toBe(3);
  });

  it.each([
    ['a length below 4', '00 00 00 03 00 00 00 00'],
    ['a length over the 16 MiB limit', '00 ff ff fd 00 00 00 02'],
    ['a negative length', 'ff ff ff f0 00 00 00 02'],
    ['a header longer than the frame', '00 00 00 08 00 00 00 05'],
    ['an unknown serialize type', '00 00 00 08 07 00 00 02'],
  ])('rejects %s from the 8-byte prefix alone', (_name, prefix) => {
    const bytes = Buffer.from(prefix.replace(/ /g, ''), 'hex');
    expect(() => decodeAll([bytes])).toThrow(RemotingDecodeError);
    expect(() => decodeAll([bytes.subarray(0, 3), bytes.subarray(3)])).toThrow(RemotingDecodeError);
  });

  it('accepts the largest legal length (16 777 212) and waits for its bytes', () => {
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32BE(MAX_FRAME_LENGTH - 4, 0);
    prefix.writeUInt32BE(2, 4);
    const decoder = new FrameDecoder();
    expect(decodeAll([prefix], decoder)).toEqual([]);
    expect(decoder.bufferedBytes).toBe(8);
  });

  it('honours a smaller configured limit', () => {
    expect(() => decodeAll([frames[3]], new FrameDecoder(frames[3].length - 1))).toThrow(RemotingDecodeError);
    expect(decodeAll([frames[3]], new FrameDecoder(frames[3].length))).toHaveLength(1);
  });
});

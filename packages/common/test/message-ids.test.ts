import fc from 'fast-check';
import {
  createOffsetMessageId,
  createUniqueMessageId,
  decodeOffsetMessageId,
  MQError,
  parseUniqueMessageId,
  UniqueMessageIdGenerator,
} from '@mq/common';

describe('offset message id', () => {
  it('encodes the spec example (IPv4, 32 uppercase hex)', () => {
    expect(createOffsetMessageId({ address: '192.168.0.10', port: 10911 }, 4096)).toBe('C0A8000A00002A9F0000000000001000');
  });

  it('decodes either case', () => {
    const expected = { storeHost: { address: '192.168.0.10', port: 10911 }, commitLogOffset: 4096 };
    expect(decodeOffsetMessageId('C0A8000A00002A9F0000000000001000')).toEqual(expected);
    expect(decodeOffsetMessageId('c0a8000a00002a9f0000000000001000')).toEqual(expected);
  });

  it('uses 56 hex characters for an IPv6 store host', () => {
    const id = createOffsetMessageId({ address: 'fd00::a', port: 10911 }, 2 ** 40);
    expect(id).toBe('FD00000000000000000000000000000A' + '00002A9F' + '0000010000000000');
    expect(decodeOffsetMessageId(id)).toEqual({ storeHost: { address: 'fd00:0:0:0:0:0:0:a', port: 10911 }, commitLogOffset: 2 ** 40 });
  });

  it('round-trips IPv4 hosts and offsets', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (address, port, offset) => {
        expect(decodeOffsetMessageId(createOffsetMessageId({ address, port }, offset))).toEqual({ storeHost: { address, port }, commitLogOffset: offset });
      }),
    );
  });

  it('refuses wrong lengths and non-hex text', () => {
    expect(() => decodeOffsetMessageId('C0A8')).toThrow(MQError);
    expect(() => decodeOffsetMessageId('Z0A8000A00002A9F0000000000001000')).toThrow(/hex/);
  });
});

describe('unique message id (UNIQ_KEY)', () => {
  // 2024-03-10 12:00:00 local time
  const now = new Date(2024, 2, 10, 12, 0, 0, 0).getTime();
  const monthStart = new Date(2024, 2, 1).getTime();

  it('lays out ip, pid, hash, time since the local month start and counter', () => {
    const generator = new UniqueMessageIdGenerator({ ip: '192.168.0.20', pid: 0x11234, processHash: -1430532899, clock: () => now });
    const first = generator.next();
    const second = generator.next();
    const elapsed = (now - monthStart).toString(16).toUpperCase().padStart(8, '0');
    expect(first).toBe(`C0A80014` + `1234` + `AABBCCDD` + elapsed + `0000`);
    expect(second).toBe(`C0A80014` + `1234` + `AABBCCDD` + elapsed + `0001`);
  });

  it('is 56 characters on an IPv6 host and parses back', () => {
    const generator = new UniqueMessageIdGenerator({ ip: 'fd00::2', pid: 23505, clock: () => now });
    const id = generator.next();
    expect(id).toMatch(/^FD000000000000000000000000000002[0-9A-F]{24}$/);
    expect(parseUniqueMessageId(id, now + 1000)).toEqual({ ip: 'fd00:0000:0000:0000:0000:0000:0000:0002', pid: 23505, timestamp: now });
  });

  it('parses the time into the previous month when this month would put it in the future', () => {
    const id = new UniqueMessageIdGenerator({ ip: '10.0.0.1', clock: () => new Date(2024, 1, 28).getTime() }).next();
    const info = parseUniqueMessageId(id.toLowerCase(), new Date(2024, 2, 2).getTime());
    expect(info.ip).toBe('10.0.0.1');
    expect(info.timestamp).toBe(new Date(2024, 1, 28).getTime());
  });

  it('wraps the counter at 16 bits and restarts the time at a new month', () => {
    let clock = new Date(2024, 0, 31, 23, 59, 59).getTime();
    const generator = new UniqueMessageIdGenerator({ ip: '10.0.0.1', clock: () => clock });
    for (let i = 0; i < 0x10000; i++) generator.next();
    expect(generator.next().slice(-4)).toBe('0000');
    clock = new Date(2024, 1, 1, 0, 0, 1).getTime();
    expect(generator.next().slice(20, 28)).toBe('000003E8');
  });

  it('the process generator gives distinct 32- or 56-character uppercase ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => createUniqueMessageId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^([0-9A-F]{32}|[0-9A-F]{56})$/);
  });

  it('refuses ids of other lengths', () => {
    expect(() => parseUniqueMessageId('ABCD')).toThrow(MQError);
  });
});

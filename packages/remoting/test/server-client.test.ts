import { MQError } from '@mq/common';
import {
  RemotingCommand,
  RequestCode,
  ResponseCode,
  SerializeType,
  encodeCommand,
  type RemotingChannel,
} from '@mq/remoting';
import { Fixture, waitFor } from './helpers';

const ECHO = RequestCode.SEND_MESSAGE;
const HANG = RequestCode.PULL_MESSAGE;

/** Echoes ext fields and body back with SUCCESS. */
function echo(request: RemotingCommand): RemotingCommand {
  const response = RemotingCommand.createResponse(request, ResponseCode.SUCCESS);
  response.extFields = request.extFields;
  response.body = request.body;
  return response;
}

describe('RemotingServer + RemotingClient over TCP', () => {
  let fixture: Fixture;
  beforeEach(() => {
    fixture = new Fixture();
  });
  afterEach(() => fixture.close());

  it('answers a request with its processor (invoke)', async () => {
    const { server, address } = await fixture.server();
    server.registerProcessor(ECHO, async (request) => echo(request));
    const request = RemotingCommand.createRequest(ECHO, { topic: 'T' }, Buffer.from('payload'));
    const response = await fixture.client().invoke(address, request, 3000);
    expect(response).toMatchObject({ code: ResponseCode.SUCCESS, opaque: request.opaque, isResponse: true, extFields: { topic: 'T' } });
    expect(response.body?.toString()).toBe('payload');
  });

  it('keeps frames intact and in order when small and large bodies share one batch', async () => {
    const { server, address } = await fixture.server();
    server.registerProcessor(ECHO, echo);
    const client = fixture.client();
    const sizes = [0, 1, 16 * 1024, 16 * 1024 + 1, 300, 200 * 1024, 5, 70 * 1024, 64 * 1024 - 40];
    const bodies = sizes.map((size, index) => Buffer.alloc(size, index + 1));
    const responses = await Promise.all(
      bodies.map((body, index) => client.invoke(address, RemotingCommand.createRequest(ECHO, { index: String(index) }, body.length > 0 ? body : undefined), 3000)),
    );
    responses.forEach((response, index) => {
      expect(response.extFields).toEqual({ index: String(index) });
      expect(response.body ?? Buffer.alloc(0)).toEqual(bodies[index]);
    });
  });

  it('answers in the serialization of the request', async () => {
    const { server, address } = await fixture.server();
    server.registerProcessor(ECHO, (request) => echo(request));
    const request = RemotingCommand.createRequest(ECHO, { k: 'v' });
    request.serializeType = SerializeType.ROCKETMQ;
    const response = await fixture.client().invoke(address, request, 3000);
    expect(response.serializeType).toBe(SerializeType.ROCKETMQ);
    expect(response.extFields).toEqual({ k: 'v' });
  });

  it('answers an unknown code with REQUEST_CODE_NOT_SUPPORTED and Java\'s remark', async () => {
    const { address } = await fixture.server();
    const response = await fixture.client().invoke(address, RemotingCommand.createRequest(999), 3000);
    expect(response.code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    expect(response.remark).toBe(' request type 999 not supported');
  });

  it('serves unregistered codes with the default processor', async () => {
    const { server, address } = await fixture.server();
    server.registerDefaultProcessor((request) => RemotingCommand.createResponse(request, ResponseCode.SUCCESS, `default ${request.code}`));
    const response = await fixture.client().invoke(address, RemotingCommand.createRequest(777), 3000);
    expect(response.remark).toBe('default 777');
  });

  it('turns a thrown MQError into its code and remark, anything else into SYSTEM_ERROR', async () => {
    const { server, address } = await fixture.server();
    server.registerProcessor(1, async () => {
      throw new MQError(ResponseCode.TOPIC_NOT_EXIST, 'topic X not exist');
    });
    server.registerProcessor(2, () => {
      throw new TypeError('boom');
    });
    const client = fixture.client();
    const mqFailure = await client.invoke(address, RemotingCommand.createRequest(1), 3000);
    expect(mqFailure).toMatchObject({ code: ResponseCode.TOPIC_NOT_EXIST, remark: 'topic X not exist' });
    const crash = await client.invoke(address, RemotingCommand.createRequest(2), 3000);
    expect(crash.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(crash.remark).toContain('boom');
  });

  it('never answers one-way requests, not even on errors', async () => {
    const { server, address } = await fixture.server();
    const seen: number[] = [];
    server.registerProcessor(ECHO, (request) => {
      seen.push(request.opaque);
      return echo(request);
    });
    const raw = await fixture.raw(address);
    const oneway = RemotingCommand.createRequest(ECHO).markOneway();
    const unknownOneway = RemotingCommand.createRequest(999).markOneway();
    const sync = RemotingCommand.createRequest(ECHO);
    raw.write(Buffer.concat([encodeCommand(oneway), encodeCommand(unknownOneway), encodeCommand(sync)]));
    await waitFor(() => raw.received.length >= 1);
    expect(seen).toEqual([oneway.opaque, sync.opaque]);
    // The sync request was answered after both one-way ones were handled: nothing else is coming.
    expect(raw.received.map((command) => command.opaque)).toEqual([sync.opaque]);
  });

  it('sends one-way requests from the client', async () => {
    const { server, address } = await fixture.server();
    const seen: RemotingCommand[] = [];
    server.registerProcessor(ECHO, (request) => {
      seen.push(request);
    });
    await fixture.client().invokeOneway(address, RemotingCommand.createRequest(ECHO, { a: '1' }));
    await waitFor(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ isOneway: true, extFields: { a: '1' } });
  });

  it('lets a processor answer later through the channel (long polling)', async () => {
    const { server, address } = await fixture.server();
    server.registerProcessor(HANG, (request, channel) => {
      setTimeout(() => channel.send(RemotingCommand.createResponse(request, ResponseCode.PULL_NOT_FOUND).markResponse()), 20);
    });
    const response = await fixture.client().invoke(address, RemotingCommand.createRequest(HANG), 3000);
    expect(response.code).toBe(ResponseCode.PULL_NOT_FOUND);
  });

  it('carries server-to-client requests on the accepted connection', async () => {
    const { server, address } = await fixture.server();
    server.registerProcessor(ECHO, echo);
    const client = fixture.client();
    client.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, (request) => {
      const response = RemotingCommand.createResponse(request);
      response.body = Buffer.from(`running ${request.extFields?.consumerGroup}`);
      return response;
    });
    const checks: RemotingCommand[] = [];
    client.registerProcessor(RequestCode.CHECK_TRANSACTION_STATE, (request) => {
      checks.push(request);
    });
    const accepted: RemotingChannel[] = [];
    server.on('connect', (channel) => accepted.push(channel));
    await client.invoke(address, RemotingCommand.createRequest(ECHO), 3000);
    await waitFor(() => accepted.length === 1);

    const info = await accepted[0].invoke(RemotingCommand.createRequest(RequestCode.GET_CONSUMER_RUNNING_INFO, { consumerGroup: 'G' }), 3000);
    expect(info.body?.toString()).toBe('running G');
    accepted[0].invokeOneway(RemotingCommand.createRequest(RequestCode.CHECK_TRANSACTION_STATE, { msgId: 'M' }));
    await waitFor(() => checks.length === 1);
    expect(checks[0].extFields).toEqual({ msgId: 'M' });
    expect(accepted[0].remoteAddress).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('rejects with RPC_TIME_OUT and forgets the request on timeout', async () => {
    const { server, address } = await fixture.server();
    server.registerProcessor(HANG, () => undefined);
    const client = fixture.client();
    const call = client.invoke(address, RemotingCommand.createRequest(HANG), 50);
    await expect(call).rejects.toMatchObject({ code: ResponseCode.RPC_TIME_OUT });
    const channel = await client.getChannel(address);
    expect(channel.pendingRequests).toBe(0);
  });

  it('times out calls with different deadlines in deadline order, answered ones untouched', async () => {
    const { server, address } = await fixture.server();
    server.registerProcessor(HANG, () => undefined);
    server.registerProcessor(ECHO, echo);
    const client = fixture.client();
    const settled: string[] = [];
    const outcome = (name: string, call: Promise<RemotingCommand>) =>
      call.then(
        (response) => response.code,
        (error: MQError) => error.code,
      ).finally(() => settled.push(name));
    const fast = outcome('fast', client.invoke(address, RemotingCommand.createRequest(HANG), 60));
    const slow = outcome('slow', client.invoke(address, RemotingCommand.createRequest(HANG), 600));
    const answered = outcome('answered', client.invoke(address, RemotingCommand.createRequest(ECHO), 3000));
    expect(await Promise.all([fast, slow, answered])).toEqual([ResponseCode.RPC_TIME_OUT, ResponseCode.RPC_TIME_OUT, ResponseCode.SUCCESS]);
    expect(settled.indexOf('fast')).toBeLessThan(settled.indexOf('slow'));
    expect((await client.getChannel(address)).pendingRequests).toBe(0);
  });

  it('rejects with RPC_UNKNOWN when the caller aborts', async () => {
    const { server, address } = await fixture.server();
    server.registerProcessor(HANG, () => undefined);
    const client = fixture.client();
    const controller = new AbortController();
    const call = client.invoke(address, RemotingCommand.createRequest(HANG), 10_000, { signal: controller.signal });
    await waitFor(() => server.channels.size === 1);
    controller.abort('no longer needed');
    await expect(call).rejects.toMatchObject({ code: ResponseCode.RPC_UNKNOWN });
    expect((await client.getChannel(address)).pendingRequests).toBe(0);
  });

  it('fails every in-flight call when the connection drops, and reconnects on next use', async () => {
    const { server, address } = await fixture.server();
    server.registerProcessor(ECHO, echo);
    let hanging = 0;
    server.registerProcessor(HANG, () => {
      hanging++;
    });
    const client = fixture.client();
    const closes: RemotingChannel[] = [];
    client.on('close', (channel) => closes.push(channel));
    const calls = [1, 2, 3].map(() => client.invoke(address, RemotingCommand.createRequest(HANG), 10_000));
    await waitFor(() => hanging === 3);
    const failures = Promise.all(calls.map((call) => expect(call).rejects.toMatchObject({ code: ResponseCode.RPC_SEND_TO_CHANNEL_FAILED })));
    for (const channel of server.channels) channel.destroy();
    await failures;
    await waitFor(() => closes.length === 1);

    const response = await client.invoke(address, RemotingCommand.createRequest(ECHO), 3000);
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(await client.getChannel(address)).not.toBe(closes[0]);
  });

  it('shares one connection among concurrent first callers', async () => {
    const { server, address } = await fixture.server();
    server.registerProcessor(ECHO, echo);
    let connects = 0;
    server.on('connect', () => connects++);
    const client = fixture.client();
    const responses = await Promise.all(Array.from({ length: 20 }, () => client.invoke(address, RemotingCommand.createRequest(ECHO), 3000)));
    expect(responses.every((response) => response.code === ResponseCode.SUCCESS)).toBe(true);
    expect(connects).toBe(1);
  });

  it('rejects with RPC_SEND_TO_CHANNEL_FAILED when nothing listens', async () => {
    const { server, address } = await fixture.server();
    await server.shutdown();
    await expect(fixture.client().invoke(address, RemotingCommand.createRequest(ECHO), 3000)).rejects.toMatchObject({
      code: ResponseCode.RPC_SEND_TO_CHANNEL_FAILED,
    });
  });

  it('closes idle connections and reports them on both sides', async () => {
    const { server, address } = await fixture.server({ idleTimeMs: 100 });
    server.registerProcessor(ECHO, echo);
    const idle: RemotingChannel[] = [];
    server.on('idle', (channel) => idle.push(channel));
    const client = fixture.client();
    let clientCloses = 0;
    client.on('close', () => clientCloses++);
    await client.invoke(address, RemotingCommand.createRequest(ECHO), 3000);
    await waitFor(() => idle.length === 1 && clientCloses === 1, 5000, 'idle close');
    expect(server.channels.size).toBe(0);
  });

  it('shuts down gracefully: running processors answer, then connections close; idempotent', async () => {
    const { server, address } = await fixture.server({ shutdownTimeoutMs: 5000 });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    server.registerProcessor(HANG, async (request) => {
      started = true;
      await released;
      return RemotingCommand.createResponse(request, ResponseCode.SUCCESS, 'finished');
    });
    const client = fixture.client();
    const call = client.invoke(address, RemotingCommand.createRequest(HANG), 10_000);
    await waitFor(() => started);
    const first = server.shutdown();
    expect(server.shutdown()).toBe(first);
    release();
    await expect(call).resolves.toMatchObject({ remark: 'finished' });
    await first;
    expect(server.channels.size).toBe(0);
    await expect(client.invoke(address, RemotingCommand.createRequest(ECHO), 1000)).rejects.toBeInstanceOf(MQError);
  });

  it('bounds shutdown when a processor never finishes', async () => {
    const { server, address } = await fixture.server({ shutdownTimeoutMs: 100 });
    server.registerProcessor(HANG, () => new Promise<void>(() => undefined));
    const client = fixture.client();
    const call = client.invoke(address, RemotingCommand.createRequest(HANG), 10_000);
    await waitFor(() => server.channels.size === 1);
    const failed = expect(call).rejects.toMatchObject({ code: ResponseCode.RPC_SEND_TO_CHANNEL_FAILED });
    await server.shutdown();
    await failed;
  });

  it('stops reading from a peer that does not read its responses (backpressure)', async () => {
    const { server, address } = await fixture.server();
    let processed = 0;
    server.registerProcessor(ECHO, (request) => {
      processed++;
      return echo(request);
    });
    const raw = await fixture.raw(address);
    raw.socket.pause();
    const total = 400;
    const body = Buffer.alloc(64 * 1024, 7);
    for (let i = 0; i < total; i++) raw.write(encodeCommand(RemotingCommand.createRequest(ECHO, undefined, body)));
    await waitFor(() => [...server.channels].some((channel) => channel.isCongested), 10_000, 'congestion');
    let last = -1;
    let stableFor = 0;
    await waitFor(() => {
      stableFor = processed === last ? stableFor + 1 : 0;
      last = processed;
      return stableFor >= 5;
    }, 10_000, 'server to stop reading');
    expect(processed).toBeLessThan(total);

    raw.socket.resume();
    await waitFor(() => raw.received.length === total, 20_000, 'all responses');
    expect(processed).toBe(total);
  });
});

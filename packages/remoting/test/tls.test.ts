import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemotingCommand, RequestCode, ResponseCode, type RemotingChannel } from '@mq/remoting';
import { Fixture, waitFor } from './helpers';

const key = readFileSync(join(__dirname, 'tls', 'server-key.pem'));
const cert = readFileSync(join(__dirname, 'tls', 'server-cert.pem'));
const CODE = RequestCode.HEART_BEAT;

describe('TLS', () => {
  let fixture: Fixture;
  beforeEach(() => {
    fixture = new Fixture();
  });
  afterEach(() => fixture.close());

  async function echoServer(mode: 'permissive' | 'enforcing') {
    const started = await fixture.server({ tls: { key, cert, mode } });
    started.server.registerProcessor(CODE, (request) => RemotingCommand.createResponse(request, ResponseCode.SUCCESS, `hello ${request.extFields?.who}`));
    return started;
  }

  it('serves TLS and plaintext clients on the same port (permissive)', async () => {
    const { server, address } = await echoServer('permissive');
    const connected: RemotingChannel[] = [];
    server.on('connect', (channel) => connected.push(channel));
    const tlsClient = fixture.client({ tls: { ca: cert, servername: 'localhost' } });
    const plainClient = fixture.client();

    const overTls = await tlsClient.invoke(address, RemotingCommand.createRequest(CODE, { who: 'tls' }), 3000);
    const overPlain = await plainClient.invoke(address, RemotingCommand.createRequest(CODE, { who: 'plain' }), 3000);
    expect(overTls.remark).toBe('hello tls');
    expect(overPlain.remark).toBe('hello plain');
    await waitFor(() => connected.length === 2);
    expect(connected.every((channel) => /^127\.0\.0\.1:\d+$/.test(channel.remoteAddress))).toBe(true);
  });

  it('carries server-to-client requests over TLS', async () => {
    const { server, address } = await echoServer('permissive');
    const client = fixture.client({ tls: { ca: cert, servername: 'localhost' } });
    client.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, (request) => RemotingCommand.createResponse(request, ResponseCode.SUCCESS, 'client here'));
    await client.invoke(address, RemotingCommand.createRequest(CODE), 3000);
    const [channel] = server.channels;
    const answer = await channel.invoke(RemotingCommand.createRequest(RequestCode.GET_CONSUMER_RUNNING_INFO), 3000);
    expect(answer.remark).toBe('client here');
  });

  it('refuses plaintext in enforcing mode', async () => {
    const { address } = await echoServer('enforcing');
    const tlsClient = fixture.client({ tls: { ca: cert, servername: 'localhost' } });
    await expect(tlsClient.invoke(address, RemotingCommand.createRequest(CODE, { who: 'tls' }), 3000)).resolves.toMatchObject({ remark: 'hello tls' });
    await expect(fixture.client().invoke(address, RemotingCommand.createRequest(CODE), 3000)).rejects.toMatchObject({
      code: ResponseCode.RPC_SEND_TO_CHANNEL_FAILED,
    });
  });

  it('fails the connect when the server certificate is not trusted', async () => {
    const { address } = await echoServer('permissive');
    await expect(fixture.client({ tls: {} }).invoke(address, RemotingCommand.createRequest(CODE), 3000)).rejects.toMatchObject({
      code: ResponseCode.RPC_SEND_TO_CHANNEL_FAILED,
    });
  });
});

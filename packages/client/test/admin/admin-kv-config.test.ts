import { RemotingCommand, RemotingServer, RequestCode, ResponseCode } from '@mq/remoting';
import { Admin } from '../../src';

/** A name server stand-in holding one KV entry, answering GET_KV_CONFIG as Java's does. */
async function startKvNamesrv(entries: Record<string, string>): Promise<{ addr: string; server: RemotingServer }> {
  const server = new RemotingServer({ host: '127.0.0.1' });
  server.registerProcessor(RequestCode.GET_KV_CONFIG, (request) => {
    const { namespace = '', key = '' } = request.extFields ?? {};
    const value = entries[`${namespace}/${key}`];
    if (value === undefined) return RemotingCommand.createResponse(request, ResponseCode.QUERY_NOT_FOUND, `No config item, Namespace: ${namespace} Key: ${key}`);
    const response = RemotingCommand.createResponse(request);
    response.extFields = { value };
    return response;
  });
  return { addr: `127.0.0.1:${await server.start()}`, server };
}

describe('Admin.getKvConfig', () => {
  let servers: RemotingServer[] = [];
  let admin: Admin | undefined;

  afterEach(async () => {
    await admin?.shutdown();
    for (const server of servers) await server.shutdown();
    servers = [];
  });

  async function adminOn(...stores: Array<Record<string, string>>): Promise<Admin> {
    const started = await Promise.all(stores.map(startKvNamesrv));
    servers = started.map((s) => s.server);
    admin = new Admin({ namesrvAddr: started.map((s) => s.addr).join(';') });
    await admin.start();
    return admin;
  }

  it('returns the value of the first name server that has the key', async () => {
    const kv = await adminOn({}, { 'NS/key': 'value-2' });
    expect(await kv.getKvConfig('NS', 'key')).toBe('value-2');
  });

  it('returns undefined when every name server answers QUERY_NOT_FOUND', async () => {
    const kv = await adminOn({ 'NS/other': 'x' });
    expect(await kv.getKvConfig('NS', 'key')).toBeUndefined();
  });
});

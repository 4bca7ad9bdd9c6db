import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RemotingClient, RemotingCommand, RequestCode, ResponseCode } from '@mq/remoting';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded';

// CHECK_CLIENT_CONFIG: what a Java consumer's start() sends for a MessageSelector.bySql subscription.

let dir: string;
let embedded: EmbeddedBroker;
let client: RemotingClient;

async function start(enablePropertyFilter: boolean): Promise<void> {
  embedded = await startEmbeddedBroker({ storeDir: dir, broker: { brokerName: 'broker-check', enablePropertyFilter } });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'broker-check-client-'));
  client = new RemotingClient();
});

afterEach(async () => {
  await client.shutdown();
  await embedded?.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

/** The body as the Java client's fastjson writes it. */
function checkClient(expressionType: string, subString: string): Promise<RemotingCommand> {
  const body = {
    clientId: '127.0.0.1@check',
    group: 'GID_check',
    subscriptionData: { classFilterMode: false, codeSet: [], expressionType, subString, subVersion: 1700000000000, tagsSet: [], topic: 'T' },
  };
  const request = RemotingCommand.createRequest(RequestCode.CHECK_CLIENT_CONFIG, {});
  request.body = Buffer.from(JSON.stringify(body));
  return client.invoke(embedded.brokerAddr, request, 5000);
}

test('a compiling SQL92 expression and any TAG expression are accepted', async () => {
  await start(true);
  expect((await checkClient('SQL92', "a between 2 and 10 and b = 'x'")).code).toBe(ResponseCode.SUCCESS);
  expect((await checkClient('TAG', 'TagA || TagB')).code).toBe(ResponseCode.SUCCESS);
});

test.each([["'axb' contains "], ['a >'], ['a = NULL'], ['']])('SQL92 %p does not compile: SUBSCRIPTION_PARSE_FAILED with the reason', async (expression) => {
  await start(true);
  const response = await checkClient('SQL92', expression);
  expect(response.code).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
  expect(response.remark).toBeTruthy();
});

test('an expression type with no filter is refused with SUBSCRIPTION_PARSE_FAILED', async () => {
  await start(true);
  expect((await checkClient('CLASS', 'x')).code).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
});

test('without enablePropertyFilter an SQL92 subscription gets SYSTEM_ERROR, a TAG one SUCCESS', async () => {
  await start(false);
  const response = await checkClient('SQL92', 'a > 1');
  expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
  expect(response.remark).toBe('The broker does not support consumer to filter message by SQL92');
  expect((await checkClient('TAG', '*')).code).toBe(ResponseCode.SUCCESS);
});

test('a request without a body is answered, not dropped', async () => {
  await start(true);
  const response = await client.invoke(embedded.brokerAddr, RemotingCommand.createRequest(RequestCode.CHECK_CLIENT_CONFIG, {}), 5000);
  expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
});

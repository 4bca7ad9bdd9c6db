import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageRequestModeManager } from '../../src/loadbalance/message-request-mode-manager';

/** What Apache RocketMQ 5.3.3's MessageRequestModeManager.persist() writes (fastjson pretty format). */
const JAVA_FILE =
  '{\n\t"messageRequestModeMap":{\n\t\t"TopicTest":{\n\t\t\t"Consumer":{\n\t\t\t\t"consumerGroup":"Consumer",\n\t\t\t\t"mode":"POP",\n\t\t\t\t"popShareQueueNum":-1,\n\t\t\t\t"topic":"TopicTest"\n\t\t\t}\n\t\t}\n\t}\n}';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'request-mode-'));
  file = path.join(dir, 'config', 'messageRequestMode.json');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("loads the file a Java broker wrote", () => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JAVA_FILE);
  const manager = new MessageRequestModeManager(dir);
  manager.load();
  expect(manager.get('TopicTest', 'Consumer')).toEqual({ topic: 'TopicTest', consumerGroup: 'Consumer', mode: 'POP', popShareQueueNum: -1 });
  expect(manager.get('TopicTest', 'Other')).toBeUndefined();
});

it("persists in Java's layout and reads it back, falling back to the backup of a torn file", async () => {
  const manager = new MessageRequestModeManager(dir);
  manager.set({ topic: 'TopicTest', consumerGroup: 'Consumer', mode: 'POP', popShareQueueNum: -1 });
  expect(await manager.persist()).toBe(true);
  expect(readFileSync(file, 'utf8')).toBe('{"messageRequestModeMap":{"TopicTest":{"Consumer":{"consumerGroup":"Consumer","mode":"POP","popShareQueueNum":-1,"topic":"TopicTest"}}}}');
  manager.set({ topic: 'TopicTest', consumerGroup: 'Consumer', mode: 'PULL', popShareQueueNum: 0 });
  expect(await manager.persist()).toBe(true);
  writeFileSync(file, '{"messageRequestModeMap":{"TopicTest":');

  const reloaded = new MessageRequestModeManager(dir);
  reloaded.load();
  expect(reloaded.get('TopicTest', 'Consumer')?.mode).toBe('POP');
});

it('starts empty without a file', () => {
  const manager = new MessageRequestModeManager(dir);
  manager.load();
  expect(manager.encode()).toBe('{"messageRequestModeMap":{}}');
});

// Crash-test child: appends messages from many concurrent producers and prints one line per
// acknowledged message ("ack <seq> <queueId> <queueOffset>"), until the parent kills it.
// Usage: node crash-child.js <storeDir> <SYNC_FLUSH|ASYNC_FLUSH> <firstSeq> <configJson>
require('../../../../tools/ts-register');
const { MessageStore, PutMessageStatus } = require('../../src/index.ts');
const { MessageExt } = require('@mq/common');

const [dir, flushDiskType, firstSeqText, configJson] = process.argv.slice(2);
const QUEUES = 4;
const PRODUCERS = 16;

function message(seq) {
  const m = new MessageExt();
  m.topic = 'CrashTopic';
  m.queueId = seq % QUEUES;
  m.body = Buffer.from(`seq-${seq}-`.padEnd(200 + (seq % 300), 'x'));
  m.bornTimestamp = Date.now();
  m.bornHost = { address: '127.0.0.1', port: 40000 };
  m.storeHost = { address: '127.0.0.1', port: 10911 };
  m.keys = `key-${seq}`;
  return m;
}

async function main() {
  const store = new MessageStore({ storePathRootDir: dir, flushDiskType, ...JSON.parse(configJson) });
  await store.start();
  process.stdout.write('ready\n');
  let next = Number(firstSeqText);
  const producer = async () => {
    for (;;) {
      const seq = next++;
      const result = await store.putMessage(message(seq));
      if (result.putMessageStatus === PutMessageStatus.PUT_OK) {
        process.stdout.write(`ack ${seq} ${seq % QUEUES} ${result.appendMessageResult.logicsOffset}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: PRODUCERS }, producer));
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack}\n`);
  process.exit(1);
});

import { MQError } from '@mq/common';
import type { AdminCommand } from '../src/cli/admin-command';
import { ADMIN_COMMANDS, findCommand } from '../src/cli/registry';
import { runMqadmin } from '../src/cli/program';

function capture(): { out: string[]; err: string[]; output: { out(text: string): void; err(text: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (text) => out.push(text), err: (text) => err.push(text) } };
}

const echo: AdminCommand = {
  name: 'echo',
  description: 'Echo a topic.',
  options: [{ flags: '-t, --topic <topic>', description: 'topic name' }],
  async run({ namesrvAddr }, options) {
    if (options.topic === 'missing') throw new MQError(17, 'No topic route info in name server for the topic: missing');
    return { data: { topic: options.topic, namesrvAddr }, text: `topic ${String(options.topic)}\n` };
  },
};

describe('runMqadmin', () => {
  it('prints the text result and exits 0', async () => {
    const io = capture();
    expect(await runMqadmin(['echo', '-n', '127.0.0.1:1', '-t', 'T1'], io.output, [echo])).toBe(0);
    expect(io.out.join('')).toBe('topic T1\n');
  });

  it('prints JSON with --json', async () => {
    const io = capture();
    expect(await runMqadmin(['echo', '-n', '127.0.0.1:1', '--topic', 'T1', '--json'], io.output, [echo])).toBe(0);
    expect(JSON.parse(io.out.join(''))).toEqual({ topic: 'T1', namesrvAddr: '127.0.0.1:1' });
  });

  it('exits 1 and names the MQError code on failure', async () => {
    const io = capture();
    expect(await runMqadmin(['echo', '-n', '127.0.0.1:1', '-t', 'missing'], io.output, [echo])).toBe(1);
    expect(io.err.join('')).toBe('echo command failed: TOPIC_NOT_EXIST (17): No topic route info in name server for the topic: missing\n');
  });

  it('rejects unknown commands and options with a non-zero code', async () => {
    const io = capture();
    expect(await runMqadmin(['nope'], io.output, [echo])).not.toBe(0);
    expect(await runMqadmin(['echo', '-x'], io.output, [echo])).not.toBe(0);
    expect(io.err.join('')).toContain("unknown option '-x'");
  });

  it('fails with a clear cause when no name server is configured', async () => {
    const saved = process.env.NAMESRV_ADDR;
    delete process.env.NAMESRV_ADDR;
    try {
      const io = capture();
      expect(await runMqadmin(['echo', '-t', 'T'], io.output, [echo])).toBe(1);
      expect(io.err.join('')).toContain('No name server address');
    } finally {
      if (saved !== undefined) process.env.NAMESRV_ADDR = saved;
    }
  });

  it('prints help and exits 0', async () => {
    const io = capture();
    expect(await runMqadmin(['echo', '--help'], io.output, [echo])).toBe(0);
    expect(io.out.join('')).toContain('-t, --topic <topic>');
  });
});

describe('registry', () => {
  it('holds the 32 mqadmin sub-commands with unique names and option letters', () => {
    const names = ADMIN_COMMANDS.map((command) => command.name);
    expect(new Set(names).size).toBe(32);
    for (const name of ['updateTopic', 'deleteTopic', 'topicList', 'topicRoute', 'topicStatus', 'topicClusterList', 'updateTopicPerm', 'updateSubGroup', 'setConsumeMode', 'deleteSubGroup', 'clusterList', 'brokerStatus', 'getBrokerConfig', 'updateBrokerConfig', 'consumerProgress', 'consumerConnection', 'producerConnection', 'queryMsgById', 'queryMsgByKey', 'queryMsgByUniqueKey', 'queryMsgByOffset', 'resetOffsetByTime', 'sendMessage', 'consumeMessage', 'printMsg', 'updateKvConfig', 'deleteKvConfig', 'wipeWritePerm', 'addWritePerm', 'cleanExpiredCQ', 'statsAll', 'queryMsgTraceById']) {
      expect(findCommand(name)).toBeDefined();
    }
    for (const command of ADMIN_COMMANDS) {
      const letters = command.options.map((option) => /^-(\w),/.exec(option.flags)?.[1]).filter((letter) => letter !== undefined);
      expect(new Set(letters).size).toBe(letters.length);
      expect(letters).not.toContain('n');
    }
  });
});

#!/usr/bin/env node
import './log-setup';
import { runMqadmin } from '../cli/program';

const output = {
  out: (text: string): void => void process.stdout.write(text),
  err: (text: string): void => void process.stderr.write(text),
};

// Exit explicitly once stdout has drained: client timers must not keep a finished command alive.
void runMqadmin(process.argv.slice(2), output).then((code) => {
  process.stdout.write('', () => process.exit(code));
});
// A closed stdout (e.g. `| head`) ends the command instead of leaving it waiting to drain.
process.stdout.on('error', () => process.exit(process.exitCode ?? 1));

#!/usr/bin/env node
import './log-setup';
import { runMq } from '../bench/bench-command';
import { processBenchOutput } from '../bench/report/bench-output';

// The first Ctrl-C ends the run and still prints its summary; a second one exits at once.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});

void runMq(process.argv.slice(2), processBenchOutput(), interrupt.signal).then((code) => {
  process.stdout.write('', () => process.exit(code));
});
// A closed stdout (e.g. `| head`) ends the command instead of leaving it waiting to drain.
process.stdout.on('error', () => process.exit(process.exitCode ?? 1));

import { readFile } from 'node:fs/promises';
import type { ManagedProcess } from './processes';

const POLL_MS = 50;

/** Polls `logFile` until `pattern` matches; gives up when the process exits or after `timeoutMs`. */
export async function waitForLogLine(logFile: string, pattern: RegExp, child: ManagedProcess, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await readFile(logFile, 'utf8').catch(() => '');
    const match = pattern.exec(log);
    if (match) return match;
    if (child.exitReason) throw new Error(`${child.exitReason} before printing ${pattern}:\n${log}`);
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

import { CompletedRun, GroupLeader, spawnGroupLeader } from './processes';

/**
 * The TypeScript end of `e2e/apache/mqadmin`'s MqadminSession: one JVM that runs Apache's
 * mqadmin sub-commands one after another, as if each were its own `mqadmin` process. A command
 * goes in as one stdin line (arguments separated by NUL); its result comes back as a frame:
 * `@@mqadmin-result <done|exit> <stdout bytes> <stderr bytes>\n`, then those bytes.
 */
const FRAME_MARKER = '@@mqadmin-result ';
const FRAME_HEADER = /^@@mqadmin-result (done|exit) (\d+) (\d+)\n/;
/** How long a closing session may take to exit on its own (and dump its class-data archive). */
const CLOSE_GRACE_MS = 15_000;

/** What one command printed; `exit` when it ended the JVM (System.exit), whose exit code is then its own. */
export interface CommandFrame {
  outcome: 'done' | 'exit';
  stdout: string;
  stderr: string;
}

/** Splits the session's stdout into frames; text outside a frame is kept as `stray`. */
export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);
  private strayText = '';

  /** Adds a chunk of stdout and returns the frames it completed. */
  push(chunk: Buffer): CommandFrame[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: CommandFrame[] = [];
    for (let frame = this.nextFrame(); frame; frame = this.nextFrame()) frames.push(frame);
    return frames;
  }

  /** Text printed outside any frame since the last call. */
  takeStray(): string {
    const text = this.strayText;
    this.strayText = '';
    return text;
  }

  private nextFrame(): CommandFrame | undefined {
    const start = this.buffered.indexOf(FRAME_MARKER);
    if (start < 0) return undefined;
    if (start > 0) {
      this.strayText += this.buffered.subarray(0, start).toString('utf8');
      this.buffered = this.buffered.subarray(start);
    }
    const headerEnd = this.buffered.indexOf('\n');
    if (headerEnd < 0) return undefined;
    const header = FRAME_HEADER.exec(this.buffered.subarray(0, headerEnd + 1).toString('latin1'));
    if (!header) {
      // Not a frame after all: keep the line as stray text and look further.
      this.strayText += this.buffered.subarray(0, headerEnd + 1).toString('utf8');
      this.buffered = this.buffered.subarray(headerEnd + 1);
      return this.nextFrame();
    }
    const outLength = Number(header[2]);
    const errLength = Number(header[3]);
    const bodyStart = headerEnd + 1;
    if (this.buffered.length < bodyStart + outLength + errLength) return undefined;
    const frame: CommandFrame = {
      outcome: header[1] as CommandFrame['outcome'],
      stdout: this.buffered.subarray(bodyStart, bodyStart + outLength).toString('utf8'),
      stderr: this.buffered.subarray(bodyStart + outLength, bodyStart + outLength + errLength).toString('utf8'),
    };
    this.buffered = this.buffered.subarray(bodyStart + outLength + errLength);
    return frame;
  }
}

/** How to start the session's JVM, and what to do once it has ended (with its exit code, null when killed). */
export interface SessionLaunch {
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  ended(code: number | null): void;
}

/** The command the JVM is running, and how to settle it. */
interface PendingCommand {
  exitFrame?: CommandFrame;
  timedOut: boolean;
  finish(run: CompletedRun): void;
}

/** One running session JVM. */
class SessionJvm {
  private readonly frames = new FrameReader();
  private readonly leader: GroupLeader;
  /** What the JVM printed on its own stderr (outside any command's capture) since the last command ended. */
  private console: string[] = [];
  private pending: PendingCommand | undefined;
  private exitCode: number | null | undefined;
  /** Resolves once the JVM has exited. */
  readonly ended: Promise<void>;

  constructor(launch: SessionLaunch) {
    this.leader = spawnGroupLeader(launch.command, launch.args, { env: launch.env });
    this.leader.child.stdin.on('error', () => undefined); // EPIPE once the JVM is gone: its exit settles the command
    this.leader.child.stdout.on('data', (chunk: Buffer) => this.onStdout(chunk));
    this.leader.child.stderr.on('data', (chunk: Buffer) => this.console.push(chunk.toString('utf8')));
    const closed = new Promise<void>((resolve) => this.leader.child.once('close', () => resolve()));
    this.ended = this.leader.exited.then(async () => {
      await closed; // every frame has been read
      this.exitCode = this.leader.child.exitCode;
      launch.ended(this.exitCode);
      this.settleOnExit();
    });
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  /** Runs one command line; a command that outlives `timeoutMs` is killed with the JVM. */
  execute(args: readonly string[], timeoutMs: number): Promise<CompletedRun> {
    return new Promise((resolve) => {
      const command: PendingCommand = {
        timedOut: false,
        finish: (run) => {
          clearTimeout(timer);
          this.pending = undefined;
          resolve(run);
        },
      };
      const timer = setTimeout(() => {
        command.timedOut = true;
        this.leader.kill('SIGKILL');
      }, timeoutMs);
      this.pending = command;
      this.leader.child.stdin.write(`${args.join('\0')}\n`);
    });
  }

  /** Ends the session: end of stdin, then SIGKILL if it has not exited after `CLOSE_GRACE_MS`. */
  async close(): Promise<void> {
    this.leader.child.stdin.end();
    const grace = setTimeout(() => this.leader.kill('SIGKILL'), CLOSE_GRACE_MS);
    await this.ended;
    clearTimeout(grace);
  }

  private onStdout(chunk: Buffer): void {
    for (const frame of this.frames.push(chunk)) {
      const command = this.pending;
      if (!command) continue;
      if (frame.outcome === 'exit') command.exitFrame = frame;
      else command.finish({ code: 0, stdout: frame.stdout, stderr: this.withConsole(frame.stderr), timedOut: false });
    }
  }

  /** The JVM is gone: the command in progress ends with its exit code. */
  private settleOnExit(): void {
    const command = this.pending;
    if (!command) return;
    const frame = command.exitFrame;
    const why = frame ? '' : `\nthe mqadmin session JVM ended (exit code ${this.exitCode}) before the command did`;
    command.finish({
      code: command.timedOut ? null : (this.exitCode ?? null),
      stdout: frame?.stdout ?? '',
      stderr: this.withConsole((frame?.stderr ?? '') + why),
      timedOut: command.timedOut,
    });
  }

  /**
   * Whatever the JVM printed outside a command's capture counts as the stderr of the command that
   * ends next, so nothing it prints goes unchecked.
   */
  private withConsole(stderr: string): string {
    const printed = this.console.join('');
    this.console = [];
    return stderr + this.frames.takeStray() + printed;
  }
}

/**
 * Runs command lines in a session JVM, one at a time in call order; each resolves like a
 * process of its own would have ended (exit code, stdout, stderr). A command that ends the
 * JVM (System.exit, a timeout) ends only itself: the next one starts a new JVM.
 */
export class MqadminSession {
  private jvm: SessionJvm | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly launch: () => SessionLaunch,
    private readonly timeoutMs: number,
  ) {}

  run(args: readonly string[]): Promise<CompletedRun> {
    const run = this.queue.then(() => this.runNow(args));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for queued commands, then ends the JVM. Idempotent. */
  async close(): Promise<void> {
    await this.queue;
    const jvm = this.jvm;
    this.jvm = undefined;
    await jvm?.close();
  }

  private async runNow(args: readonly string[]): Promise<CompletedRun> {
    const badArgument = args.find((arg) => arg.includes('\n') || arg.includes('\0'));
    if (badArgument !== undefined) throw new Error(`an mqadmin session argument cannot hold a newline or NUL: ${JSON.stringify(badArgument)}`);
    if (!this.jvm?.alive) this.jvm = new SessionJvm(this.launch());
    return this.jvm.execute(args, this.timeoutMs);
  }
}

import type { Admin } from '@mq/client';
import type { RawOptions } from './args';

/** One command-line option in commander syntax, e.g. `-t, --topic <topic>`. */
export interface CommandOption {
  flags: string;
  description: string;
  /** Value used when the option is absent. */
  defaultValue?: string;
}

/** What a command produced: `data` for `--json`, `text` for people (mqadmin's layout). */
export interface CommandResult {
  data: unknown;
  text: string;
}

/** What a running command may use. */
export interface CommandContext {
  /** A started Admin on the chosen name servers; the runner shuts it down. */
  admin: Admin;
  /** The name servers (`-n` or NAMESRV_ADDR), for commands that start their own clients. */
  namesrvAddr: string | undefined;
}

/** An mqadmin sub-command: RocketMQ's name, description and option letters. */
export interface AdminCommand {
  /** The sub-command name, e.g. `updateTopic`. */
  name: string;
  description: string;
  /** The command's own options; `-n/--namesrvAddr` and `--json` are added to every command. */
  options: readonly CommandOption[];
  run(context: CommandContext, options: RawOptions): Promise<CommandResult>;
}

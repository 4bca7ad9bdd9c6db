import { Admin } from '@mq/client';
import { Command, CommanderError, Option } from 'commander';
import type { AdminCommand, CommandResult } from './admin-command';
import { optionalString, type RawOptions } from './args';
import { describeError } from './error-description';
import { ADMIN_COMMANDS } from './registry';

/** Where mqadmin writes: stdout for results, stderr for errors and usage. */
export interface ProgramOutput {
  out(text: string): void;
  err(text: string): void;
}

/** How a command's result reaches the caller: mqadmin's text, or JSON with `--json`. */
export function renderResult(result: CommandResult, json: boolean): string {
  return json ? `${JSON.stringify(result.data, null, 2)}\n` : result.text;
}

async function execute(command: AdminCommand, options: RawOptions, output: ProgramOutput): Promise<void> {
  const namesrvAddr = optionalString(options, 'namesrvAddr');
  const admin = new Admin({ namesrvAddr });
  await admin.start();
  try {
    output.out(renderResult(await command.run({ admin, namesrvAddr }, options), options.json === true));
  } finally {
    await admin.shutdown();
  }
}

function addSubCommand(program: Command, command: AdminCommand, output: ProgramOutput): void {
  const sub = program.command(command.name).description(command.description).allowExcessArguments(false);
  for (const option of command.options) sub.addOption(new Option(option.flags, option.description));
  sub.option('-n, --namesrvAddr <addr>', 'Name server address list, eg: 192.168.0.1:9876;192.168.0.2:9876 (default: $NAMESRV_ADDR)');
  sub.option('--json', 'print the result as JSON');
  sub.action((options: RawOptions) => execute(command, options, output));
}

/** The commander program of `mqadmin` with every sub-command of `commands`. */
export function buildProgram(output: ProgramOutput, commands: readonly AdminCommand[] = ADMIN_COMMANDS): Command {
  const program = new Command('mqadmin')
    .description('RocketMQ admin tool (sub-commands, option letters and output of Apache RocketMQ mqadmin)')
    .exitOverride()
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    .showHelpAfterError();
  for (const command of commands) addSubCommand(program, command, output);
  program.commands.forEach((sub) => sub.exitOverride().configureOutput({ writeOut: output.out, writeErr: output.err }));
  return program;
}

/**
 * Runs mqadmin with `args` (without `node` and the script) and resolves with the exit code:
 * 0 on success (and for `--help`), 1 when the command failed, with the cause on `err`.
 */
export async function runMqadmin(args: readonly string[], output: ProgramOutput, commands: readonly AdminCommand[] = ADMIN_COMMANDS): Promise<number> {
  const program = buildProgram(output, commands);
  if (args.length === 0) {
    output.out(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    output.err(`${args[0]} command failed: ${describeError(error)}\n`);
    return 1;
  }
}

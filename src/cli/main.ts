import { Command, CommanderError } from 'commander';
import { resolve } from 'node:path';
import { normaliseArgs } from './argv.js';
import { colourDisabled, printDiagnostics, processStreams, type GlobalOptions, type Streams } from './io.js';
import { commands } from './commands/index.js';
import { guardClosedOutput } from './signals.js';
import { error, nameSuggestion } from '../diag/index.js';
import { MINITF_VERSION } from '../states/model.js';

/**
 * Runs the minitf command line with `args` (without `node` and the script) and returns the exit code:
 * 127 with the help on stdout when no command is given (as Terraform), 1 for an unknown command or
 * flag. `streams` and `env` default to the process's own; tests pass their own to capture output.
 */
export async function main(args: readonly string[], streams: Streams = processStreams, env: Record<string, string | undefined> = process.env): Promise<number> {
  if (streams === processStreams) guardClosedOutput();
  const program = new Command();
  let exitCode = 0;
  program
    .name('minitf')
    .description('A small, fast infrastructure-as-code engine for Terraform-style configuration.')
    .version(MINITF_VERSION, '-v, --version', 'print the minitf version')
    .option('--chdir <dir>', 'switch to a different working directory before running the command')
    .option('--emulator', 'start the embedded Alibaba Cloud emulator and point alicloud providers at it')
    .option('--no-color', 'disable colour in the output')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (s) => streams.out(s), writeErr: (s) => streams.err(s), outputError: () => {} })
    .showSuggestionAfterError(false)
    .showHelpAfterError(false);

  const noColor = colourDisabled(args, env);
  const globals = (): GlobalOptions => {
    const o = program.opts<{ chdir?: string; emulator?: boolean }>();
    return { cwd: resolve(o.chdir ?? '.'), noColor, emulator: Boolean(o.emulator) || env.MINITF_EMULATOR === '1', env, streams };
  };
  for (const c of commands) {
    c.register(program, globals, (code) => {
      exitCode = code;
    });
  }
  if (args.length === 0) {
    streams.out(program.helpInformation());
    return 127;
  }
  // Which command a flag error belongs to ("plan", "state list"), for Terraform's help pointer.
  let failed: string | undefined;
  let failedCommand: Command | undefined;
  const track = (cmd: Command, path: string): void => {
    for (const sub of cmd.commands) {
      const p = path ? `${path} ${sub.name()}` : sub.name();
      sub.exitOverride((e) => {
        failed ??= p;
        failedCommand ??= sub;
        throw e;
      });
      track(sub, p);
    }
  };
  track(program, '');
  program.on('command:*', (operands: string[]) => {
    const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]).filter((n) => n !== 'help');
    const suggestion = nameSuggestion(operands[0] ?? '', names);
    streams.err(`minitf has no command named "${operands[0]}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}\n\nTo see all of minitf's top-level commands, run:\n  minitf -help\n\n`);
    exitCode = 1;
  });
  try {
    await program.parseAsync(normaliseArgs(args), { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    if (failed === undefined && e.code === 'commander.unknownOption') {
      // An unknown global flag: Terraform prints its help and exits 127.
      streams.out(program.helpInformation());
      return 127;
    }
    if (failedCommand && e.code === 'commander.unknownCommand') {
      // An unknown subcommand (`state lst`): Terraform prints the parent's help and exits 1.
      streams.out(failedCommand.helpInformation());
      return 1;
    }
    const g = globals();
    printDiagnostics(g, [error('Failed to parse command-line flags', flagError(e))]);
    streams.err(`\nFor more help on using this command, run:\n  minitf ${failed ?? ''}${failed ? ' ' : ''}-help\n`);
    return 1;
  }
  return exitCode;
}

/** Commander's flag error in Go's `flag` package wording and Terraform's single-dash spelling. */
function flagError(e: CommanderError): string {
  const m = e.message.replace(/^error: /, '');
  const flag = (s: string) => s.replace(/^--?/, '-').replace(/=.*$/s, '');
  let x = /^unknown option '([^']+)'/.exec(m);
  if (x) return `flag provided but not defined: ${flag(x[1]!)}`;
  x = /^option '(\S+)[^']*' argument missing/.exec(m);
  if (x) return `flag needs an argument: ${flag(x[1]!.split(',').pop()!.trim())}`;
  return m.replace(/'--([a-z][\w-]*)/g, "'-$1");
}

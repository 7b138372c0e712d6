import { Command, CommanderError } from 'commander';
import { resolve } from 'node:path';
import { normaliseArgs } from './argv.js';
import { processStreams, type GlobalOptions, type Streams } from './io.js';
import { commands } from './commands/index.js';
import { MINITF_VERSION } from '../states/model.js';

/**
 * Runs the minitf command line with `args` (without `node` and the script) and returns the exit code.
 * `streams` and `env` default to the process's own; tests pass their own to capture output.
 */
export async function main(args: readonly string[], streams: Streams = processStreams, env: Record<string, string | undefined> = process.env): Promise<number> {
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
    .configureOutput({ writeOut: (s) => streams.out(s), writeErr: (s) => streams.err(s) })
    .showHelpAfterError(false);

  const globals = (): GlobalOptions => {
    const o = program.opts<{ chdir?: string; emulator?: boolean; color?: boolean }>();
    return {
      cwd: resolve(o.chdir ?? '.'),
      noColor: o.color === false,
      emulator: Boolean(o.emulator) || env.MINITF_EMULATOR === '1',
      env,
      streams,
    };
  };
  for (const c of commands) {
    c.register(program, globals, (code) => {
      exitCode = code;
    });
  }
  program.on('command:*', (operands: string[]) => {
    streams.err(`minitf has no command named "${operands[0]}". Run "minitf --help" for a list of commands.\n`);
    exitCode = 1;
  });
  try {
    await program.parseAsync(normaliseArgs(args), { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      streams.err('\nError: Failed to parse command-line flags\n\n' + e.message.replace(/^error: /, '') + '\n');
      return 1;
    }
    throw e;
  }
  return exitCode;
}

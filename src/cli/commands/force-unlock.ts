import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import type { GlobalOptions } from '../io.js';
import { backendConfigOption, openCommandBackend, runStateCommand, type BackendConfigFlag } from './state.js';

const PROMPT = `Do you really want to force-unlock?
  minitf will remove the lock on the remote state.
  This will allow local minitf commands to modify this state, even though it
  may still be in use. Only 'yes' will be accepted to confirm.

  Enter a value: `;

const UNLOCKED = `minitf state has been successfully unlocked!

The state has been unlocked, and minitf commands should now be able to
obtain a new lock on the remote state.
`;

/** `minitf force-unlock [-force] LOCK_ID`: removes a lock left behind, after confirmation. */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  backendConfigOption(program.command('force-unlock'))
    .description('release a stuck lock on the current workspace')
    .argument('<lock-id>', 'the ID shown in the "Lock Info" of the lock error')
    .option('--force', "don't ask for confirmation")
    .action((id: string, opts: { force?: boolean } & BackendConfigFlag) => {
      const g = globals();
      return runStateCommand(g, setExit, async () => {
        const backend = await openCommandBackend(g, { raw: true, ...(opts.backendConfig ? { backendConfig: opts.backendConfig } : {}) });
        if (!backend) return 1;
        try {
          if (!opts.force) {
            g.streams.out(PROMPT);
            const answer = await readLine();
            if (answer !== 'yes') {
              g.streams.out('\nforce-unlock cancelled.\n');
              return 1;
            }
            g.streams.out('\n');
          }
          await backend.forceUnlock(id);
          g.streams.out(UNLOCKED);
          return 0;
        } finally {
          await backend.close();
        }
      });
    });
}

/** Reads one line from stdin (trimmed); the empty string at end of input. */
function readLine(): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, terminal: false });
    let done = false;
    const finish = (s: string) => {
      if (done) return;
      done = true;
      rl.close();
      resolve(s.trim());
    };
    rl.once('line', finish);
    rl.once('close', () => finish(''));
  });
}

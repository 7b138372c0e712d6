import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { hasErrors } from '../../diag/index.js';
import { loadConfig, validateConfig } from '../../config/index.js';
import { openConsole } from '../../core/console.js';
import { collectVariables, type VarArg } from '../../core/vars/tfvars.js';
import { currentWorkspace, openBackend, stateErrorDiagnostic } from '../../states/index.js';
import { printDiagnostics, type GlobalOptions } from '../io.js';
import { openBrackets } from '../run/console-lines.js';

/**
 * `minitf console`: Terraform's expression console. Reads expressions line by line from stdin (a
 * prompt on a terminal), evaluates each against the configuration (variables, locals) and the state,
 * prints the result in Terraform's console format. On a terminal an error prints as a diagnostic and
 * the console goes on; from a pipe, as Terraform, only the last result is printed and the first error
 * ends the console with exit status 1.
 */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  const order: VarArg[] = [];
  program
    .command('console')
    .description('try expressions against the configuration and state')
    .option('--var <name=value>', 'set a variable (repeatable)', (v: string) => {
      order.push({ kind: 'var', text: v });
      return v;
    })
    .option('--var-file <file>', 'read variables from a file (repeatable)', (v: string) => {
      order.push({ kind: 'file', path: v });
      return v;
    })
    .option('--state <path>', 'path of the local state file')
    .option('--no-color', 'disable colour')
    .action(async (o: { state?: string }) => setExit(await consoleCommand(globals(), order, o.state)));
}

async function consoleCommand(g: GlobalOptions, order: VarArg[], statePath: string | undefined): Promise<number> {
  const loaded = await loadConfig(g.cwd);
  const diags = [...loaded.diagnostics];
  if (!hasErrors(diags)) diags.push(...validateConfig(loaded.value));
  const vars = await collectVariables(g.cwd, g.env, order);
  diags.push(...vars.diagnostics);
  if (hasErrors(diags)) {
    printDiagnostics(g, diags);
    return 1;
  }
  const workspace = currentWorkspace(g.cwd, g.env).name;
  const opened = openBackend({ cwd: g.cwd, env: g.env, workspace, ...(statePath ? { statePath } : {}), ...(loaded.value.root.terraform.backend ? { backend: loaded.value.root.terraform.backend } : {}) });
  let state = null;
  if (opened.value) {
    try {
      state = (await opened.value.read()).state;
    } catch (e) {
      printDiagnostics(g, [stateErrorDiagnostic(e) ?? { severity: 'error', summary: 'Failed to load state', detail: String(e) }]);
      return 1;
    } finally {
      await opened.value.close();
    }
  }
  const c = openConsole({ cwd: g.cwd, config: loaded.value, workspace, env: g.env, variables: vars.value }, state);
  if (!c.value) {
    printDiagnostics(g, c.diagnostics);
    return 1;
  }
  const tty = process.stdin.isTTY;
  const rl = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: Boolean(tty), prompt: '> ' });
  // On a terminal, as Terraform: an entry that leaves a bracket open goes on at the `: ` prompt, and
  // Ctrl-C drops what is typed (the line, or the whole entry) instead of ending the console.
  let entry: string[] = [];
  if (tty) {
    rl.on('SIGINT', () => {
      g.streams.out(`^C\n${entry.length ? '(multi-line entry canceled)\n' : ''}`);
      entry = [];
      // Drop the typed line (readline's own line editor; TERM=dumb has no Ctrl-U to ask it with).
      Object.assign(rl, { line: '', cursor: 0 });
      rl.setPrompt('> ');
      rl.prompt();
    });
    rl.prompt();
  }
  let last: string | undefined;
  for await (const line of rl) {
    if (tty) {
      entry.push(line);
      if (openBrackets(entry.join('\n')) > 0) {
        rl.setPrompt(': ');
        rl.prompt();
        continue;
      }
      rl.setPrompt('> ');
    }
    const trimmed = tty ? entry.join('\n').trim() : line.trim();
    entry = [];
    if (trimmed === 'exit') break;
    if (trimmed !== '') {
      const r = c.value.evaluate(trimmed);
      if (r.diagnostics.length) printDiagnostics(g, r.diagnostics);
      if (!tty && hasErrors(r.diagnostics)) {
        rl.close();
        return 1;
      }
      if (tty && r.text !== undefined) g.streams.out(`${r.text}\n`);
      else if (r.text !== undefined) last = r.text;
    }
    if (tty) rl.prompt();
  }
  rl.close();
  if (last !== undefined) g.streams.out(`${last}\n`);
  return 0;
}

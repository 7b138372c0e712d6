import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import { diagnosticJSON, type Diagnostic } from '../../diag/index.js';
import { exitFor, printDiagnostics, type GlobalOptions } from '../io.js';

/** Reads the files diagnostics point at (relative to `cwd`), for snippets. */
export function readSources(cwd: string, diags: readonly Diagnostic[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of diags) {
    const f = d.subject?.file;
    if (!f || out.has(f)) continue;
    try {
      out.set(f, readFileSync(isAbsolute(f) ? f : join(cwd, f), 'utf8'));
    } catch {
      /* source not available */
    }
  }
  return out;
}

/**
 * Loads and statically checks the configuration in `cwd`: loader diagnostics, then static checks.
 * The configuration stack is imported on first use, so other commands do not pay for it.
 */
export async function validateDir(cwd: string): Promise<Diagnostic[]> {
  const { loadConfig, validateConfig } = await import('../../config/index.js');
  const r = await loadConfig(cwd);
  return [...r.diagnostics, ...validateConfig(r.value)];
}

/**
 * `minitf validate [-json]`: loads the configuration and runs the static checks without contacting
 * any cloud (no SDK is loaded). Human output: the diagnostics on stderr, then `Success! The
 * configuration is valid.` on stdout when there is no error. `-json`: Terraform's validate shape
 * (`format_version` "1.0", `valid`, `error_count`, `warning_count`, `diagnostics`) on stdout. Exit 1
 * on any error.
 */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('check whether the configuration is valid')
    .option('--json', 'print the result as JSON')
    .option('--no-color', 'disable colour')
    .action(async (opts: { json?: boolean; color?: boolean }) => {
      const g = globals();
      const diags = await validateDir(g.cwd);
      const errors = diags.filter((d) => d.severity === 'error').length;
      const warnings = diags.length - errors;
      if (opts.json) {
        const sources = readSources(g.cwd, diags);
        const out = { format_version: '1.0', valid: errors === 0, error_count: errors, warning_count: warnings, diagnostics: diags.map((d) => diagnosticJSON(d, sources)) };
        g.streams.out(JSON.stringify(out, null, 2) + '\n');
      } else {
        printDiagnostics(g, diags);
        if (errors === 0) {
          const rest = warnings ? ' The configuration is valid, but there were some validation warnings as shown above.' : ' The configuration is valid.';
          // On a colour terminal, Terraform's green bold "Success!" (its escape sequences exactly).
          g.streams.out(!g.noColor && g.streams.terminal ? `\x1b[32m\x1b[1mSuccess!\x1b[0m${rest}\n\x1b[0m\n` : `Success!${rest}\n\n`);
        }
      }
      setExit(exitFor(diags));
    });
}

import type { Command } from 'commander';
import { error, type Diagnostic } from '../../diag/index.js';
import { formatProviderConfig, parseProviderConfig } from '../../addrs/index.js';
import type { StateResource } from '../../states/index.js';
import { parseLockFlags } from '../run/flags.js';
import type { GlobalOptions } from '../io.js';
import { readAnswer } from '../run/approve.js';
import { onInterrupt } from '../signals.js';
import { backendConfigOption, mutate, printed, runStateCommand, type MutateOptions } from './state.js';

const USAGE = `Usage: minitf [global options] state replace-provider [options] FROM_PROVIDER_FQN TO_PROVIDER_FQN

  Replace provider for resources in the minitf state.

Options:

  -auto-approve           Skip interactive approval.

  -lock=false             Don't hold a state lock during the operation. This is
                          dangerous if others might concurrently run commands
                          against the same workspace.

  -lock-timeout=0s        Duration to retry a state lock.

  -state, -backup         Another local state file, and where to back it up.
`;

interface ReplaceOptions extends MutateOptions {
  autoApprove?: boolean;
}

/**
 * `minitf state replace-provider FROM TO`: points every resource whose provider is FROM (a source
 * address, `[hostname/][namespace/]name`) at TO, keeping each one's module and alias, as Terraform
 * does: it lists what it will change, asks for `yes` unless `-auto-approve`, and writes the state
 * (with a backup) under the state lock. Nothing matching FROM is an error; any answer but `yes`
 * cancels and writes nothing.
 */
export function addReplaceProvider(state: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  backendConfigOption(state.command('replace-provider'))
    .description('replace the provider of resources in the state')
    .argument('[providers...]', 'FROM_PROVIDER_FQN TO_PROVIDER_FQN')
    .option('--auto-approve', 'skip interactive approval')
    .option('--backup <path>', 'where to write the backup (default: STATE.<unix-seconds>.backup; "-" for none)')
    .option('--state <path>', 'path to the state file')
    .option('--lock [bool]', 'lock the state (default true)')
    .option('--lock-timeout <duration>', 'how long to wait for the lock', '0s')
    .option('--ignore-remote-version', 'accepted (minitf has no remote backend)')
    .option('--no-color', 'disable colour')
    .action((providers: string[], opts: ReplaceOptions) => {
      const g = globals();
      if (providers.length !== 2) {
        g.streams.err(`Exactly two arguments expected.\n\n${USAGE}`);
        setExit(1);
        return;
      }
      return runStateCommand(g, setExit, () => replaceProvider(g, providers[0]!, providers[1]!, opts));
    });
}

async function replaceProvider(g: GlobalOptions, fromText: string, toText: string, opts: ReplaceOptions): Promise<number> {
  const diags: Diagnostic[] = [];
  const from = parseProviderSource(fromText);
  const to = parseProviderSource(toText);
  if (!from) diags.push(invalidSource('from', fromText));
  if (!to) diags.push(invalidSource('to', toText));
  const flags = parseLockFlags(opts.lock, opts.lockTimeout);
  diags.push(...flags.diagnostics);
  if (diags.length || !from || !to) return printed(g, diags);
  const out = (t: string) => g.streams.out(t);
  return mutate(g, opts, flags.value, 'OperationTypeStateReplaceProvider', async (state) => {
    const chosen = state.resources.filter((r) => parseProviderConfig(r.provider)?.source === from);
    if (!chosen.length) {
      out('No matching resources found.\n');
      return { code: 1 };
    }
    out(`minitf will perform the following actions:\n\n  ~ Updating provider:\n    - ${from}\n    + ${to}\n\nChanging ${chosen.length} resources:\n\n${chosen.map((r) => `  ${resourceAddress(r)}\n`).join('')}`);
    if (!opts.autoApprove) {
      const stop = new AbortController();
      const off = onInterrupt(() => stop.abort());
      const answer = await readAnswer(out, "\nDo you want to make these changes?\nOnly 'yes' will be accepted to continue.\n\nEnter a value: ", stop.signal, false).finally(off);
      if (answer.kind !== 'answer') {
        // Terraform prints this right after the prompt, on stdout.
        out(`Error asking for approval: ${answer.kind === 'eof' ? 'EOF' : 'interrupted'}\n`);
        return { code: 1 };
      }
      if (answer.text !== 'yes') {
        out('Cancelled replacing providers.\n');
        return { code: 0 };
      }
    }
    for (const r of chosen) {
      const p = parseProviderConfig(r.provider)!;
      r.provider = formatProviderConfig(to, p.alias, p.module);
    }
    return { code: 0, write: state, done: () => out(`\nSuccessfully replaced provider for ${chosen.length} resources.\n`) };
  });
}

/**
 * A provider source address in its full form (`aliyun/alicloud` → `registry.terraform.io/aliyun/alicloud`,
 * `random` → `registry.terraform.io/hashicorp/random`), lower case; undefined when it is not
 * `[hostname/][namespace/]name`.
 */
export function parseProviderSource(text: string): string | undefined {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => p === '')) return undefined;
  const name = parts[parts.length - 1]!;
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) return undefined;
  if (parts.length >= 2 && !/^[a-z0-9][a-z0-9-]*$/.test(parts[parts.length - 2]!)) return undefined;
  if (parts.length === 3 && !/^[a-z0-9.-]+(:\d+)?$/.test(parts[0]!)) return undefined;
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${name}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${name}`;
  return parts.join('/');
}

function invalidSource(which: 'from' | 'to', text: string): Diagnostic {
  return error(`Invalid "${which}" provider "${text}"`, 'Invalid provider source string: The "source" attribute must be in the format "[hostname/][namespace/]name"');
}

function resourceAddress(r: StateResource): string {
  return `${r.module ? `${r.module}.` : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
}

import type { Command } from 'commander';
import { relative } from 'node:path';
import { hasErrors } from '../../diag/index.js';
import { mismatchedSource, providerSource } from '../../addrs/index.js';
import { localNames, moduleRequirements } from './provider-requirements.js';
import type { Module } from '../../config/model.js';
import { listTypes } from '../../schema/index.js';
import { exitFor, printDiagnostics, type GlobalOptions } from '../io.js';
import { backendConfigOption, runStateCommand, type BackendConfigFlag } from './state.js';
import { initBackend } from './init-backend.js';

interface InitOptions extends BackendConfigFlag {
  color?: boolean;
  backend?: boolean;
  migrateState?: boolean;
  reconfigure?: boolean;
  forceCopy?: boolean;
  lockTimeout?: string;
}

/**
 * `minitf init`: what `terraform init` does in a pipeline, for an engine whose providers are built
 * in and whose modules are local: loads the configuration (reporting its errors), lists the local
 * modules and the providers it needs (each built in, or an error naming what minitf provides), and
 * initializes the backend — for `pg` that means connecting and creating its tables, so a wrong
 * connection string fails here rather than in the first plan. Like Terraform it remembers the backend
 * it configured (`.minitf/backend.json`, secrets left out): when the configuration names another one,
 * `-migrate-state` copies every workspace's state across (`-force-copy` over a destination that holds
 * another state), `-reconfigure` takes the new one as it is, and neither is an error. Nothing is
 * downloaded; flags that steer downloads and lock files (`-upgrade`, `-lockfile`, `-get`, `-input`) are
 * accepted and change nothing.
 */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  backendConfigOption(program.command('init'))
    .description('prepare the working directory: check the configuration, modules, providers and backend')
    .option('--backend [bool]', 'initialize the backend (default true)')
    .option('--input [bool]', 'accepted (minitf never prompts)')
    .option('--upgrade [bool]', 'accepted (providers are built in)')
    .option('--reconfigure', 'use the configured backend as it is, without migrating the state of the one configured before')
    .option('--migrate-state', 'copy the state of every workspace from the backend configured before to the configured one')
    .option('--force-copy', 'with -migrate-state: replace a state the destination already holds, copy despite pending creates')
    .option('--lock-timeout <duration>', 'how long to wait for the state locks while migrating', '0s')
    .option('--lockfile <mode>', 'accepted (providers are built in, there is no lock file)')
    .option('--get [bool]', 'accepted (modules are local)')
    .option('--no-color', 'disable colour')
    .action((opts: InitOptions) => {
      const g = globals();
      return runStateCommand(g, setExit, () => init(g, opts));
    });
}

async function init(g: GlobalOptions, opts: InitOptions): Promise<number> {
  const { loadConfig, validateConfig } = await import('../../config/index.js');
  const loaded = await loadConfig(g.cwd);
  if (hasErrors(loaded.diagnostics)) {
    printDiagnostics(g, loaded.diagnostics);
    return 1;
  }
  const root = loaded.value.root;
  const out = (t: string) => g.streams.out(t);
  const backend = root.terraform.backend;
  out('Initializing the backend...\n');
  if (opts.backend !== false && String(opts.backend) !== 'false') {
    const code = await initBackend(g, opts, backend);
    if (code !== 0) return code;
    if (backend) out(`\nSuccessfully configured the backend "${backend.type}"! minitf will automatically\nuse this backend unless the backend configuration changes.\n`);
  }
  const modules = moduleLines(root, g.cwd);
  if (modules.length) out(`Initializing modules...\n${modules.join('')}`);
  out('Initializing provider plugins...\n');
  const known = new Set(listTypes('provider'));
  const needed = [...localNames(moduleRequirements(root))].sort((a, b) => providerSource(a).localeCompare(providerSource(b)));
  // A name declared with another provider's source (`random = { source = "acme/random" }`) is not the built-in one: validate reports it.
  const declared = (name: string) => root.terraform.requiredProviders[name]?.source;
  for (const name of needed) if (known.has(name) && !mismatchedSource(name, declared(name) ?? providerSource(name))) out(`- ${displaySource(providerSource(name))} is built in to minitf\n`);
  // Unknown providers: validate names them with what minitf provides.
  const diags = validateConfig(loaded.value).filter((d) => d.summary === 'Missing required provider' || d.summary === 'Invalid resource type' || d.summary === 'Invalid data source');
  if (diags.length) {
    printDiagnostics(g, diags);
    return exitFor(diags);
  }
  out(
    '\nminitf has been successfully initialized!\n\n' +
      'You may now begin working with minitf. Try running "minitf plan" to see\n' +
      'any changes that are required for your infrastructure. All minitf commands\n' +
      'should now work. Providers are built in and modules are read from their\n' +
      'directories, so there is nothing to download and nothing to re-run after a change.\n',
  );
  return 0;
}

/** `- name in path` for every local module call, depth first, as Terraform prints them. */
export function moduleLines(mod: Module, cwd: string, prefix = ''): string[] {
  const lines: string[] = [];
  for (const call of [...mod.moduleCalls.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const name = `${prefix}${call.name}`;
    lines.push(`- ${name} in ${relative(cwd, call.module.dir) || '.'}\n`);
    lines.push(...moduleLines(call.module, cwd, `${name}.`));
  }
  return lines;
}

/** `registry.terraform.io/aliyun/alicloud` → `aliyun/alicloud`; built-ins keep their host. */
function displaySource(source: string): string {
  return source.startsWith('registry.terraform.io/') ? source.slice('registry.terraform.io/'.length) : source;
}

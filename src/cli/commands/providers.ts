import type { Command } from 'commander';
import { error, hasErrors } from '../../diag/index.js';
import { providerNames } from '../../providers/index.js';
import { parseProviderConfig } from '../../addrs/index.js';
import type { Module } from '../../config/model.js';
import { printDiagnostics, type GlobalOptions } from '../io.js';
import { hasConfigFiles, noConfigurationFiles } from '../config-files.js';
import { backendConfigOption, openCommandBackend, runStateCommand, type BackendConfigFlag } from './state.js';
import { moduleRequirements, type ModuleRequirements } from './provider-requirements.js';
import { providerSchemasJson } from './provider-schemas.js';

/**
 * `minitf providers`: the providers the configuration needs, as Terraform's tree (each module's
 * providers with their version constraints, then its child modules), and those the state's resources
 * name. `minitf providers schema -json`: the schemas of those providers in Terraform's
 * `providers schema -json` shape, built from minitf's own schemas.
 */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  const providers = backendConfigOption(program.command('providers'))
    .description('show the providers required by the configuration and the state')
    .option('--test-directory <path>', 'accepted (minitf has no test files)')
    .option('--no-color', 'disable colour')
    .action((opts: BackendConfigFlag) => {
      const g = globals();
      return runStateCommand(g, setExit, () => providersTree(g, opts));
    });

  backendConfigOption(providers.command('schema'))
    .description('print the schemas of the providers in use as JSON (requires -json)')
    .option('--json', 'print JSON (required)')
    .option('--no-color', 'disable colour')
    .action((opts: BackendConfigFlag & { json?: boolean }) => {
      const g = globals();
      if (!opts.json) {
        g.streams.err('The `minitf providers schema` command requires the `-json` flag.\n\nUsage: minitf [global options] providers schema -json\n\n  Prints out a json representation of the schemas for all providers used \n  in the current configuration.\n');
        setExit(1);
        return;
      }
      return runStateCommand(g, setExit, () => providersSchema(g, opts));
    });

  // Terraform's lock file and mirror commands have nothing to work on: minitf downloads no provider.
  for (const [name, what] of [
    ['lock', 'write dependency lock entries for'],
    ['mirror', 'copy into a mirror directory'],
  ] as const) {
    providers
      .command(name)
      .description(`refused: minitf's providers are built in (nothing to ${name})`)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(() => {
        const g = globals();
        printDiagnostics(g, [
          error('Providers are built in', `"minitf providers ${name}" would ${what} downloaded provider packages, but minitf downloads none: its providers (${providerNames().sort().join(', ')}) are built in, and it reads and writes no .terraform.lock.hcl.`),
        ]);
        setExit(1);
      });
  }
}

async function providersTree(g: GlobalOptions, opts: BackendConfigFlag): Promise<number> {
  if (!hasConfigFiles(g.cwd)) {
    printDiagnostics(g, [noConfigurationFiles('providers', g.cwd)]);
    return 1;
  }
  const loaded = await loadRoot(g);
  if (!loaded) return 1;
  const state = await stateProviders(g, opts);
  if (!state) return 1;
  let text = '\nProviders required by configuration:\n';
  text += treeLines(moduleRequirements(loaded), '.').join('\n') + '\n\n';
  if (state.found) {
    text += 'Providers required by state:\n\n';
    for (const source of state.sources) text += `    provider[${source}]\n\n`;
  }
  g.streams.out(text);
  return 0;
}

async function providersSchema(g: GlobalOptions, opts: BackendConfigFlag): Promise<number> {
  const loaded = await loadRoot(g);
  if (!loaded) return 1;
  const state = await stateProviders(g, opts);
  if (!state) return 1;
  const sources = new Set<string>(state.sources);
  const collect = (m: ModuleRequirements) => {
    for (const p of m.providers) sources.add(p.source);
    for (const c of m.children) collect(c);
  };
  collect(moduleRequirements(loaded));
  const r = providerSchemasJson([...sources]);
  if (r.diagnostics.length) printDiagnostics(g, r.diagnostics);
  if (hasErrors(r.diagnostics)) return 1;
  g.streams.out(r.value + '\n');
  return 0;
}

/** The root module, or undefined when the configuration does not load (its diagnostics printed). */
async function loadRoot(g: GlobalOptions): Promise<Module | undefined> {
  const { loadConfig } = await import('../../config/index.js');
  const loaded = await loadConfig(g.cwd);
  if (loaded.diagnostics.length) printDiagnostics(g, loaded.diagnostics);
  return hasErrors(loaded.diagnostics) ? undefined : loaded.value.root;
}

/**
 * The provider source addresses the state's resources name, sorted; `found` is false when there is
 * no state at all. Undefined when the backend cannot be opened (diagnostics printed).
 */
async function stateProviders(g: GlobalOptions, opts: BackendConfigFlag): Promise<{ found: boolean; sources: string[] } | undefined> {
  const backend = await openCommandBackend(g, { raw: true, ...(opts.backendConfig ? { backendConfig: opts.backendConfig } : {}) });
  if (!backend) return undefined;
  try {
    const { state } = await backend.read();
    if (!state) return { found: false, sources: [] };
    const sources = new Set<string>();
    for (const r of state.resources) {
      const p = parseProviderConfig(r.provider);
      if (p) sources.add(p.source);
    }
    return { found: true, sources: [...sources].sort() };
  } finally {
    await backend.close();
  }
}

/** Terraform's tree: the module's providers, then its child modules, with box-drawing branches. */
function treeLines(m: ModuleRequirements, label: string): string[] {
  const lines = [label];
  const items: { text: string; child?: ModuleRequirements }[] = [
    ...m.providers.map((p) => ({ text: `provider[${p.source}]${p.constraint ? ` ${p.constraint}` : ''}` })),
    ...m.children.map((c) => ({ text: `module.${c.name}`, child: c })),
  ];
  items.forEach((item, i) => {
    const last = i === items.length - 1;
    const sub = item.child ? treeLines(item.child, item.text) : [item.text];
    lines.push(`${last ? '└── ' : '├── '}${sub[0]}`);
    for (const s of sub.slice(1)) lines.push(`${last ? '    ' : '│   '}${s}`);
  });
  return lines;
}

import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { error, wrap } from '../../diag/index.js';
import {
  checkWorkspaceName,
  currentWorkspace,
  DEFAULT_WORKSPACE,
  openWorkspaces,
  parseState,
  selectWorkspace,
  StateIndex,
  withStateLock,
  type WorkspaceStore,
} from '../../states/index.js';
import { parseLockFlags } from '../run/flags.js';
import { exitFor, printDiagnostics, type GlobalOptions } from '../io.js';
import { backendConfigOption, commandBackendOptions, openCommandBackend, runStateCommand, type BackendConfigFlag } from './state.js';

const missing = (name: string) => `
Workspace "${name}" doesn't exist.

You can create this workspace with the "new" subcommand 
or include the "-or-create" flag with the "select" subcommand.
`;

const created = (name: string) => `Created and switched to workspace "${name}"!

You're now on a new, empty workspace. Workspaces isolate their state,
so if you run "minitf plan" minitf will not see any existing state
for this configuration.
`;

const OVERRIDDEN = `
The selected workspace is currently overridden using the TF_WORKSPACE
environment variable.

To select a new workspace, either update this environment variable or unset
it and then run this command again.
`;

interface LockOpts extends BackendConfigFlag {
  lock?: string | boolean;
  lockTimeout?: string;
}

/** `minitf workspace list|show|new|select|delete`: separate states for one configuration. */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  const ws = program.command('workspace').description('workspace management');

  backendConfigOption(ws.command('list'))
    .description('list workspaces')
    .action((opts: BackendConfigFlag) => run(globals, setExit, opts, async (g, store) => {
      const current = currentWorkspace(g.cwd, g.env).name;
      const names = await store.list();
      if (!names.includes(current)) names.push(current);
      g.streams.out(names.map((n) => `${n === current ? '*' : ' '} ${n}\n`).join('') + '\n');
      return 0;
    }));

  ws.command('show')
    .description('show the name of the current workspace')
    .action(() => {
      const g = globals();
      g.streams.out(currentWorkspace(g.cwd, g.env).name + '\n');
      setExit(0);
    });

  backendConfigOption(ws.command('new'))
    .description('create a new workspace and switch to it')
    .argument('<name>')
    .option('--state <path>', 'copy an existing state file into the new workspace')
    .option('--no-color', 'disable colour')
    .option('--lock [bool]', 'lock the state while copying (default true)')
    .option('--lock-timeout <duration>', 'how long to wait for the lock', '0s')
    .action((name: string, opts: LockOpts & { state?: string }) => run(globals, setExit, opts, async (g, store) => {
      const bad = checkWorkspaceName(name);
      if (bad) return fail(g, `\n${wrap(bad, 78)}\n\n`);
      if ((await store.list()).includes(name)) return fail(g, `Workspace "${name}" already exists\n`);
      const flags = parseLockFlags(opts.lock, opts.lockTimeout);
      if (flags.diagnostics.length) return printed(g, flags.diagnostics);
      await store.create(name);
      if (opts.state) {
        const path = resolve(g.cwd, opts.state);
        const copied = parseState(await readFile(path, 'utf8'), opts.state);
        const backend = await openCommandBackend(g, { workspace: name, raw: true, ...(opts.backendConfig ? { backendConfig: opts.backendConfig } : {}) });
        if (!backend) return 1;
        try {
          // The new workspace may hold an empty state already (oss writes one): the copy replaces it.
          await withStateLock(backend, 'OperationTypeWorkspaceNew', flags.value, () => backend.replace(copied));
        } finally {
          await backend.close();
        }
      }
      await selectWorkspace(g.cwd, name);
      g.streams.out(created(name));
      return 0;
    }));

  backendConfigOption(ws.command('select'))
    .description('switch to another workspace')
    .argument('[name]')
    .option('--or-create [bool]', 'create the workspace when it does not exist (-or-create, -or-create=true)')
    .option('--no-color', 'disable colour')
    .action((nameArg: string | undefined, opts: BackendConfigFlag & { orCreate?: string | boolean }) => {
      const parsed = orCreateFlag(nameArg, opts.orCreate);
      if (typeof parsed === 'string') {
        globals().streams.err(parsed);
        setExit(1);
        return;
      }
      return selectWorkspaceCommand(parsed.name, parsed.orCreate, opts);
    });
  const selectWorkspaceCommand = (name: string, orCreate: boolean, opts: BackendConfigFlag) =>
    run(globals, setExit, opts, async (g, store) => {
      if (currentWorkspace(g.cwd, g.env).overridden) return fail(g, OVERRIDDEN);
      const bad = checkWorkspaceName(name);
      if (bad) return fail(g, `\n${wrap(bad, 78)}\n\n`);
      if (!(await store.list()).includes(name)) {
        if (!orCreate) return fail(g, missing(name));
        await store.create(name);
        await selectWorkspace(g.cwd, name);
        g.streams.out(created(name));
        return 0;
      }
      await selectWorkspace(g.cwd, name);
      g.streams.out(`Switched to workspace "${name}".\n`);
      return 0;
    });

  backendConfigOption(ws.command('delete'))
    .description('delete a workspace and its state')
    .argument('<name>')
    .option('--force', 'delete even when the workspace still tracks resources')
    .option('--lock [bool]', 'lock the state while checking it (default true)')
    .option('--lock-timeout <duration>', 'how long to wait for the lock', '0s')
    .action((name: string, opts: LockOpts & { force?: boolean }) => run(globals, setExit, opts, async (g, store) => {
      if (!(await store.list()).includes(name)) return fail(g, missing(name));
      if (name === currentWorkspace(g.cwd, g.env).name) {
        return fail(g, `Workspace "${name}" is your active workspace.\n\nYou cannot delete the currently active workspace. Please switch\nto another workspace and try again.\n`);
      }
      if (name === DEFAULT_WORKSPACE) return fail(g, 'cannot delete default state\n');
      const flags = parseLockFlags(opts.lock, opts.lockTimeout);
      if (flags.diagnostics.length) return printed(g, flags.diagnostics);
      const backend = await openCommandBackend(g, { workspace: name, raw: true, ...(opts.backendConfig ? { backendConfig: opts.backendConfig } : {}) });
      if (!backend) return 1;
      let tracked: string[] = [];
      try {
        tracked = await withStateLock(backend, 'OperationTypeWorkspaceDelete', flags.value, async () => {
          const { state } = await backend.read();
          return state ? new StateIndex(state).addresses() : [];
        });
      } finally {
        await backend.close();
      }
      if (tracked.length && !opts.force) {
        return printed(g, [
          error(
            'Workspace is not empty',
            `Workspace "${name}" is currently tracking the following resource instances:\n${tracked.map((a) => `  - ${a}`).join('\n')}\n\nDeleting this workspace would cause minitf to lose track of any associated remote objects, which would then require you to delete them manually outside of minitf. You should destroy these objects with minitf before deleting the workspace.\n\nIf you want to delete this workspace anyway, and have minitf forget about these managed objects, use the -force option to disable this safety check.`,
          ),
        ]);
      }
      await store.delete(name);
      g.streams.out(`Deleted workspace "${name}"!\n`);
      if (tracked.length) {
        g.streams.out(`WARNING: "${name}" was non-empty.\nThe resources managed by the deleted workspace may still exist,\nbut are no longer manageable by minitf since the state has\nbeen deleted.\n`);
      }
      return 0;
    }));
}

const SELECT_USAGE = `Usage: minitf [global options] workspace select NAME

  Select a different minitf workspace.

Options:

    -or-create=false    Create the minitf workspace if it doesn't exist.
`;

/**
 * Reads `select`'s NAME and `-or-create` as Terraform's flag parser does: `-or-create` alone is true,
 * `-or-create=BOOL` is parsed (Go's spellings) and never takes the next argument. Commander hands an
 * optional-value flag the next word, so a name it took is given back. A string result is the error text.
 */
export function orCreateFlag(name: string | undefined, value: string | boolean | undefined): { name: string; orCreate: boolean } | string {
  let v = value;
  let n = name;
  if (typeof v === 'string' && n === undefined && goBool(v) === undefined) {
    n = v;
    v = true;
  }
  const orCreate = v === undefined ? false : typeof v === 'boolean' ? v : goBool(v);
  if (orCreate === undefined) return `Error parsing command-line flags: invalid boolean value "${String(v)}" for -or-create: parse error\n\n${SELECT_USAGE}`;
  if (n === undefined) return `Expected a single argument: NAME.\n\n${SELECT_USAGE}`;
  return { name: n, orCreate };
}

/** Go's strconv.ParseBool. */
function goBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** Opens the workspace store (with the command's `-backend-config`) and runs `body`, reporting state errors as diagnostics. */
function run(globals: () => GlobalOptions, setExit: (code: number) => void, flags: BackendConfigFlag, body: (g: GlobalOptions, store: WorkspaceStore) => Promise<number>): Promise<void> {
  const g = globals();
  return runStateCommand(g, setExit, async () => {
    const o = await commandBackendOptions(g, { ...(flags.backendConfig ? { backendConfig: flags.backendConfig } : {}) });
    if (!o.value) return 1;
    try {
      const opened = openWorkspaces(o.value);
      if (opened.diagnostics.length) printDiagnostics(g, opened.diagnostics);
      if (!opened.value || exitFor(opened.diagnostics)) return 1;
      return await body(g, opened.value);
    } finally {
      await o.close();
    }
  });
}

function fail(g: GlobalOptions, text: string): number {
  g.streams.err(text);
  return 1;
}

function printed(g: GlobalOptions, diags: Parameters<typeof printDiagnostics>[1]): number {
  printDiagnostics(g, diags);
  return exitFor(diags);
}

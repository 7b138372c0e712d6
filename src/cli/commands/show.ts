import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { error } from '../../diag/index.js';
import { goJSON, planJSON, readPlanFile, renderPlan, renderState, stateJSON, type SchemaLookup } from '../../plans/index.js';
import { schemaLookup } from '../run/views.js';
import { Keyring, parseState, sealer, unseal, type StateFile } from '../../states/index.js';
import { printDiagnostics, type GlobalOptions } from '../io.js';
import { openCommandBackend, runStateCommand } from './state.js';
import type { ReviewFlags } from '../run/review.js';

/**
 * The attribute types the views render with. Until the schema registry is wired in here
 * (integrator: `schema.lookup`), views fall back to the built-in `terraform` provider's types and
 * the shape of the values.
 */
export const viewSchemas: SchemaLookup = schemaLookup;

/** The keys that open sealed values in plan files and state files of the working directory. */
export function viewKeys(g: GlobalOptions): Keyring {
  return new Keyring({ cwd: g.cwd, env: g.env });
}

/** `minitf show [-json] [PATH]`: the state, or a saved plan (or a state file) given by path. */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('show')
    .description('show the current state or a saved plan')
    .argument('[path]', 'a plan file written by "plan -out", or a state file')
    .option('--json', 'print machine-readable JSON (Terraform\'s show -json format)')
    .option('--markdown', 'print a saved plan as a pull-request comment (Markdown)')
    .option('--html', 'print a saved plan as a self-contained HTML review page')
    .option('--no-color', 'accepted for Terraform compatibility (minitf prints no colour here)')
    .action((path: string | undefined, opts: { json?: boolean } & ReviewFlags) => {
      const g = globals();
      if (opts.markdown || opts.html) return runStateCommand(g, setExit, async () => (await import('../run/review.js')).showReview(g, path, opts));
      return runStateCommand(g, setExit, () => (path === undefined ? showState(g, opts.json === true) : showPath(g, path, opts.json === true)));
    });
}

function print(g: GlobalOptions, text: string): number {
  g.streams.out(text);
  return 0;
}

async function showState(g: GlobalOptions, json: boolean): Promise<number> {
  const backend = await openCommandBackend(g, {});
  if (!backend) return 1;
  try {
    const { state } = await backend.read();
    return print(g, json ? goJSON(stateJSON(state, viewSchemas)) + '\n' : renderState(state, viewSchemas));
  } finally {
    await backend.close();
  }
}

async function showPath(g: GlobalOptions, path: string, json: boolean): Promise<number> {
  const keys = viewKeys(g);
  const full = resolve(g.cwd, path);
  const plan = await readPlanFile(full, { unseal: sealer(keys).unsealValue });
  if (plan.value) {
    const { plan: p, priorState } = plan.value;
    return print(g, json ? goJSON(planJSON(p, priorState, viewSchemas)) + '\n' : renderPlan(p, { schemas: viewSchemas, trailer: false }));
  }
  const state = await readStateFile(full, keys);
  if (state.value) return print(g, json ? goJSON(stateJSON(state.value, viewSchemas)) + '\n' : renderState(state.value, viewSchemas));
  const detail = `State read error: ${state.problem}\n\nPlan read error: ${plan.diagnostics.map((d) => d.detail ?? d.summary).join(' ')}`;
  printDiagnostics(g, [error('Failed to read the given file as a state or plan file', detail)]);
  return 1;
}

async function readStateFile(path: string, keys: Keyring): Promise<{ value?: StateFile; problem: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { problem: `Error reading ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (e as Error).message}.` };
  }
  try {
    return { value: unseal(parseState(text, path), keys), problem: '' };
  } catch (e) {
    return { problem: (e as Error).message };
  }
}


import { readFile, writeFile, rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { error, type Diagnostic } from '../../diag/index.js';
import { Keyring, sealValue, unsealValue } from '../../states/index.js';
import type { Plan } from '../../plans/model.js';
import type { EngineContext, PlanOptions, RawVariable } from '../../core/index.js';
import type { PlanResult } from '../../core/plan/planner.js';
import type { GlobalOptions } from '../io.js';

const FORMAT = 'minitf-plan';

/** What a saved plan file holds: the plan and what is needed to carry it out exactly. */
export interface SavedPlan {
  readonly plan: Plan;
  readonly options: Pick<PlanOptions, 'mode' | 'refresh' | 'targets' | 'excludes' | 'replace'>;
  readonly variables: readonly RawVariable[];
}

/**
 * Writes a plan file: a small clear header (format, lineage, serial, config digest) and the plan,
 * options and variable values sealed as one value with the state key, so no sensitive value or
 * variable reaches the file in clear text. Replaced atomically.
 */
export async function savePlan(g: GlobalOptions, path: string, r: PlanResult, opts: PlanOptions, ctx: EngineContext): Promise<void> {
  const keys = new Keyring({ cwd: g.cwd, env: g.env });
  const body: SavedPlan = { plan: { ...r.plan, diagnostics: [] }, options: { mode: opts.mode, refresh: opts.refresh, targets: opts.targets, excludes: opts.excludes, replace: opts.replace }, variables: ctx.variables };
  const doc = {
    format: FORMAT,
    version: 1,
    lineage: r.plan.stateLineage,
    serial: r.plan.stateSerial,
    config_digest: r.plan.configDigest,
    sealed: sealValue(body, keys),
  };
  const full = resolve(g.cwd, path);
  await writeFile(`${full}.tmp`, JSON.stringify(doc) + '\n', { mode: 0o600 });
  await rename(`${full}.tmp`, full);
}

/** Reads a plan file; a missing, foreign or unreadable file is a diagnostic. */
export async function loadPlan(g: GlobalOptions, path: string): Promise<{ value: (SavedPlan & { lineage: string; serial: number; configDigest: string }) | undefined; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(resolve(g.cwd, path), 'utf8');
  } catch {
    return { value: undefined, diagnostics: [error('Failed to load plan file', `Couldn't read the plan file ${path}: it does not exist or cannot be read.`)] };
  }
  try {
    const doc = JSON.parse(text) as { format?: string; version?: number; lineage: string; serial: number; config_digest: string; sealed: string };
    if (doc.format !== FORMAT || doc.version !== 1) throw new Error('not a minitf plan file');
    const body = unsealValue(doc.sealed, new Keyring({ cwd: g.cwd, env: g.env })) as SavedPlan;
    return { value: { ...body, lineage: doc.lineage, serial: doc.serial, configDigest: doc.config_digest }, diagnostics: [] };
  } catch (e) {
    return { value: undefined, diagnostics: [error('Failed to load plan file', `The file ${path} is not a valid minitf plan file (${(e as Error).message}).`)] };
  }
}

import type { Command } from 'commander';
import { error, hasErrors, warning, type Diagnostic, type SourceRange } from '../../diag/index.js';
import { apply as runApply, plan as runPlan, resolveVariables, type PlanOptions, type RawVariable } from '../../core/index.js';
import type { PlanResult } from '../../core/plan/planner.js';
import { renderPlan } from '../../plans/human.js';
import { applyFinishLines, fatalInterruptLine, interruptedLines, renderApplyFinish, renderFatalInterrupt, renderInterrupted, renderInterruptedAtPrompt } from '../../plans/apply-view.js';
import { jsonDiagnostics, jsonPlanLines, jsonVersion } from '../run/json-plan.js';
import { printDiagnostics, progressView, sourcesFor, uniqueDiagnostics, type GlobalOptions } from '../io.js';
import { addRunFlags, runFlagsOrReport } from '../run/flags.js';
import { pendingCreates, pendingDeletes, prepare } from '../run/prepare.js';
import { schemaLookup } from '../run/views.js';
import { readPlanFile } from '../../plans/planfile.js';
import { ignoredPlanOptions, planFromSaved, savedVariables } from '../../core/saved-plan.js';
import { Keyring, sealer } from '../../states/index.js';
import type { Plan } from '../../plans/model.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Module } from '../../config/model.js';
import { compactValue, fromJSON, toJSON, type Value } from '../../lang/index.js';
import { askApproval } from '../run/approve.js';
import { onInterrupt } from '../signals.js';
import { hasConfigFiles, noConfigurationFiles } from '../config-files.js';
import type { VarArg } from '../../core/vars/tfvars.js';

/**
 * `minitf apply [PLANFILE]`, `minitf destroy` and `minitf refresh` (Terraform's alias of
 * `apply -refresh-only -auto-approve`): plan (or load a saved plan), approve, carry out.
 */
export function register(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  const order: VarArg[] = [];
  const apply = program.command('apply [planfile]').description('create or update infrastructure');
  addRunFlags(apply, order)
    .option('--auto-approve', 'skip the interactive approval')
    .option('--destroy', 'destroy every object in the state')
    .option('--refresh-only', 'only update the state to match remote objects')
    .action(async (planfile: string | undefined, o: Record<string, unknown>) => setExit(await applyCommand(globals(), o, order, planfile, o.destroy ? 'apply-destroy' : 'apply')));
  const dorder: VarArg[] = [];
  const destroy = program.command('destroy').description('destroy previously-created infrastructure');
  addRunFlags(destroy, dorder)
    .option('--auto-approve', 'skip the interactive approval')
    .action(async (o: Record<string, unknown>) => setExit(await applyCommand(globals(), o, dorder, undefined, 'destroy')));
  const rorder: VarArg[] = [];
  const refresh = program.command('refresh').description('update the state to match remote objects (apply -refresh-only -auto-approve)');
  addRunFlags(refresh, rorder).action(async (o: Record<string, unknown>) => setExit(await applyCommand(globals(), { ...o, refreshOnly: true, autoApprove: true, refreshCommand: true }, rorder, undefined, 'apply')));
}

type Kind = 'apply' | 'apply-destroy' | 'destroy';

async function applyCommand(g: GlobalOptions, o: Record<string, unknown>, order: VarArg[], planfile: string | undefined, kind: Kind): Promise<number> {
  const flags = runFlagsOrReport(o, order, g.streams.err);
  if (!flags) return 1;
  const destroying = kind !== 'apply';
  const json = flags.json;
  if (json && !planfile && !o.autoApprove) {
    g.streams.err('\nError: Plan file or auto-approve required\n\nminitf cannot ask for interactive approval when -json is set. You can either apply a saved plan file, or enable the -auto-approve option.\n');
    return 1;
  }
  if (json) g.streams.out(jsonVersion());
  const report = (diags: readonly Diagnostic[]) => (json ? g.streams.out(jsonDiagnostics(uniqueDiagnostics(diags))) : printDiagnostics(g, diags));
  const saved = planfile ? await readPlanFile(resolve(g.cwd, planfile), { unseal: sealer(new Keyring({ cwd: g.cwd, env: g.env })).unsealValue }) : undefined;
  if (saved && !saved.value) {
    report(saved.diagnostics);
    return 1;
  }
  // Terraform refuses to apply an empty configuration (it would destroy everything); destroy and refresh need none.
  if (!saved && kind === 'apply' && !o.refreshCommand && !hasConfigFiles(g.cwd)) {
    report([noConfigurationFiles('apply', g.cwd)]);
    return 1;
  }
  const progress = progressView(g, flags.json);
  const prep = await prepare(g, flags, 'OperationTypeApply', progress);
  if (!prep.value) {
    report(prep.diagnostics);
    progress.close();
    return 1;
  }
  const p = prep.value;
  const stop = new AbortController();
  const kill = new AbortController();
  let interrupts = 0;
  let prompting = false;
  const onSignal = () => {
    interrupts++;
    if (interrupts === 1) {
      g.streams.out(json ? interruptedLines() : prompting ? renderInterruptedAtPrompt() : renderInterrupted());
      stop.abort();
    } else {
      if (json) g.streams.out(fatalInterruptLine());
      else g.streams.err(renderFatalInterrupt());
      kill.abort();
    }
  };
  const offInterrupt = onInterrupt(onSignal);
  try {
    const opts: PlanOptions = {
      mode: destroying ? 'destroy' : o.refreshOnly ? 'refresh-only' : 'normal',
      refresh: flags.refresh,
      targets: flags.targets,
      excludes: flags.excludes,
      replace: flags.replace,
      parallelism: flags.parallelism,
      state: p.state,
      skipChecks: true,
    };
    const savedWarnings: Diagnostic[] = [];
    if (saved?.value) {
      const changed = await changedVariables(g, p.config.root, saved.value.plan, p.ctx.variables, order);
      if (hasErrors(changed)) {
        report(changed);
        return 1;
      }
      savedWarnings.push(...changed, ...ignoredPlanOptions({ targets: flags.targets, excludes: flags.excludes, replace: flags.replace, destroy: kind === 'apply-destroy', refreshOnly: Boolean(o.refreshOnly) }));
    }
    const r = saved?.value ? await planFromSaved(p.ctx, saved.value, { state: p.state, parallelism: flags.parallelism }) : await runPlan(p.ctx, opts);
    const diags: Diagnostic[] = [...prep.diagnostics, ...r.diagnostics];
    if (!r.value || hasErrors(diags)) {
      report(diags);
      return 1;
    }
    const ctx = r.value.run.ctx;
    const planText = renderPlan({ ...r.value.plan, diagnostics: uniqueDiagnostics(diags) }, { schemas: schemaLookup, automation: true, command: 'minitf', sources: sourcesFor(g, diags) });
    const hasChanges = r.value.plan.applyable;
    if (json) g.streams.out(jsonPlanLines(r.value.plan, uniqueDiagnostics(diags)));
    else if (!saved) g.streams.out(planText);
    if (hasChanges && !saved && !o.autoApprove) {
      const q = destroying
        ? ['Do you really want to destroy all resources?', ['minitf will destroy all your managed infrastructure, as shown above.', "There is no undo. Only 'yes' will be accepted to confirm."]]
        : ['Do you want to perform these actions?', ['minitf will perform the actions described above.', "Only 'yes' will be accepted to approve."]];
      prompting = true;
      const answer = await askApproval((s) => g.streams.out(s), q[0] as string, q[1] as string[], stop.signal, !g.noColor && g.streams.terminal !== undefined);
      prompting = false;
      if (answer.kind !== 'answer') {
        printDiagnostics(g, [error(`error asking for approval: ${answer.kind === 'eof' ? 'EOF' : 'interrupted'}`)]);
        return 1;
      }
      if (answer.text !== 'yes') {
        g.streams.out(`${destroying ? 'Destroy' : 'Apply'} cancelled.\n`);
        return 1;
      }
    }
    const pending = pendingCreates(p.pending);
    const a = await runApply(ctx, r.value as PlanResult, { parallelism: flags.parallelism, backend: p.backend, stop: stop.signal, kill: kill.signal, pendingTokens: pending, pendingDeletes: pendingDeletes(p.pending) });
    const adiags = uniqueDiagnostics([...savedWarnings, ...a.diagnostics]);
    report(adiags);
    if (hasErrors(adiags)) return 1;
    const v = a.value;
    const summary = { import: v.imported, add: v.added, change: v.changed, remove: v.destroyed };
    const outputs = destroying ? {} : v.outputs;
    g.streams.out(json ? applyFinishLines(summary, outputs, kind === 'destroy') : renderApplyFinish(summary, outputs, kind === 'destroy'));
    return 0;
  } finally {
    offInterrupt();
    progress.close();
    await p.close();
  }
}

/**
 * Terraform's rules for variable values given when applying a saved plan, which holds the values it
 * was made with: a `-var` or `-var-file` value that differs is an error (`Can't change variable when
 * applying a saved plan`), a differing `TF_VAR_` value a warning, a differing automatically loaded
 * `.tfvars` value is ignored; undeclared names get the usual `Value for undeclared variable`.
 */
async function changedVariables(g: GlobalOptions, root: Module, plan: Plan, given: readonly RawVariable[], order: readonly VarArg[]): Promise<Diagnostic[]> {
  const named = new Set(order.flatMap((a) => (a.kind === 'file' ? [a.path] : [])));
  const saved = savedVariables(plan);
  const diags = resolveVariables(root, [...saved, ...given]).diagnostics.filter((d) => d.summary === 'Value for undeclared variable');
  const last = new Map<string, RawVariable>();
  for (const r of given) last.set(r.name, r);
  for (const [name, raw] of last) {
    const planned = plan.variables[name];
    if (!planned || !root.variables.has(name)) continue;
    const now = resolveVariables(root, [...saved, raw]);
    const value = now.value.get(name);
    if (!value) {
      diags.push(...now.diagnostics.filter((d) => d.severity === 'error'));
      continue;
    }
    if (canonical(toJSON(value)) === canonical(planned.value)) continue;
    const cli = raw.source.startsWith('the command line');
    const how = cli ? 'a CLI argument' : named.has(raw.source) ? 'a .tfvars file passed through -var-file argument' : raw.source.startsWith('environment') ? 'an environment variable' : undefined;
    if (!how) continue; // an automatically loaded .tfvars file: not the user's input, ignored as Terraform does
    const shown = (v: Value) => (planned.sensitive ? '(sensitive value)' : compactValue(v));
    const why = `because a saved plan includes the variable values that were set when it was created. The saved plan specifies ${shown(fromJSON(planned.value))} as the value whereas during apply the value ${shown(value)} was set by ${how}. To declare an ephemeral variable which is not saved in the plan file, use ephemeral = true.`;
    if (how === 'an environment variable') {
      diags.push(warning('Ignoring variable when applying a saved plan', `The variable ${name} cannot be overriden when applying a saved plan file, ${why}`));
      continue;
    }
    const subject = cli ? undefined : await lineOf(resolve(g.cwd, raw.source), raw.source, name);
    diags.push(error("Can't change variable when applying a saved plan", `The variable ${name} cannot be set using the -var and -var-file options when applying a saved plan file, ${why}`, subject ? { subject } : {}));
  }
  return diags;
}

/** JSON text with sorted keys, for comparing values. */
function canonical(v: unknown): string {
  const sort = (x: unknown): unknown => (Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x);
  return JSON.stringify(sort(v));
}

/** Where `name = …` starts in a .tfvars file (undefined for JSON files or when not found). */
async function lineOf(path: string, display: string, name: string): Promise<SourceRange | undefined> {
  if (path.endsWith('.json')) return undefined;
  const text = await readFile(path, 'utf8').catch(() => '');
  const i = text.split('\n').findIndex((l) => new RegExp(`^\\s*"?${name.replace(/[^\w-]/g, '')}"?\\s*=`).test(l));
  return i < 0 ? undefined : { file: display, start: { line: i + 1, column: 1 } };
}

import { renderDiagnostic, type Sources } from '../diag/index.js';
import { isMoved, outputDiff, planAction, resourceDiff, sortChanges, type PlanAction } from './changes.js';
import { ALWAYS, pathMatcher, type Matcher } from './diff/change.js';
import { actionSymbol, renderDiff } from './diff/render.js';
import type { Diff } from './diff/types.js';
import type { Plan, ResourceChange } from './model.js';
import type { SchemaLookup } from './schema.js';
import { RESET, bold, boldRed, colouredSymbol } from './colour.js';
import { attributeName, horizontalRule, sortedKeys, wordWrap } from './text.js';

/** Options of the human plan renderer. */
export interface PlanRenderOptions {
  /** Attribute types of resources and data sources (map vs object, sensitive attributes). */
  readonly schemas: SchemaLookup;
  /** Terminal width for prose; 78 when not a terminal (Terraform's default). */
  readonly width?: number;
  /** The `-out` path, when the plan was saved (changes the next-step note). */
  readonly outPath?: string;
  /** `TF_IN_AUTOMATION` is set: no next-step note. */
  readonly automation?: boolean;
  /** Program name in the suggested `… apply "PLAN"` command; `minitf` by default. */
  readonly command?: string;
  /** Source texts, to print warnings with their code lines. */
  readonly sources?: Sources;
  /**
   * Whether to end with warnings and the next-step note (default true); `show PLANFILE` renders the
   * plan alone.
   */
  readonly trailer?: boolean;
  /** Colour as Terraform does on a terminal (default off: files, pipes, the plan review stay plain). */
  readonly color?: boolean;
}

const LEGEND: readonly [PlanAction, string][] = [
  ['create', '  + create'],
  ['update', '  ~ update in-place'],
  ['delete', '  - destroy'],
  ['replace-dc', '-/+ destroy and then create replacement'],
  ['replace-cd', '+/- create replacement and then destroy'],
  ['read', ' <= read (data resources)'],
];

/** A resource change with its attribute diff. */
export interface RenderedChange {
  readonly change: ResourceChange;
  readonly diff: Diff;
}
type Rendered = RenderedChange;

/** The changes a plan shows, with the count of each action and of imports (see {@link shownChanges}). */
export interface ShownChanges {
  readonly shown: readonly RenderedChange[];
  readonly counts: ReadonlyMap<PlanAction, number>;
  readonly importing: number;
}

/**
 * The resource changes the human plan shows, in display order, each with its diff: every change but
 * plain no-ops (moves and imports are shown) and data sources leaving the state. Other views of a plan
 * (the Markdown and HTML reviews) list exactly these.
 */
export function shownChanges(plan: Plan, schemas: SchemaLookup): ShownChanges {
  return selectShown(sortChanges(plan.resourceChanges).map((change) => ({ change, diff: resourceDiff(change, schemas) })));
}

function selectShown(changes: readonly Rendered[]): ShownChanges {
  const shown: Rendered[] = [];
  const counts = new Map<PlanAction, number>();
  let importing = 0;
  for (const r of changes) {
    const a = planAction(r.change.actions);
    if (a === 'noop' && !isMoved(r.change) && !r.change.importing) continue;
    if (a === 'delete' && r.change.mode !== 'managed') continue;
    shown.push(r);
    if (r.change.importing) importing++;
    if (a !== 'noop') counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  return { shown, counts, importing };
}

/** `Plan: [N to import, ]X to add, Y to change, Z to destroy.` (replacements count in add and destroy). */
export function planSummaryLine(counts: ReadonlyMap<PlanAction, number>, importing: number): string {
  const n = (a: PlanAction) => counts.get(a) ?? 0;
  const add = n('create') + n('replace-dc') + n('replace-cd') + n('create-forget');
  const destroy = n('delete') + n('replace-dc') + n('replace-cd');
  return `Plan: ${importing > 0 ? `${importing} to import, ` : ''}${add} to add, ${n('update')} to change, ${destroy} to destroy.`;
}

/**
 * Renders a plan as `terraform plan` prints it after the refresh lines: drift, legend, the change
 * blocks, the summary, output changes, warnings and the next-step note (or the no-changes text).
 * Error diagnostics are not included (they go to stderr). Ends with a newline.
 */
export function renderPlan(plan: Plan, opts: PlanRenderOptions): string {
  const width = opts.width ?? 78;
  const out: string[] = [];
  const print = (s: string) => out.push(s);
  const changes = sortChanges(plan.resourceChanges).map((change) => ({ change, diff: resourceDiff(change, opts.schemas) }));
  const outputs = new Map(plan.outputChanges.map((o) => [o.name, outputDiff(o)]));
  const empty = changes.every((r) => r.diff.action === 'noop' && !isMoved(r.change)) && [...outputs.values()].every((d) => d.action === 'noop');
  const haveDrift = renderDrift(plan, opts, !empty, print, width);

  const { shown, counts, importing } = selectShown(changes);
  const outputText = renderOutputChanges(outputs);

  if (shown.length === 0 && outputText === '') {
    if (plan.errored) {
      if (haveDrift) print(`\n${horizontalRule(width)}\n`);
      print('\nPlanning failed. minitf encountered an error while generating this plan.\n\n');
    } else if (plan.mode === 'refresh-only') {
      if (haveDrift) return finish(plan, opts, out, width);
      print('\nNo changes. Your infrastructure still matches the configuration.\n\n');
      print(wordWrap('minitf has checked that the real remote objects still match the result of your most recent changes, and found no differences.', width) + '\n');
    } else if (plan.mode === 'destroy') {
      if (haveDrift) print(`\n${horizontalRule(width)}\n`);
      print('\nNo changes. No objects need to be destroyed.\n\n');
      print(wordWrap('Either you have not created any objects yet or the existing objects were already deleted outside of minitf.', width) + '\n');
    } else {
      if (haveDrift) print(`\n${horizontalRule(width)}\n`);
      print(opts.color ? `\n${RESET}\x1b[1m\x1b[32mNo changes.${RESET}\x1b[1m Your infrastructure matches the configuration.${RESET}\n\n${RESET}` : '\nNo changes. Your infrastructure matches the configuration.\n\n');
      if (haveDrift) {
        print(wordWrap("Your configuration already matches the changes detected above. If you'd like to update the minitf state to match, create and apply a refresh-only plan" + (opts.automation ? '.' : ':\n  minitf apply -refresh-only'), width) + '\n');
        return finish(plan, opts, out, width);
      }
      print(wordWrap('minitf has compared your real infrastructure against your configuration and found no differences, so no changes are needed.', width) + '\n');
    }
  }
  if (haveDrift) print(`\n${horizontalRule(width)}\n`);

  if (counts.size > 0) {
    print(wordWrap('\nminitf used the selected providers to generate the following execution plan. Resource actions are indicated with the following symbols:', width) + '\n');
    for (const [a, text] of LEGEND) if (counts.has(a)) print((opts.color ? `${colouredSymbol(a)}${text.slice(3)}${RESET}` : text) + '\n');
  }
  if (shown.length > 0) {
    print(plan.errored ? '\nminitf planned the following actions, but then encountered a problem:\n' : '\nminitf will perform the following actions:\n');
    for (const r of shown) print(`\n${renderResourceChange(r.change, r.diff, 'change', opts.color)}\n`);
    const summary = planSummaryLine(counts, importing);
    print(opts.color ? `\n${bold('Plan:')}${summary.slice(5)}\n${RESET}` : `\n${summary}\n`);
  }
  if (outputText !== '') {
    print(`\nChanges to Outputs:\n${outputText}\n`);
    if (counts.size === 0) {
      print(wordWrap('\nYou can apply this plan to save these new output values to the minitf state, without changing any real infrastructure.', width) + '\n');
    }
  }
  return finish(plan, opts, out, width);
}

/** Appends warnings and the next-step note, then joins the text. */
function finish(plan: Plan, opts: PlanRenderOptions, out: string[], width: number): string {
  if (opts.trailer === false) return out.join('');
  for (const d of plan.diagnostics) if (d.severity === 'warning') out.push(renderDiagnostic(d, opts.sources, width));
  if (plan.applyable && !plan.errored && !opts.automation) out.push(nextStep(opts, width));
  return out.join('');
}

/** The note after a plan: how to apply it (with `-out`) or why saving it is wise (without). */
export function nextStep(opts: Pick<PlanRenderOptions, 'outPath' | 'command' | 'width' | 'color'>, width = opts.width ?? 78): string {
  const cmd = opts.command ?? 'minitf';
  let s = opts.color ? `\x1b[90m\n${horizontalRule(width)}${RESET}\n\n` : `\n${horizontalRule(width)}\n\n`;
  if (opts.outPath !== undefined) {
    s += `Saved the plan to: ${opts.outPath}\n\n`;
    s += 'To perform exactly these actions, run the following command to apply:\n';
    s += `    ${cmd} apply "${opts.outPath}"\n`;
  } else {
    s += wordWrap(`Note: You didn't use the -out option to save this plan, so minitf can't guarantee to take exactly these actions if you run "${cmd} apply" now.`, width) + '\n';
  }
  return s;
}

/**
 * The changes made outside minitf that a plan shows under "Objects have changed outside of
 * Terraform", in display order with their diffs: in a normal plan only drift of attributes the
 * configuration refers to (when the plan records them), in a refresh-only plan all of it. The
 * terminal prints them only beside planned changes or in a refresh-only plan.
 */
export function driftChanges(plan: Plan, schemas: SchemaLookup): RenderedChange[] {
  const refreshOnly = plan.mode === 'refresh-only';
  const drifts: Rendered[] = [];
  for (const change of sortChanges(plan.resourceDrift)) {
    let relevant: Matcher = ALWAYS;
    if (!refreshOnly && plan.relevantAttributes !== undefined) {
      const paths = plan.relevantAttributes.filter((r) => r.resource === '' || r.resource === change.address).map((r) => r.attribute);
      if (paths.length === 0) continue;
      relevant = pathMatcher(paths, true);
    }
    const diff = resourceDiff(change, schemas, relevant);
    if (refreshOnly || diff.action !== 'noop') drifts.push({ change, diff });
  }
  return drifts;
}

function renderDrift(plan: Plan, opts: PlanRenderOptions, nonEmpty: boolean, print: (s: string) => void, width: number): boolean {
  const refreshOnly = plan.mode === 'refresh-only';
  const drifts = driftChanges(plan, opts.schemas);
  if (drifts.length === 0) return false;
  if (!nonEmpty && !refreshOnly) return false;
  print('\nNote: Objects have changed outside of minitf\n\n');
  print(wordWrap('minitf detected the following changes made outside of minitf since the last "minitf apply" which may have affected this plan:\n', width));
  for (const r of drifts) print(`\n${renderResourceChange(r.change, r.diff, 'drift')}\n`);
  const closing = refreshOnly
    ? '\n\nThis is a refresh-only plan, so minitf will not take any actions to undo these. If you were expecting these changes then you can apply this plan to record the updated values in the minitf state without changing any remote objects.'
    : '\n\nUnless you have made equivalent changes to your configuration, or ignored the relevant attributes using ignore_changes, the following plan may include actions to undo or respond to these changes.';
  print(wordWrap(closing, width) + '\n');
  return true;
}

/** Renders the comment lines and body of one change (`  # ADDR will be created` …). */
export function renderResourceChange(c: ResourceChange, diff: Diff, cause: 'change' | 'drift', color = false): string {
  const action = planAction(c.actions);
  const header = `${c.mode === 'managed' ? 'resource' : 'data'} "${c.type}" "${c.name}"`;
  const body = renderDiff(diff, 0, { showUnchanged: c.importing !== undefined, color });
  const comment = changeComment(c, action, cause);
  if (!color) return `${comment}${actionSymbol(action)} ${header} ${body}`;
  return `${colourComment(comment)}${RESET}${colouredSymbol(action)}${RESET} ${header} ${body}`;
}

/** Terraform's colours on the first comment line: the address bold, `replaced`/`destroyed` bold red. */
function colourComment(comment: string): string {
  const nl = comment.indexOf('\n');
  const first = comment.slice(0, nl);
  const m = /^(\s*# .*?)( (?:will be|must be|is tainted|has|will no longer).*)$/.exec(first);
  if (!m) return comment;
  const rest = m[2]!.replace(/^ (will be|must be) (replaced|destroyed)\b/, (_s, v: string, w: string) => ` ${v} ${boldRed(w)}`);
  return `${bold(m[1]!)}${rest}${comment.slice(nl)}`;
}

function changeComment(c: ResourceChange, action: PlanAction, cause: 'change' | 'drift'): string {
  const addr = c.deposed ? `${c.address} (deposed object ${c.deposed})` : c.address;
  let s = '';
  let printedMoved = false;
  let printedImported = false;
  switch (action) {
    case 'create':
      s = `  # ${addr} will be created`;
      break;
    case 'read':
      s = `  # ${addr} will be read during apply`;
      if (c.actionReason === 'read_because_config_unknown') s += '\n  # (config refers to values not yet known)';
      else if (c.actionReason === 'read_because_dependency_pending') s += '\n  # (depends on a resource or a module with changes pending)';
      else if (c.actionReason === 'read_because_check_nested') s += '\n  # (config will be reloaded to verify a check block)';
      break;
    case 'update':
      s = cause === 'change' ? `  # ${addr} will be updated in-place` : `  # ${addr} has changed`;
      break;
    case 'replace-dc':
    case 'replace-cd':
      if (c.actionReason === 'replace_because_tainted') s = `  # ${addr} is tainted, so must be replaced`;
      else if (c.actionReason === 'replace_by_request') s = `  # ${addr} will be replaced, as requested`;
      else if (c.actionReason === 'replace_by_triggers') s = `  # ${addr} will be replaced due to changes in replace_triggered_by`;
      else s = `  # ${addr} must be replaced`;
      break;
    case 'create-forget':
      s = ` # ${addr} must be replaced, but the existing object will not be destroyed\n # (destroy = false is set in the configuration)`;
      break;
    case 'forget':
      s = c.deposed
        ? ` # ${addr} will be removed from minitf state, but will not be destroyed\n # (left over from a partially-failed replacement of this instance)`
        : ` # ${addr} will no longer be managed by minitf, but will not be destroyed`;
      s += '\n # (destroy = false is set in the configuration)';
      break;
    case 'delete':
      s = cause === 'change' ? `  # ${addr} will be destroyed` : `  # ${addr} has been deleted`;
      s += deleteReason(c);
      if (c.deposed) s += '\n  # (left over from a partially-failed replacement of this instance)';
      break;
    case 'noop':
      if (isMoved(c)) {
        s = `  # ${c.previousAddress} has moved to ${addr}`;
        printedMoved = true;
      } else if (c.importing) {
        s = `  # ${addr} will be imported`;
        printedImported = true;
      } else s = `${addr} has an action the plan renderer doesn't support (this is a bug)`;
      break;
  }
  s += '\n';
  if (isMoved(c) && !printedMoved) s += `  # (moved from ${c.previousAddress})\n`;
  if (c.importing && !printedImported) s += c.importing.id ? `  # (imported from "${c.importing.id}")\n` : '  # (will be imported first)\n';
  if (c.importing && (action === 'replace-dc' || action === 'replace-cd')) s += '  # Warning: this will destroy the imported resource\n';
  return s;
}

function deleteReason(c: ResourceChange): string {
  const key = c.index === undefined ? '' : typeof c.index === 'number' ? String(c.index) : JSON.stringify(c.index);
  switch (c.actionReason) {
    case 'delete_because_no_resource_config': return `\n  # (because ${c.type}.${c.name} is not in configuration)`;
    case 'delete_because_no_move_target': return `\n  # (because ${c.previousAddress} was moved to ${c.address}, which is not in configuration)`;
    case 'delete_because_no_module': return `\n  # (because ${c.module} is not in configuration)`;
    case 'delete_because_wrong_repetition':
      if (c.index === undefined) return '\n  # (because resource uses count or for_each)';
      return typeof c.index === 'number' ? '\n  # (because resource does not use count)' : '\n  # (because resource does not use for_each)';
    case 'delete_because_count_index': return `\n  # (because index [${key}] is out of range for count)`;
    case 'delete_because_each_key': return `\n  # (because key [${key}] is not in for_each map)`;
    default: return '';
  }
}

/** Renders `Changes to Outputs:` lines (sorted, names padded over every output change). */
export function renderOutputChanges(outputs: ReadonlyMap<string, Diff>): string {
  const names = new Map([...outputs.keys()].map((k) => [k, attributeName(k)]));
  const width = Math.max(0, ...[...names.values()].map((n) => n.length));
  const lines: string[] = [];
  for (const key of sortedKeys(outputs.keys())) {
    const d = outputs.get(key)!;
    if (d.action === 'noop') continue;
    lines.push(`${actionSymbol(d.action)} ${names.get(key)!.padEnd(width)} = ${renderDiff(d, 0)}`);
  }
  return lines.join('\n');
}

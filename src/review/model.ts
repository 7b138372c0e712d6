import { renderDiagnostic, type Diagnostic, type Sources } from '../diag/index.js';
import {
  driftChanges,
  outputDiff,
  planAction,
  planSummaryLine,
  renderOutputChanges,
  renderResourceChange,
  shownChanges,
  type Plan,
  type PlanAction,
  type SchemaLookup,
} from '../plans/index.js';
import { actionSymbol } from '../plans/diff/render.js';

/** The action a review files a change under; moves and imports with no other action are their own. */
export type ReviewAction = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'forget' | 'move' | 'import';

/** The review actions in the order views list them. */
export const REVIEW_ACTIONS: readonly ReviewAction[] = ['create', 'update', 'replace', 'delete', 'read', 'forget', 'import', 'move'];

/** Label and symbol of each review action, as the page and the Markdown show them. */
export const ACTION_LABELS: Readonly<Record<ReviewAction, { readonly label: string; readonly symbol: string }>> = {
  create: { label: 'create', symbol: '+' },
  update: { label: 'update in-place', symbol: '~' },
  replace: { label: 'replace', symbol: '-/+' },
  delete: { label: 'destroy', symbol: '-' },
  read: { label: 'read', symbol: '<=' },
  forget: { label: 'forget', symbol: '.' },
  import: { label: 'import', symbol: '←' },
  move: { label: 'move', symbol: '→' },
};

/** One shown resource change, already rendered: no raw attribute value is kept. */
export interface ReviewChange {
  readonly address: string;
  /** Module instance path (`module.pool[1]`), empty for the root module. */
  readonly module: string;
  /** Provider configuration instance, `provider["registry.terraform.io/aliyun/alicloud"].hz` (with `[key]` for a provider `for_each`). */
  readonly provider: string;
  readonly mode: 'managed' | 'data';
  /** The config-level node id of `graph` (`module.pool.terraform_data.x`, `data.alicloud_zones.z`). */
  readonly node: string;
  readonly planAction: PlanAction;
  readonly action: ReviewAction;
  /** The 3-column terminal symbol (`  +`, `-/+`, …), trimmed. */
  readonly symbol: string;
  readonly moved: boolean;
  readonly importing: boolean;
  /** The first comment line without `# ` (`alicloud_vpc.default will be created`). */
  readonly title: string;
  /** The change block exactly as `minitf plan` prints it (sensitive values as `(sensitive value)`). */
  readonly text: string;
}

/** How many changes of each kind; `line` is Terraform's `Plan: …` sentence. */
export interface ReviewSummary {
  readonly counts: Readonly<Record<ReviewAction, number>>;
  readonly line: string;
}

/** A diagnostic of the plan, rendered as the terminal prints it. */
export interface ReviewDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly text: string;
}

/** Everything a plan review shows, as text already safe to print (sensitive values replaced). */
export interface Review {
  readonly mode: Plan['mode'];
  readonly errored: boolean;
  readonly timestamp: string;
  readonly summary: ReviewSummary;
  readonly changes: readonly ReviewChange[];
  /**
   * Changes made outside minitf, each block as the terminal prints it under "Objects have changed
   * outside of Terraform" (shown beside planned changes, or in a refresh-only plan).
   */
  readonly drift: readonly { readonly address: string; readonly text: string }[];
  /** The `Changes to Outputs:` lines of the terminal plan, empty when no output changes. */
  readonly outputs: string;
  readonly diagnostics: readonly ReviewDiagnostic[];
}

/** Options of {@link buildReview}. */
export interface ReviewOptions {
  readonly schemas: SchemaLookup;
  /** Source texts, to render diagnostics with their code lines. */
  readonly sources?: Sources;
  /** Diagnostics to show besides the plan's own (a saved plan keeps none). */
  readonly diagnostics?: readonly Diagnostic[];
  /** Text width of prose in diagnostics (default 78). */
  readonly width?: number;
}

/** The `graph` node id of a change's resource: module names without instance keys, then the address. */
export function configNodeId(c: { readonly module: string; readonly mode: 'managed' | 'data'; readonly type: string; readonly name: string }): string {
  const module = c.module ? c.module.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '') + '.' : '';
  return `${module}${c.mode === 'data' ? 'data.' : ''}${c.type}.${c.name}`;
}

function reviewAction(a: PlanAction, moved: boolean): ReviewAction {
  switch (a) {
    case 'replace-dc':
    case 'replace-cd':
    case 'create-forget':
      return 'replace';
    case 'noop':
      return moved ? 'move' : 'import';
    default:
      return a;
  }
}

/**
 * Builds the review of a plan: the changes the terminal plan shows, each rendered by the terminal
 * renderer (`renderResourceChange`), the output changes and diagnostics as the terminal prints them,
 * and the counts. The result holds rendered text only, so views built on it cannot leak a sensitive
 * value the terminal renderer hides.
 */
export function buildReview(plan: Plan, opts: ReviewOptions): Review {
  const { shown, counts, importing } = shownChanges(plan, opts.schemas);
  const tally: Record<ReviewAction, number> = { create: 0, update: 0, replace: 0, delete: 0, read: 0, forget: 0, import: 0, move: 0 };
  const changes = shown.map(({ change: c, diff }): ReviewChange => {
    const pa = planAction(c.actions);
    const moved = c.previousAddress !== undefined && c.previousAddress !== '' && c.previousAddress !== c.address;
    const action = reviewAction(pa, moved);
    if (action !== 'move' && action !== 'import') tally[action]++;
    if (moved) tally.move++;
    if (c.importing) tally.import++;
    const text = renderResourceChange(c, diff, 'change');
    const key = c.providerKey === undefined ? '' : typeof c.providerKey === 'number' ? `[${c.providerKey}]` : `[${JSON.stringify(c.providerKey)}]`;
    return {
      address: c.deposed ? `${c.address} (deposed object ${c.deposed})` : c.address,
      module: c.module,
      provider: c.providerAddr + key,
      mode: c.mode,
      node: configNodeId(c),
      planAction: pa,
      action,
      symbol: actionSymbol(pa).trim(),
      moved,
      importing: c.importing !== undefined,
      title: text.split('\n', 1)[0]!.replace(/^\s*# /, ''),
      text,
    };
  });
  const outputs = renderOutputChanges(new Map(plan.outputChanges.map((o) => [o.name, outputDiff(o)])));
  const drift =
    changes.length > 0 || outputs !== '' || plan.mode === 'refresh-only'
      ? driftChanges(plan, opts.schemas).map(({ change: c, diff }) => ({ address: c.address, text: renderResourceChange(c, diff, 'drift') }))
      : [];
  const width = opts.width ?? 78;
  const diagnostics = [...plan.diagnostics, ...(opts.diagnostics ?? [])].map((d) => ({
    severity: d.severity,
    summary: d.summary,
    text: renderDiagnostic(d, opts.sources, width).replace(/^\n+/, '').replace(/\n+$/, ''),
  }));
  return {
    mode: plan.mode,
    errored: plan.errored,
    timestamp: plan.timestamp,
    summary: { counts: tally, line: shown.length > 0 ? planSummaryLine(counts, importing) : 'No changes.' },
    changes,
    drift,
    outputs,
    diagnostics,
  };
}

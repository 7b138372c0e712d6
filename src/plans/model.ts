import type { Diagnostic } from '../diag/index.js';
import type { InstanceKey, ResourceMode } from '../addrs/index.js';
import type { CheckResult } from './checks.js';

/** Terraform's action lists, as in `show -json`. */
export type Actions =
  | readonly ['no-op']
  | readonly ['create']
  | readonly ['read']
  | readonly ['update']
  | readonly ['delete']
  | readonly ['delete', 'create']
  | readonly ['create', 'delete']
  | readonly ['forget']
  | readonly ['create', 'forget'];

/** Why an action was chosen (Terraform's `action_reason` values). */
export type ActionReason =
  | 'replace_because_tainted'
  | 'replace_because_cannot_update'
  | 'replace_by_request'
  | 'replace_by_triggers'
  | 'delete_because_no_resource_config'
  | 'delete_because_no_module'
  | 'delete_because_wrong_repetition'
  | 'delete_because_count_index'
  | 'delete_because_each_key'
  | 'delete_because_no_move_target'
  | 'read_because_config_unknown'
  | 'read_because_dependency_pending'
  | 'read_because_check_nested';

/** An attribute path: attribute names and list indexes / map keys. */
export type Path = readonly (string | number)[];

/**
 * One planned change of a resource instance (or deposed object). Values are plain JSON as in
 * `show -json` (`before`/`after`), with `afterUnknown`/`beforeSensitive`/`afterSensitive` shapes holding
 * `true` at unknown/sensitive leaves (`false` when nothing is). Sensitive values are kept here in memory
 * only; writers of plan files seal them and renderers print `(sensitive value)`.
 */
export interface ResourceChange {
  readonly address: string;
  readonly previousAddress?: string;
  /** Module instance path text (`module.pool[1]`), empty for the root module. */
  readonly module: string;
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  readonly index?: InstanceKey;
  /** State-style provider configuration address, `provider["registry.terraform.io/aliyun/alicloud"].hz`. */
  readonly providerAddr: string;
  /** For a provider with `for_each`: the instance key of the provider configuration used. */
  readonly providerKey?: InstanceKey;
  readonly deposed?: string;
  readonly actions: Actions;
  readonly actionReason?: ActionReason;
  readonly before: unknown;
  readonly after: unknown;
  readonly afterUnknown: unknown;
  readonly beforeSensitive: unknown;
  readonly afterSensitive: unknown;
  readonly replacePaths?: readonly Path[];
  readonly importing?: { readonly id: string };
  /** Data-source reads deferred to apply: why (`read_because_*`) is in actionReason. */
  readonly createBeforeDestroy?: boolean;
  /** Config addresses this instance depends on (recorded in state as `dependencies`). */
  readonly dependencies?: readonly string[];
  /** The resource type's schema version (state `schema_version`); 0 when absent. */
  readonly schemaVersion?: number;
  /**
   * The type of the object (`["object", {...}]`, Terraform's JSON type expression) when the planner
   * knows it, including the types of values known only after apply; used for the exact shape of
   * `after_sensitive`. The schema's types are used when absent.
   */
  readonly valueType?: unknown;
}

/** One planned root output change. */
export interface OutputChange {
  readonly name: string;
  readonly actions: Actions;
  readonly before: unknown;
  readonly after: unknown;
  readonly afterUnknown: boolean;
  readonly sensitive: boolean;
  /** Whether the prior value was sensitive (defaults to `sensitive`). */
  readonly beforeSensitive?: boolean;
  /** For partly unknown values: the `after_unknown` shape (overrides `afterUnknown`). */
  readonly unknownShape?: unknown;
  /** The output's type as Terraform's JSON type expression, when known (inferred from the value otherwise). */
  readonly type?: unknown;
}

/** An attribute of a resource instance that the configuration refers to (Terraform's `relevant_attributes`). */
export interface RelevantAttribute {
  readonly resource: string;
  readonly attribute: Path;
}

/** The kind of plan: normal, destroy (`-destroy`) or refresh-only. */
export type PlanMode = 'normal' | 'destroy' | 'refresh-only';

/**
 * A plan: what apply would do, computed from configuration and the prior (refreshed) state. The same
 * model feeds the human renderer, `show -json`, the `-json` UI stream and the plan file.
 */
export interface Plan {
  readonly mode: PlanMode;
  readonly resourceChanges: readonly ResourceChange[];
  /** Objects changed outside minitf (refresh found them different or gone). */
  readonly resourceDrift: readonly ResourceChange[];
  readonly outputChanges: readonly OutputChange[];
  /** Input variable values used (plain JSON; sensitive ones sealed in plan files). */
  readonly variables: Readonly<Record<string, { readonly value: unknown; readonly sensitive?: boolean }>>;
  readonly targets: readonly string[];
  readonly excludes: readonly string[];
  readonly replaceAddrs: readonly string[];
  /** Lineage and serial of the state the plan was made from (checked when a saved plan is applied). */
  readonly stateLineage: string;
  readonly stateSerial: number;
  /** Digest of the configuration files (checked when a saved plan is applied). */
  readonly configDigest: string;
  readonly timestamp: string;
  readonly errored: boolean;
  readonly complete: boolean;
  readonly applyable: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Attributes the configuration refers to; drift in a normal plan is shown only for these. When
   * absent, all drift is shown (minitf's default when the planner does not compute relevance).
   */
  readonly relevantAttributes?: readonly RelevantAttribute[];
  /** Results of the configuration's `check` blocks at plan time (`checks` of show -json); absent when none. */
  readonly checks?: readonly CheckResult[];
}

/** Counts for `Plan: X to add, Y to change, Z to destroy.` (replacements count in add and destroy). */
export interface ChangeSummary {
  readonly import: number;
  readonly add: number;
  readonly change: number;
  readonly remove: number;
}

/**
 * Computes the summary counts of a plan the way Terraform does (moves, reads and forgets don't count;
 * data sources leaving the state are not destroys).
 */
export function summarize(changes: readonly ResourceChange[]): ChangeSummary {
  let add = 0;
  let change = 0;
  let remove = 0;
  let imp = 0;
  for (const c of changes) {
    if (c.mode === 'data' && c.actions.join(',') === 'delete') continue;
    if (c.importing) imp++;
    const a = c.actions.join(',');
    if (a === 'create') add++;
    else if (a === 'update') change++;
    else if (a === 'delete') remove++;
    else if (a === 'delete,create' || a === 'create,delete') {
      add++;
      remove++;
    } else if (a === 'create,forget') add++;
  }
  return { import: imp, add, change, remove };
}

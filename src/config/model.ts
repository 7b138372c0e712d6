import type { SourceRange } from '../diag/index.js';
import type { Expression } from '../lang/index.js';

/** An argument (`name = expr`) in a block body. */
export interface Attribute {
  readonly name: string;
  readonly expr: Expression;
  readonly range: SourceRange;
  /**
   * The value as written when it is a constant (plain JSON with no `${…}` or `%{…}` anywhere, so no
   * evaluation is needed); absent otherwise. Added by the configuration loader for static checks.
   */
  readonly constant?: { readonly value: unknown };
}

/** A nested block (`timeouts { … }`, `endpoints { … }`) in a body. */
export interface Block {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: Body;
  readonly range: SourceRange;
}

/** A `dynamic "type" { for_each = …; iterator = …; content { … } }` block, expanded at evaluation time. */
export interface DynamicBlock {
  readonly type: string;
  readonly forEach: Expression;
  readonly iterator: string;
  readonly content: Body;
  readonly range: SourceRange;
}

/**
 * The contents of a block, split by the type's schema into arguments and nested blocks (hcl2json
 * renders both `x = [{…}]` and `x {…}` alike; the schema says which a name is).
 */
export interface Body {
  readonly attributes: Readonly<Record<string, Attribute>>;
  readonly blocks: readonly Block[];
  readonly dynamic: readonly DynamicBlock[];
  readonly range: SourceRange;
}

/** A provider reference in configuration (`provider = alicloud.hz`, `alicloud.by_region[each.key]`). */
export interface ProviderRefExpr {
  readonly name: string;
  readonly alias?: string;
  /** The key expression of a `for_each` provider instance, when given. */
  readonly key?: Expression;
  readonly range: SourceRange;
}

/** A `precondition`/`postcondition`/`validation`/`assert` block. */
export interface Condition {
  readonly condition: Expression;
  readonly errorMessage: Expression;
  readonly range: SourceRange;
}

/** `terraform { … }` (merged across files). */
export interface TerraformBlock {
  readonly requiredVersion?: string;
  /** `required_providers` entries by local name; `range` is the entry's name in the source. */
  readonly requiredProviders: Readonly<Record<string, { readonly source?: string; readonly version?: string; readonly range?: SourceRange }>>;
  readonly backend?: { readonly type: string; readonly config: Readonly<Record<string, unknown>>; readonly range: SourceRange };
}

/** A `provider "name" { … }` block (optionally with `alias` and `for_each`). */
export interface ProviderConfig {
  readonly name: string;
  readonly alias?: string;
  readonly forEach?: Expression;
  readonly config: Body;
  readonly range: SourceRange;
}

/** A `variable "name" { … }` block. */
export interface Variable {
  readonly name: string;
  /** The type constraint expression (`list(string)`), if any. */
  readonly type?: Expression;
  readonly default?: Expression;
  readonly description?: string;
  readonly sensitive: boolean;
  readonly nullable: boolean;
  readonly validations: readonly Condition[];
  readonly range: SourceRange;
  /**
   * Set when an override file changed this variable: where, and whether it set `type` and
   * `default`. Default-versus-type problems are then reported at the override, as Terraform does.
   */
  readonly override?: { readonly range: SourceRange; readonly type: boolean; readonly default: boolean };
}

/** An `output "name" { … }` block. */
export interface Output {
  readonly name: string;
  readonly value: Expression;
  readonly description?: string;
  readonly sensitive: boolean;
  readonly dependsOn: readonly Expression[];
  readonly preconditions: readonly Condition[];
  readonly range: SourceRange;
}

/** A resource's `lifecycle { … }` block. */
export interface Lifecycle {
  readonly createBeforeDestroy: boolean;
  readonly preventDestroy: boolean;
  /** `'all'`, or the attribute paths listed in `ignore_changes`. */
  readonly ignoreChanges: 'all' | readonly (readonly (string | number)[])[];
  readonly replaceTriggeredBy: readonly Expression[];
  readonly preconditions: readonly Condition[];
  readonly postconditions: readonly Condition[];
}

/** A `resource` or `data` block. */
export interface Resource {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Config address: `alicloud_vpc.default` or `data.alicloud_zones.default`. */
  readonly address: string;
  /** Explicit `provider = …`; absent means the default configuration of the implied provider. */
  readonly provider?: ProviderRefExpr;
  readonly count?: Expression;
  readonly forEach?: Expression;
  readonly dependsOn: readonly Expression[];
  /** Arguments and nested blocks other than the meta-arguments and `lifecycle`/`timeouts`. */
  readonly config: Body;
  readonly lifecycle: Lifecycle;
  /** `timeouts { create = "10m" }` as written (durations as strings). */
  readonly timeouts: Readonly<Partial<Record<'create' | 'read' | 'update' | 'delete', string>>>;
  readonly range: SourceRange;
}

/** A `module "name" { source = "./…" … }` call of a local module. */
export interface ModuleCall {
  readonly name: string;
  readonly source: string;
  /** Absolute directory of the child module. */
  readonly sourceDir: string;
  readonly count?: Expression;
  readonly forEach?: Expression;
  readonly inputs: Readonly<Record<string, Attribute>>;
  /** `providers = { alicloud = alicloud.hz }`: child local name (or `name.alias`) → parent reference. */
  readonly providers: Readonly<Record<string, ProviderRefExpr>>;
  readonly dependsOn: readonly Expression[];
  readonly range: SourceRange;
  /** The loaded child module. */
  readonly module: Module;
}

/** An `import { to = …, id = … }` block. */
export interface Import {
  /** Target address text, e.g. `terraform_data.adopted` or `aws_x.y[each.key]` (the raw traversal). */
  readonly to: Expression;
  readonly id: Expression;
  readonly provider?: ProviderRefExpr;
  readonly forEach?: Expression;
  readonly range: SourceRange;
}

/** A `moved { from = …, to = … }` block; addresses as text (`terraform_data.web[0]`). */
export interface Moved {
  readonly from: string;
  readonly to: string;
  readonly range: SourceRange;
}

/** A `removed { from = …; lifecycle { destroy = false } }` block. */
export interface Removed {
  readonly from: string;
  readonly destroy: boolean;
  readonly range: SourceRange;
}

/** A `check "name" { data … ; assert { … } }` block. */
export interface Check {
  readonly name: string;
  readonly data?: Resource;
  readonly asserts: readonly Condition[];
  readonly range: SourceRange;
}

/** One module (a directory of configuration files), with its child module calls loaded. */
export interface Module {
  /** Absolute directory. */
  readonly dir: string;
  /** Files that were loaded, relative to `dir`. */
  readonly files: readonly string[];
  readonly terraform: TerraformBlock;
  readonly providers: readonly ProviderConfig[];
  readonly variables: ReadonlyMap<string, Variable>;
  readonly locals: ReadonlyMap<string, Attribute>;
  readonly outputs: ReadonlyMap<string, Output>;
  /** Keyed by config address (`type.name`). */
  readonly managedResources: ReadonlyMap<string, Resource>;
  /** Keyed by config address (`data.type.name`). */
  readonly dataResources: ReadonlyMap<string, Resource>;
  readonly moduleCalls: ReadonlyMap<string, ModuleCall>;
  readonly imports: readonly Import[];
  readonly moved: readonly Moved[];
  readonly removed: readonly Removed[];
  readonly checks: ReadonlyMap<string, Check>;
}

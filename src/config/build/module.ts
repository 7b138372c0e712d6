import type { Attribute, Check, Import, Module, ModuleCall, Moved, Output, ProviderConfig, Removed, Resource, Variable } from '../model.js';
import { type Loc, type PNode } from '../source/pnode.js';
import { buildCheck, buildImport, buildModuleCall, buildMoved, buildOutput, buildProvider, buildRemoved, buildResource, buildVariable, type ModuleCallHead } from './blocks.js';
import type { FileContext } from './context.js';
import { applyOverride, isOverrideFile, type MergeTarget, type OverrideBlock } from './override.js';
import { readTerraformBlock, type TerraformParts } from './terraform.js';

/** Top-level block types and their label counts. */
const LABELS: Readonly<Record<string, number>> = {
  terraform: 0,
  locals: 0,
  import: 0,
  moved: 0,
  removed: 0,
  provider: 1,
  variable: 1,
  output: 1,
  module: 1,
  check: 1,
  resource: 2,
  data: 2,
};

interface Pending extends OverrideBlock {
  /** From an override file: merged into the primary declarations after them. */
  readonly override: boolean;
}

/** A module's contents before its child modules are loaded. */
export type ModuleParts = Omit<Module, 'moduleCalls'> & { readonly moduleCallHeads: ReadonlyMap<string, ModuleCallHead & { readonly ctx: FileContext }> };

/**
 * Collects the top-level blocks of a module's files and merges them into one module, in file order
 * then source order, reporting duplicates with Terraform's summaries (`Duplicate resource "t"
 * configuration`, `Duplicate variable declaration`, …) at the later definition.
 */
export class ModuleBuilder {
  private readonly pending: Pending[] = [];
  private readonly files: string[] = [];

  constructor(private readonly dir: string) {}

  /**
   * Adds one parsed file (`name` relative to the module directory). `rootAttrs` names top-level keys HCL wrote as arguments; `skipLocs` holds
   * byte offsets of blocks already reported (wrong label counts) and left out.
   */
  addFile(ctx: FileContext, root: PNode, name: string, opts: { rootAttrs?: ReadonlySet<string>; skipLocs?: ReadonlySet<number> } = {}): void {
    this.files.push(name);
    const order = this.files.length;
    const override = isOverrideFile(name);
    if (root.kind !== 'object') {
      ctx.error('Root value must be object', 'The root value of a configuration file must be an object holding blocks such as "resource" and "provider".', root.loc);
      return;
    }
    for (const e of root.entries) {
      if (e.key === '//') continue;
      const labels = LABELS[e.key];
      if (opts.rootAttrs?.has(e.key)) {
        ctx.error('Unsupported argument', `An argument named "${e.key}" is not expected here.`, e.keyLoc);
        continue;
      }
      if (labels === undefined) {
        ctx.error('Unsupported block type', `Blocks of type "${e.key}" are not expected here.`, e.keyLoc);
        continue;
      }
      for (const b of ctx.blocks(e.value, labels, e.keyLoc, e.key)) {
        if (b.loc.byte !== undefined && opts.skipLocs?.has(b.loc.byte)) continue;
        this.pending.push({ kind: e.key, labels: b.labels, body: b.body, loc: b.loc, ctx, order, override });
      }
    }
  }

  /** Builds the merged module (without children). */
  build(): ModuleParts {
    const p = [...this.pending].sort((a, b) => a.order - b.order || a.loc.line - b.loc.line || a.loc.column - b.loc.column);
    const terraform: TerraformParts = { requiredProviders: {} };
    let backendLoc: { file: string; loc: Loc } | undefined;
    const providers: ProviderConfig[] = [];
    const providerKeys = new Map<string, ProviderConfig>();
    const variables = new Map<string, Variable>();
    const locals = new Map<string, Attribute>();
    const outputs = new Map<string, Output>();
    const managed = new Map<string, Resource>();
    const data = new Map<string, Resource>();
    const calls = new Map<string, ModuleCallHead & { ctx: FileContext }>();
    const imports: Import[] = [];
    const moved: Moved[] = [];
    const removed: Removed[] = [];
    const checks = new Map<string, Check>();
    const target: MergeTarget = { terraform, providers, providerKeys, variables, locals, outputs, managed, data, calls, backendSeen: new Map() };
    const at = (r: { range: { file: string; start: { line: number; column: number } } }): string => `${r.range.file}:${r.range.start.line},${r.range.start.column}`;

    for (const b of p) {
      const { ctx, loc, body, labels } = b;
      const [l0, l1] = labels as [string, string];
      if (b.override) {
        applyOverride(target, b);
        continue;
      }
      switch (b.kind) {
        case 'resource':
        case 'data': {
          const mode = b.kind === 'resource' ? 'managed' : 'data';
          const r = buildResource(ctx, mode, l0, l1, body, loc);
          const map = mode === 'managed' ? managed : data;
          const prev = map.get(r.address);
          if (prev) {
            const what = mode === 'managed' ? 'resource' : 'data resource';
            ctx.error(`Duplicate ${b.kind} "${l0}" configuration`, `A ${l0} ${what} named "${l1}" was already declared at ${at(prev)}. Resource names must be unique per type in each module.`, loc);
          } else map.set(r.address, r);
          break;
        }
        case 'provider': {
          const pc = buildProvider(ctx, l0, body, loc);
          const key = `${pc.name}.${pc.alias ?? ''}`;
          const prev = providerKeys.get(key);
          if (prev) {
            const detail = pc.alias
              ? `A provider configuration for "${pc.name}" with alias "${pc.alias}" was already given at ${at(prev)}. Each configuration for the same provider must have a distinct alias.`
              : `A default (non-aliased) provider configuration for "${pc.name}" was already given at ${at(prev)}. If multiple configurations are required, set the "alias" argument for alternative configurations.`;
            ctx.error('Duplicate provider configuration', detail, loc);
          } else {
            providerKeys.set(key, pc);
            providers.push(pc);
          }
          break;
        }
        case 'variable': {
          const v = buildVariable(ctx, l0, body, loc);
          const prev = variables.get(v.name);
          if (prev) ctx.error('Duplicate variable declaration', `A variable named "${v.name}" was already declared at ${at(prev)}. Variable names must be unique within a module.`, loc);
          else variables.set(v.name, v);
          break;
        }
        case 'output': {
          const o = buildOutput(ctx, l0, body, loc);
          const prev = outputs.get(l0);
          if (prev) ctx.error('Duplicate output definition', `An output named "${l0}" was already defined at ${at(prev)}. Output names must be unique within a module.`, loc);
          else if (o) outputs.set(l0, o);
          break;
        }
        case 'locals':
          for (const e of ctx.entries(body, 'locals')) {
            const prev = locals.get(e.key);
            if (prev) {
              ctx.error('Duplicate local value definition', `A local value named "${e.key}" was already defined at ${at(prev)}. Local value names must be unique within a module.`, e.keyLoc, 'locals');
              continue;
            }
            locals.set(e.key, ctx.attribute(e.key, e.value, e.keyLoc, 'locals'));
          }
          break;
        case 'module': {
          const prev = calls.get(l0);
          const head = buildModuleCall(ctx, l0, body, loc);
          if (prev) ctx.error('Duplicate module call', `A module call named "${l0}" was already defined at ${at(prev)}. Module calls must have unique names within a module.`, loc);
          else if (head) calls.set(l0, { ...head, ctx });
          break;
        }
        case 'check': {
          const c = buildCheck(ctx, l0, body, loc);
          const prev = checks.get(l0);
          if (prev) ctx.error(`Duplicate check "${l0}" configuration`, `A check block named "${l0}" was already defined at ${at(prev)}. Check blocks must have unique names within a module.`, loc);
          else checks.set(l0, c);
          break;
        }
        case 'import': {
          const i = buildImport(ctx, body, loc);
          if (i) imports.push(i);
          break;
        }
        case 'moved': {
          const m = buildMoved(ctx, body, loc);
          if (m) moved.push(m);
          break;
        }
        case 'removed': {
          const r = buildRemoved(ctx, body, loc);
          if (r) removed.push(r);
          break;
        }
        case 'terraform':
          for (const f of readTerraformBlock(ctx, body, terraform)) {
            if (backendLoc) {
              ctx.error('Duplicate backend configuration', `A module may have only one backend configuration. The backend was previously configured at ${backendLoc.file}:${backendLoc.loc.line},${backendLoc.loc.column}.`, f.loc, 'terraform');
              continue;
            }
            backendLoc = { file: ctx.file, loc: f.loc };
            terraform.backend = f.backend;
          }
          break;
      }
    }
    return {
      dir: this.dir,
      files: this.files,
      terraform,
      providers,
      variables,
      locals,
      outputs,
      managedResources: managed,
      dataResources: data,
      moduleCallHeads: calls,
      imports,
      moved,
      removed,
      checks,
    };
  }
}

/** A module with nothing in it (for a module call whose directory could not be loaded). */
export function emptyModule(dir: string): Module {
  return {
    dir,
    files: [],
    terraform: { requiredProviders: {} },
    providers: [],
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    managedResources: new Map(),
    dataResources: new Map(),
    moduleCalls: new Map<string, ModuleCall>(),
    imports: [],
    moved: [],
    removed: [],
    checks: new Map(),
  };
}

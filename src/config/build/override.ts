import type { Body, Lifecycle, Output, ProviderConfig, Resource, Variable, Attribute } from '../model.js';
import type { Loc, PEntry, PNode, PObject } from '../source/pnode.js';
import { buildModuleCall, buildOutput, buildProvider, buildResource, buildVariable, type ModuleCallHead } from './blocks.js';
import { header, type FileContext } from './context.js';
import { readTerraformBlock, type TerraformParts } from './terraform.js';

/**
 * True for Terraform's override files: `override.tf`, `*_override.tf` and their `.tf.json` forms
 * (and minitf's `.tf.yaml`/`.tf.yml`). They are read after the primary files and merged into the
 * declarations those made (Terraform's `mergeFile`), instead of declaring anything new.
 */
export function isOverrideFile(name: string): boolean {
  const stem = name.replace(/\.tf(\.json|\.ya?ml)?$/, '');
  return stem === 'override' || stem.endsWith('_override');
}

/** One top-level block of an override file. */
export interface OverrideBlock {
  readonly kind: string;
  readonly labels: readonly string[];
  readonly body: PObject;
  readonly loc: Loc;
  readonly ctx: FileContext;
  readonly order: number;
}

/** The declarations of the primary files, changed in place by `applyOverride`. */
export interface MergeTarget {
  readonly terraform: TerraformParts;
  readonly providers: ProviderConfig[];
  readonly providerKeys: Map<string, ProviderConfig>;
  readonly variables: Map<string, Variable>;
  readonly locals: Map<string, Attribute>;
  readonly outputs: Map<string, Output>;
  readonly managed: Map<string, Resource>;
  readonly data: Map<string, Resource>;
  readonly calls: Map<string, ModuleCallHead & { ctx: FileContext }>;
  /** Override files whose backend already replaced the module's (one backend per override file). */
  readonly backendSeen: Map<number, Loc & { file: string }>;
}

/** Keys set in a block body, and the keys set inside its first nested block named `name`. */
function keysOf(body: PObject): Set<string> {
  return new Set(body.entries.map((e) => e.key));
}
function nestedKeys(body: PObject, name: string): Set<string> {
  const out = new Set<string>();
  for (const e of body.entries) {
    if (e.key !== name) continue;
    const items: PNode[] = e.value.kind === 'array' ? [...e.value.items] : [e.value];
    for (const i of items) if (i.kind === 'object') for (const x of i.entries) out.add(x.key);
  }
  return out;
}

/**
 * Merges an override body into its base (Terraform's MergeBodies): arguments replace by name, and
 * nested blocks of a type the override writes replace every base block of that type (`dynamic`
 * blocks count as one type).
 */
export function mergeBody(base: Body, over: Body): Body {
  const types = new Set(over.blocks.map((b) => b.type));
  return {
    attributes: { ...base.attributes, ...over.attributes },
    blocks: [...base.blocks.filter((b) => !types.has(b.type)), ...over.blocks],
    dynamic: over.dynamic.length ? over.dynamic : base.dynamic,
    range: base.range,
  };
}

/** Reports `depends_on` in an override block, which Terraform refuses. */
function refuseDependsOn(ctx: FileContext, body: PObject, context: string): void {
  const e = body.entries.find((x) => x.key === 'depends_on');
  if (!e) return;
  const first = e.value.kind === 'array' && e.value.items[0] ? e.value.items[0].loc : e.keyLoc;
  ctx.error('Unsupported override', 'The depends_on argument may not be overridden.', first, context);
}

/** A body with `key` added (a null placeholder) when absent, so a partial override still builds. */
function withPlaceholder(body: PObject, key: string, loc: Loc, value: PNode = { kind: 'scalar', loc, value: null }): PObject {
  if (body.entries.some((e) => e.key === key)) return body;
  const entry: PEntry = { key, keyLoc: loc, value };
  return { ...body, entries: [...body.entries, entry] };
}

function mergeLifecycle(base: Lifecycle, over: Lifecycle, keys: ReadonlySet<string>): Lifecycle {
  return {
    ...base,
    ...(keys.has('create_before_destroy') ? { createBeforeDestroy: over.createBeforeDestroy } : {}),
    ...(keys.has('prevent_destroy') ? { preventDestroy: over.preventDestroy } : {}),
    ...(over.ignoreChanges === 'all' || over.ignoreChanges.length ? { ignoreChanges: over.ignoreChanges } : {}),
  };
}

function mergeResource(t: MergeTarget, b: OverrideBlock, mode: 'managed' | 'data'): void {
  const [type, name] = b.labels as [string, string];
  const map = mode === 'managed' ? t.managed : t.data;
  const address = mode === 'managed' ? `${type}.${name}` : `data.${type}.${name}`;
  const base = map.get(address);
  if (!base) {
    const [summary, what, block] = mode === 'managed' ? ['Missing resource to override', 'resource', 'resource'] : ['Missing data resource to override', 'data resource', 'data'];
    b.ctx.error(summary, `There is no ${type} ${what} named "${name}". An override file can only override a ${block} block defined in a primary configuration file.`, b.loc);
    return;
  }
  const over = buildResource(b.ctx, mode, type, name, b.body, b.loc);
  const keys = keysOf(b.body);
  refuseDependsOn(b.ctx, b.body, header(mode === 'managed' ? 'resource' : 'data', [type, name]));
  map.set(address, {
    ...base,
    ...(keys.has('count') ? { count: over.count } : {}),
    ...(keys.has('for_each') ? { forEach: over.forEach } : {}),
    ...(keys.has('provider') && over.provider ? { provider: over.provider } : {}),
    config: mergeBody(base.config, over.config),
    lifecycle: keys.has('lifecycle') ? mergeLifecycle(base.lifecycle, over.lifecycle, nestedKeys(b.body, 'lifecycle')) : base.lifecycle,
    timeouts: keys.has('timeouts') ? over.timeouts : base.timeouts,
  });
}

function mergeVariable(t: MergeTarget, b: OverrideBlock): void {
  const name = b.labels[0]!;
  const base = t.variables.get(name);
  if (!base) {
    b.ctx.error('Missing base variable declaration to override', `There is no variable named "${name}". An override file can only override a variable that was already declared in a primary configuration file.`, b.loc);
    return;
  }
  const over = buildVariable(b.ctx, name, b.body, b.loc);
  const keys = keysOf(b.body);
  t.variables.set(name, {
    ...base,
    ...(keys.has('description') ? { description: over.description } : {}),
    ...(keys.has('sensitive') ? { sensitive: over.sensitive } : {}),
    ...(keys.has('default') ? { default: over.default } : {}),
    ...(keys.has('type') ? { type: over.type } : {}),
    ...(keys.has('nullable') ? { nullable: over.nullable } : {}),
    override: { range: over.range, type: keys.has('type'), default: keys.has('default') },
  });
}

function mergeOutput(t: MergeTarget, b: OverrideBlock): void {
  const name = b.labels[0]!;
  const base = t.outputs.get(name);
  if (!base) {
    b.ctx.error('Missing base output definition to override', `There is no output named "${name}". An override file can only override an output that was already defined in a primary configuration file.`, b.loc);
    return;
  }
  const keys = keysOf(b.body);
  const over = buildOutput(b.ctx, name, withPlaceholder(b.body, 'value', b.loc), b.loc);
  refuseDependsOn(b.ctx, b.body, header('output', [name]));
  if (!over) return;
  t.outputs.set(name, {
    ...base,
    ...(keys.has('description') ? { description: over.description } : {}),
    ...(keys.has('value') ? { value: over.value } : {}),
    ...(keys.has('sensitive') ? { sensitive: over.sensitive } : {}),
  });
}

function mergeModuleCall(t: MergeTarget, b: OverrideBlock): void {
  const name = b.labels[0]!;
  const base = t.calls.get(name);
  if (!base) {
    b.ctx.error('Missing module call to override', `There is no module call named "${name}". An override file can only override a module call that was defined in a primary configuration file.`, b.loc);
    return;
  }
  const keys = keysOf(b.body);
  const over = buildModuleCall(b.ctx, name, withPlaceholder(b.body, 'source', b.loc, { kind: 'scalar', loc: b.loc, value: base.source }), b.loc);
  refuseDependsOn(b.ctx, b.body, header('module', [name]));
  if (!over) return;
  t.calls.set(name, {
    ...base,
    ...(keys.has('source') ? { source: over.source, sourceLoc: over.sourceLoc, ctx: b.ctx } : {}),
    ...(keys.has('count') ? { count: over.count } : {}),
    ...(keys.has('for_each') ? { forEach: over.forEach } : {}),
    inputs: { ...base.inputs, ...over.inputs },
    ...(Object.keys(over.providers).length ? { providers: over.providers } : {}),
  });
}

function mergeProvider(t: MergeTarget, b: OverrideBlock): void {
  const over = buildProvider(b.ctx, b.labels[0]!, b.body, b.loc);
  const key = `${over.name}.${over.alias ?? ''}`;
  const base = t.providerKeys.get(key);
  if (!base) {
    if (over.alias !== undefined) {
      b.ctx.error('Missing base provider configuration for override', `There is no ${over.name} provider configuration with the alias "${over.alias}". An override file can only override an aliased provider configuration that was already defined in a primary configuration file.`, b.loc);
      return;
    }
    // An absent default configuration is an empty one, which the override then fills.
    t.providerKeys.set(key, over);
    t.providers.push(over);
    return;
  }
  const merged: ProviderConfig = { ...base, ...(over.forEach ? { forEach: over.forEach } : {}), config: mergeBody(base.config, over.config) };
  t.providerKeys.set(key, merged);
  t.providers[t.providers.indexOf(base)] = merged;
}

function mergeTerraform(t: MergeTarget, b: OverrideBlock): void {
  const found = readTerraformBlock(b.ctx, b.body, t.terraform);
  for (const f of found) {
    const prev = t.backendSeen.get(b.order);
    if (prev) {
      b.ctx.error('Duplicate backend configuration', `Each override file may have only one backend configuration. A backend was previously configured at ${prev.file}:${prev.line},${prev.column}.`, f.loc, 'terraform');
      continue;
    }
    t.backendSeen.set(b.order, { ...f.loc, file: b.ctx.file });
    t.terraform.backend = f.backend;
  }
}

/**
 * Merges one block of an override file into the primary declarations, by Terraform's rules: what
 * the override sets replaces the base's, what it omits stays. Overriding something no primary file
 * declares is an error (`Missing resource to override`, …), except a default provider
 * configuration, which an override may introduce; `moved`, `import` and `check` blocks cannot be
 * overridden, and `removed` blocks are left out, as Terraform leaves them. Problems go to the block's file context.
 */
export function applyOverride(t: MergeTarget, b: OverrideBlock): void {
  switch (b.kind) {
    case 'resource':
      return mergeResource(t, b, 'managed');
    case 'data':
      return mergeResource(t, b, 'data');
    case 'variable':
      return mergeVariable(t, b);
    case 'output':
      return mergeOutput(t, b);
    case 'module':
      return mergeModuleCall(t, b);
    case 'provider':
      return mergeProvider(t, b);
    case 'terraform':
      return mergeTerraform(t, b);
    case 'locals':
      for (const e of b.ctx.entries(b.body, 'locals')) {
        if (!t.locals.has(e.key)) {
          b.ctx.error('Missing base local value definition to override', `There is no local value named "${e.key}". An override file can only override a local value that was already defined in a primary configuration file.`, e.keyLoc, 'locals');
          continue;
        }
        t.locals.set(e.key, b.ctx.attribute(e.key, e.value, e.keyLoc, 'locals'));
      }
      return;
    case 'moved':
      return b.ctx.error("Cannot override 'moved' blocks", 'Records of moved objects can appear only in normal files, not in override files.', b.loc);
    case 'import':
      return b.ctx.error("Cannot override 'import' blocks", 'Import blocks can appear only in normal files, not in override files.', b.loc);
    case 'check':
      return b.ctx.error("Can't override check blocks", 'Override files cannot override check blocks.', b.loc);
    case 'removed':
      // Terraform 1.11.4 neither merges nor reports a `removed` block in an override file: validate
      // succeeds and plan destroys the object as if the block were absent. minitf does the same.
      return;
  }
}

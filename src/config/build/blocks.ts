import { didYouMean, type SourceRange } from '../../diag/index.js';
import type { Expression } from '../../lang/index.js';
import { getSchema } from '../../schema/index.js';
import type { Attribute, Check, Condition, Import, Lifecycle, ModuleCall, Moved, Output, ProviderConfig, ProviderRefExpr, Removed, Resource, Variable } from '../model.js';
import type { Loc, PEntry, PNode, PObject } from '../source/pnode.js';
import { buildBody } from './body.js';
import { header, type FileContext } from './context.js';

type Entries = ReadonlyMap<string, PEntry>;

function entryMap(ctx: FileContext, body: PObject, context: string): Entries {
  return new Map(ctx.entries(body, context).map((e) => [e.key, e]));
}

function unsupported(ctx: FileContext, entries: Entries, allowed: readonly string[], context: string): void {
  for (const e of entries.values()) {
    if (allowed.includes(e.key)) continue;
    if (e.syntax === 'block') ctx.error('Unsupported block type', `Blocks of type "${e.key}" are not expected here.`, e.keyLoc, context);
    else ctx.error('Unsupported argument', `An argument named "${e.key}" is not expected here.${didYouMean(e.key, allowed)}`, e.keyLoc, context);
  }
}

function missing(ctx: FileContext, name: string, loc: Loc, context: string): void {
  ctx.error('Missing required argument', `The argument "${name}" is required, but no definition was found.`, loc, context);
}

/** A list of bare references (`depends_on`, `replace_triggered_by`). */
function referenceList(ctx: FileContext, e: PEntry | undefined, context: string): Expression[] {
  if (!e) return [];
  if (e.value.kind !== 'array') {
    ctx.error('Invalid expression', `The "${e.key}" argument must be a list of references.`, e.value.loc, context);
    return [];
  }
  const out: Expression[] = [];
  for (const item of e.value.items) {
    const x = ctx.bareExpr(item, `Each item of "${e.key}"`, context);
    if (x) out.push(x.expr);
  }
  return out;
}

/** `precondition`, `postcondition`, `validation` and `assert` blocks. */
function conditions(ctx: FileContext, e: PEntry | undefined, context: string): Condition[] {
  if (!e) return [];
  const out: Condition[] = [];
  for (const b of ctx.blocks(e.value, 0, e.keyLoc, e.key)) {
    const m = entryMap(ctx, b.body, context);
    unsupported(ctx, m, ['condition', 'error_message'], context);
    const c = m.get('condition');
    const msg = m.get('error_message');
    if (!c) missing(ctx, 'condition', b.loc, context);
    if (!msg) missing(ctx, 'error_message', b.loc, context);
    if (!c || !msg) continue;
    out.push({ condition: ctx.expr(c.value, context), errorMessage: ctx.expr(msg.value, context), range: ctx.range(b.loc) });
  }
  return out;
}

const NO_LIFECYCLE: Lifecycle = { createBeforeDestroy: false, preventDestroy: false, ignoreChanges: [], replaceTriggeredBy: [], preconditions: [], postconditions: [] };

function lifecycle(ctx: FileContext, e: PEntry | undefined, context: string): Lifecycle {
  if (!e) return NO_LIFECYCLE;
  const found = ctx.blocks(e.value, 0, e.keyLoc, 'lifecycle');
  if (found.length > 1) ctx.error('Duplicate lifecycle block', 'Only one lifecycle block is allowed per resource.', found[1]!.loc, context);
  const b = found[0];
  if (!b) return NO_LIFECYCLE;
  const m = entryMap(ctx, b.body, context);
  unsupported(ctx, m, ['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by', 'precondition', 'postcondition'], context);
  const flag = (k: string): boolean => {
    const x = m.get(k);
    return x ? (ctx.bool(x.value, k, context) ?? false) : false;
  };
  return {
    createBeforeDestroy: flag('create_before_destroy'),
    preventDestroy: flag('prevent_destroy'),
    ignoreChanges: ignoreChanges(ctx, m.get('ignore_changes'), context),
    replaceTriggeredBy: referenceList(ctx, m.get('replace_triggered_by'), context),
    preconditions: conditions(ctx, m.get('precondition'), context),
    postconditions: conditions(ctx, m.get('postcondition'), context),
  };
}

function ignoreChanges(ctx: FileContext, e: PEntry | undefined, context: string): Lifecycle['ignoreChanges'] {
  if (!e) return [];
  const v = e.value;
  if (v.kind === 'scalar' && (v.value === 'all' || v.value === '${all}')) return 'all';
  if (v.kind !== 'array') {
    ctx.error('Invalid ignore_changes', 'The "ignore_changes" argument must be "all" or a list of attribute references, such as [tags, description].', v.loc, context);
    return [];
  }
  const out: (string | number)[][] = [];
  for (const item of v.items) {
    const t = ctx.traversal(item, 'Each item of "ignore_changes"', context);
    if (!t) continue;
    if (t.parts.length === 1 && t.parts[0] === 'all') return 'all';
    out.push(t.parts);
  }
  return out;
}

/** A `resource` or `data` block (also the data block inside `check`). */
export function buildResource(ctx: FileContext, mode: 'managed' | 'data', type: string, name: string, body: PObject, loc: Loc): Resource {
  const keyword = mode === 'managed' ? 'resource' : 'data';
  const context = header(keyword, [type, name]);
  const all = ctx.entries(body, context);
  const m = new Map(all.map((e) => [e.key, e]));
  const schema = getSchema(mode === 'managed' ? 'resource' : 'data', type);
  const meta = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle']);
  const tm = m.get('timeouts');
  const liftTimeouts = tm !== undefined && schema?.blocks.timeouts !== undefined && tm.syntax !== 'attr';
  if (liftTimeouts) meta.add('timeouts');
  const timeouts: Record<string, string> = {};
  if (liftTimeouts) {
    const found = ctx.blocks(tm.value, 0, tm.keyLoc, 'timeouts');
    if (found.length > 1) ctx.error('Duplicate timeouts block', 'Only one timeouts block is allowed.', found[1]!.loc, context);
    for (const b of found.slice(0, 1)) {
      for (const e of ctx.entries(b.body, context)) {
        if (!schema!.blocks.timeouts!.attributes[e.key]) {
          ctx.error('Unsupported argument', `An argument named "${e.key}" is not expected here. This resource type accepts timeouts for: ${Object.keys(schema!.blocks.timeouts!.attributes).join(', ')}.`, e.keyLoc, context);
          continue;
        }
        const s = ctx.string(e.value, e.key, context);
        if (s === undefined) continue;
        if (!/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/.test(s)) {
          ctx.error('Invalid value for argument', `The value of "${e.key}" is not valid: "${e.key}" must be a duration such as "10m", "90s" or "1h30m". Change the value to one that follows this rule.`, e.keyLoc, context);
          continue;
        }
        timeouts[e.key] = s;
      }
    }
  }
  const count = m.get('count');
  const forEach = m.get('for_each');
  const provider = m.get('provider');
  const providerRef: ProviderRefExpr | undefined = provider ? ctx.providerRef(provider.value, context) : undefined;
  return {
    mode,
    type,
    name,
    address: mode === 'managed' ? `${type}.${name}` : `data.${type}.${name}`,
    ...(providerRef ? { provider: providerRef } : {}),
    ...(count ? { count: ctx.expr(count.value, context) } : {}),
    ...(forEach ? { forEach: ctx.expr(forEach.value, context) } : {}),
    dependsOn: referenceList(ctx, m.get('depends_on'), context),
    config: buildBody(ctx, body, all, schema, context, meta),
    lifecycle: lifecycle(ctx, m.get('lifecycle'), context),
    timeouts,
    range: ctx.range(loc),
  };
}

/** A `provider "name" { … }` block. */
export function buildProvider(ctx: FileContext, name: string, body: PObject, loc: Loc): ProviderConfig {
  const context = header('provider', [name]);
  const all = ctx.entries(body, context);
  const m = new Map(all.map((e) => [e.key, e]));
  const alias = m.get('alias');
  const aliasText = alias ? ctx.string(alias.value, 'alias', context) : undefined;
  const forEach = m.get('for_each');
  return {
    name,
    ...(aliasText !== undefined ? { alias: aliasText } : {}),
    ...(forEach ? { forEach: ctx.expr(forEach.value, context) } : {}),
    config: buildBody(ctx, body, all, getSchema('provider', name), context, new Set(['alias', 'for_each', 'version'])),
    range: ctx.range(loc),
  };
}

/** A `variable "name" { … }` block. */
export function buildVariable(ctx: FileContext, name: string, body: PObject, loc: Loc): Variable {
  const context = header('variable', [name]);
  const m = entryMap(ctx, body, context);
  unsupported(ctx, m, ['type', 'default', 'description', 'sensitive', 'nullable', 'validation', 'ephemeral'], context);
  const type = m.get('type');
  const t = type ? ctx.bareExpr(type.value, 'A type constraint', context) : undefined;
  const def = m.get('default');
  const description = m.get('description');
  const desc = description ? ctx.string(description.value, 'description', context) : undefined;
  const sensitive = m.get('sensitive');
  const nullable = m.get('nullable');
  return {
    name,
    ...(t ? { type: t.expr } : {}),
    ...(def ? { default: ctx.expr(def.value, context) } : {}),
    ...(desc !== undefined ? { description: desc } : {}),
    sensitive: sensitive ? (ctx.bool(sensitive.value, 'sensitive', context) ?? false) : false,
    nullable: nullable ? (ctx.bool(nullable.value, 'nullable', context) ?? true) : true,
    validations: conditions(ctx, m.get('validation'), context),
    range: ctx.range(loc),
  };
}

/** An `output "name" { … }` block; undefined when `value` is missing (reported). */
export function buildOutput(ctx: FileContext, name: string, body: PObject, loc: Loc): Output | undefined {
  const context = header('output', [name]);
  const m = entryMap(ctx, body, context);
  unsupported(ctx, m, ['value', 'description', 'sensitive', 'depends_on', 'precondition', 'ephemeral'], context);
  const value = m.get('value');
  if (!value) {
    missing(ctx, 'value', loc, context);
    return undefined;
  }
  const description = m.get('description');
  const desc = description ? ctx.string(description.value, 'description', context) : undefined;
  const sensitive = m.get('sensitive');
  return {
    name,
    value: ctx.expr(value.value, context),
    ...(desc !== undefined ? { description: desc } : {}),
    sensitive: sensitive ? (ctx.bool(sensitive.value, 'sensitive', context) ?? false) : false,
    dependsOn: referenceList(ctx, m.get('depends_on'), context),
    preconditions: conditions(ctx, m.get('precondition'), context),
    range: ctx.range(loc),
  };
}

/** The parts of a `module "name" { … }` call known before the child is loaded. */
export type ModuleCallHead = Omit<ModuleCall, 'module' | 'sourceDir'> & { readonly sourceLoc: Loc };

/** A `module` block; undefined when `source` is missing or not a literal (reported). */
export function buildModuleCall(ctx: FileContext, name: string, body: PObject, loc: Loc): ModuleCallHead | undefined {
  const context = header('module', [name]);
  const all = ctx.entries(body, context);
  const m = new Map(all.map((e) => [e.key, e]));
  const source = m.get('source');
  if (!source) {
    missing(ctx, 'source', loc, context);
    return undefined;
  }
  const src = ctx.string(source.value, 'source', context);
  if (src === undefined) return undefined;
  const providers: Record<string, ProviderRefExpr> = {};
  const p = m.get('providers');
  if (p) {
    if (p.value.kind !== 'object') ctx.error('Invalid providers argument', 'The "providers" argument must be a map from provider names in the module to provider references, such as { alicloud = alicloud.hz }.', p.value.loc, context);
    else
      for (const e of p.value.entries) {
        const ref = ctx.providerRef(e.value, context);
        if (ref) providers[e.key] = ref;
      }
  }
  const inputs: Record<string, Attribute> = {};
  const meta = new Set(['source', 'version', 'count', 'for_each', 'depends_on', 'providers']);
  for (const e of all) if (!meta.has(e.key)) inputs[e.key] = ctx.attribute(e.key, e.value, e.keyLoc, context);
  const count = m.get('count');
  const forEach = m.get('for_each');
  return {
    name,
    source: src,
    sourceLoc: source.keyLoc,
    ...(count ? { count: ctx.expr(count.value, context) } : {}),
    ...(forEach ? { forEach: ctx.expr(forEach.value, context) } : {}),
    inputs,
    providers,
    dependsOn: referenceList(ctx, m.get('depends_on'), context),
    range: ctx.range(loc),
  };
}

/** An `import { to, id, provider, for_each }` block. */
export function buildImport(ctx: FileContext, body: PObject, loc: Loc): Import | undefined {
  const context = 'import';
  const m = entryMap(ctx, body, context);
  unsupported(ctx, m, ['to', 'id', 'provider', 'for_each'], context);
  const to = m.get('to');
  const id = m.get('id');
  if (!to) missing(ctx, 'to', loc, context);
  if (!id) missing(ctx, 'id', loc, context);
  if (!to || !id) return undefined;
  const t = ctx.bareExpr(to.value, 'The import target "to"', context);
  if (!t) return undefined;
  const provider = m.get('provider');
  const ref = provider ? ctx.providerRef(provider.value, context) : undefined;
  const forEach = m.get('for_each');
  return {
    to: t.expr,
    id: ctx.expr(id.value, context),
    ...(ref ? { provider: ref } : {}),
    ...(forEach ? { forEach: ctx.expr(forEach.value, context) } : {}),
    range: ctx.range(loc),
  };
}

/** A `moved { from, to }` block. */
export function buildMoved(ctx: FileContext, body: PObject, loc: Loc): Moved | undefined {
  const context = 'moved';
  const m = entryMap(ctx, body, context);
  unsupported(ctx, m, ['from', 'to'], context);
  const from = m.get('from');
  const to = m.get('to');
  if (!from) missing(ctx, 'from', loc, context);
  if (!to) missing(ctx, 'to', loc, context);
  if (!from || !to) return undefined;
  const f = ctx.traversal(from.value, 'The "from" address', context);
  const t = ctx.traversal(to.value, 'The "to" address', context);
  return f && t ? { from: f.text, to: t.text, range: ctx.range(loc) } : undefined;
}

/** A `removed { from; lifecycle { destroy } }` block. */
export function buildRemoved(ctx: FileContext, body: PObject, loc: Loc): Removed | undefined {
  const context = 'removed';
  const m = entryMap(ctx, body, context);
  unsupported(ctx, m, ['from', 'lifecycle'], context);
  const from = m.get('from');
  if (!from) {
    missing(ctx, 'from', loc, context);
    return undefined;
  }
  const f = ctx.traversal(from.value, 'The "from" address', context);
  let destroy = true;
  const lc = m.get('lifecycle');
  if (lc) {
    for (const b of ctx.blocks(lc.value, 0, lc.keyLoc, 'lifecycle').slice(0, 1)) {
      const lm = entryMap(ctx, b.body, context);
      unsupported(ctx, lm, ['destroy'], context);
      const d = lm.get('destroy');
      if (d) destroy = ctx.bool(d.value, 'destroy', context) ?? true;
    }
  }
  return f ? { from: f.text, destroy, range: ctx.range(loc) } : undefined;
}

/** A `check "name" { data … ; assert { … } }` block. */
export function buildCheck(ctx: FileContext, name: string, body: PObject, loc: Loc): Check {
  const context = header('check', [name]);
  const m = entryMap(ctx, body, context);
  unsupported(ctx, m, ['data', 'assert'], context);
  let data: Resource | undefined;
  const d = m.get('data');
  if (d) {
    const found = ctx.blocks(d.value, 2, d.keyLoc, 'data');
    if (found.length > 1) ctx.error('Multiple data resource blocks', 'A check block may contain at most one nested data block.', found[1]!.loc, context);
    const b = found[0];
    if (b) data = buildResource(ctx, 'data', b.labels[0]!, b.labels[1]!, b.body, b.loc);
  }
  const asserts = conditions(ctx, m.get('assert'), context);
  if (!asserts.length) ctx.error('Missing required block', 'A check block needs at least one "assert" block.', loc, context);
  return { name, ...(data ? { data } : {}), asserts, range: ctx.range(loc) };
}

/** Reads `required_providers` entries (`{ alicloud = { source, version } }` or a version string). */
export function requiredProviders(ctx: FileContext, node: PNode, keyLoc: Loc, out: Record<string, { source?: string; version?: string; range?: SourceRange }>): void {
  for (const b of ctx.blocks(node, 0, keyLoc, 'required_providers')) {
    for (const e of ctx.entries(b.body, 'terraform')) {
      if (e.value.kind === 'scalar' && typeof e.value.value === 'string') {
        out[e.key] = { version: e.value.value, range: ctx.range(e.keyLoc) };
        continue;
      }
      if (e.value.kind !== 'object') {
        ctx.error('Invalid required_providers entry', `The entry for "${e.key}" must be an object with "source" and "version", such as { source = "aliyun/alicloud" }.`, e.keyLoc, 'terraform');
        continue;
      }
      const entry: { source?: string; version?: string; range?: SourceRange } = { range: ctx.range(e.keyLoc) };
      for (const x of ctx.entries(e.value, 'terraform')) {
        if (x.key !== 'source' && x.key !== 'version') {
          ctx.error('Unsupported argument', `An argument named "${x.key}" is not expected in a required_providers entry.`, x.keyLoc, 'terraform');
          continue;
        }
        const s = ctx.string(x.value, x.key, 'terraform');
        if (s !== undefined) entry[x.key] = s;
      }
      out[e.key] = entry;
    }
  }
}

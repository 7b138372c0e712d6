import { impliedProvider, mismatchedSource, providerSource } from '../addrs/index.js';
import { error, type Diagnostic, type SourceRange } from '../diag/index.js';
import { cycleDiagnostic } from '../graph/index.js';
import { convert, evaluate, isNull, parseTypeConstraint, references, toJSON, type Expression } from '../lang/index.js';
import { UNKNOWN } from '../providers/types.js';
import { DynamicBlocks, getSchema, listTypes, validateAttributes, type BlockSchema, type TypeSchema } from '../schema/index.js';
import { moduleGraph } from './deps.js';
import type { Config } from './load.js';
import type { Attribute, Body, Module, Resource, Variable } from './model.js';

const NAME = /^[\p{L}_][\p{L}\p{N}_-]*$/u;
const NAME_DETAIL = 'A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.';
const RESERVED_VARIABLES = new Set(['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals']);

/**
 * Static checks of a loaded configuration, every module included (diagnostics of `loadConfig` are
 * not repeated): invalid and reserved names, unknown resource and data source types (`Invalid
 * resource type`, `Invalid data source`), unknown providers, `count` with `for_each`, references to
 * undeclared objects and provider aliases, self-references and cycles (`Cycle: a, b` with sorted
 * members), module inputs against the child's variables, and schema validation of arguments whose
 * values are constants. Arguments that need evaluation are unknown here: their values are not
 * validated but count as present for required arguments, and their names are checked (an undeclared
 * one is `Unsupported argument` whatever its value, `dynamic` block content included). Deprecated arguments are left to plan time.
 */
export function validateConfig(config: Config): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkModule(config.root, 'the root module', '', out, config.incomplete !== true);
  return out;
}

function checkModule(mod: Module, where: string, prefix: string, out: Diagnostic[], complete: boolean): void {
  names(mod, out);
  variables(mod, out);
  for (const r of [...mod.managedResources.values(), ...mod.dataResources.values()]) resource(r, prefix, out, mod.dir);
  for (const c of mod.checks.values()) if (c.data) resource(c.data, prefix, out, mod.dir);
  const knownProviders = new Set(listTypes('provider'));
  for (const [name, req] of Object.entries(mod.terraform.requiredProviders)) {
    const builtIn = req.source !== undefined ? mismatchedSource(name, req.source) : undefined;
    if (!builtIn) continue;
    out.push(
      error(
        'Missing required provider',
        `This configuration requires provider ${providerSource(name, req.source)} under the local name "${name}", which minitf does not include: its built-in "${name}" provider is ${builtIn}. Declare source = "${builtIn.replace(/^registry\.terraform\.io\//, '')}" to use it.`,
        { context: 'terraform', ...(req.range ? { subject: req.range } : {}) },
      ),
    );
  }
  for (const p of mod.providers) {
    const context = `provider "${p.name}"`;
    if (!knownProviders.has(p.name)) {
      out.push(error('Missing required provider', `This configuration requires the provider "${p.name}", which minitf does not include. minitf provides: ${[...knownProviders].join(', ')}.`, { subject: p.range, context }));
      continue;
    }
    const schema = getSchema('provider', p.name)!;
    out.push(...bodyChecks(p.config, schema, `provider.${p.name}${p.alias ? `.${p.alias}` : ''}`, p.range, context, mod.dir));
  }
  const g = moduleGraph(mod, { moduleName: where, reportUndeclared: complete });
  out.push(...g.diagnostics);
  for (const cycle of g.value.graph.cycles()) {
    const first = g.value.nodes.get(cycle[0]!);
    out.push(cycleDiagnostic(cycle.map((id) => prefix + id), { ...(first?.range ? { subject: first.range } : {}), ...(first?.context ? { context: first.context } : {}) }));
  }
  for (const call of mod.moduleCalls.values()) {
    const context = `module "${call.name}"`;
    if (call.count && call.forEach) out.push(countAndForEach(call.forEach, context));
    const child = call.module;
    if (child.files.length && complete) {
      for (const [name, a] of Object.entries(call.inputs)) {
        if (!child.variables.has(name)) out.push(error('Unsupported argument', `An argument named "${name}" is not expected here: the module has no variable "${name}".`, { subject: a.range, context }));
      }
      for (const v of child.variables.values()) {
        if (!v.default && !call.inputs[v.name]) out.push(error('Missing required argument', `The argument "${v.name}" is required, but no definition was found.`, { subject: call.range, context }));
      }
    }
    checkModule(child, `module.${call.name}`, `${prefix}module.${call.name}.`, out, complete);
  }
  for (const imp of mod.imports) {
    const target = references(imp.to)[0]?.parts;
    if (!target) continue;
    const addr = target[0] === 'data' ? undefined : `${target[0]}.${target[1]}`;
    if (complete && addr && target[0] !== 'module' && !mod.managedResources.has(addr)) {
      out.push(error('Configuration for import target does not exist', `The configuration for the given import target ${addr} does not exist. All target instances must have an associated configuration to be imported.`, { subject: imp.range, context: 'import' }));
    }
  }
}

function names(mod: Module, out: Diagnostic[]): void {
  const bad = (summary: string, name: string, range: SourceRange, context: string, detail = NAME_DETAIL): void => {
    if (!NAME.test(name)) out.push(error(summary, detail, { subject: range, context }));
  };
  for (const r of mod.managedResources.values()) bad('Invalid resource name', r.name, r.range, `resource "${r.type}" "${r.name}"`);
  for (const r of mod.dataResources.values()) bad('Invalid data source name', r.name, r.range, `data "${r.type}" "${r.name}"`);
  for (const o of mod.outputs.values()) bad('Invalid output name', o.name, o.range, `output "${o.name}"`);
  for (const m of mod.moduleCalls.values()) bad('Invalid module instance name', m.name, m.range, `module "${m.name}"`);
  for (const p of mod.providers) if (p.alias !== undefined) bad('Invalid provider configuration alias', p.alias, p.range, `provider "${p.name}"`, `An alias must be a valid name. ${NAME_DETAIL}`);
  for (const v of mod.variables.values()) {
    const context = `variable "${v.name}"`;
    if (!NAME.test(v.name)) out.push(error('Invalid variable name', NAME_DETAIL, { subject: v.range, context }));
    else if (RESERVED_VARIABLES.has(v.name)) out.push(error('Invalid variable name', `The variable name "${v.name}" is reserved due to its special meaning inside module blocks.`, { subject: v.range, context }));
  }
}

function countAndForEach(forEach: Expression, context: string): Diagnostic {
  return error('Invalid combination of "count" and "for_each"', 'The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.', { subject: forEach.range, context });
}

function resource(r: Resource, prefix: string, out: Diagnostic[], baseDir: string): void {
  const keyword = r.mode === 'managed' ? 'resource' : 'data';
  const context = `${keyword} "${r.type}" "${r.name}"`;
  if (r.count && r.forEach) out.push(countAndForEach(r.forEach, context));
  const schema = getSchema(r.mode === 'managed' ? 'resource' : 'data', r.type);
  if (!schema) {
    const provider = impliedProvider(r.type);
    const known = listTypes('provider').includes(provider);
    const types = listTypes(r.mode === 'managed' ? 'resource' : 'data').filter((t) => impliedProvider(t) === provider);
    const detail = known
      ? `The provider "${provider}" does not support ${r.mode === 'managed' ? 'resource type' : 'data source'} "${r.type}". Supported: ${types.join(', ')}.`
      : `minitf has no provider "${provider}" for ${r.mode === 'managed' ? 'resource type' : 'data source'} "${r.type}". minitf provides: ${listTypes('provider').join(', ')}.`;
    out.push(error(r.mode === 'managed' ? 'Invalid resource type' : 'Invalid data source', detail, { subject: r.range, context }));
    return;
  }
  out.push(...bodyChecks(r.config, schema, prefix + r.address, r.range, context, baseDir));
}

/** Unsupported blocks, then ajv validation of the body's constant values (others are unknown). */
function bodyChecks(body: Body, schema: TypeSchema | BlockSchema, address: string, blockRange: SourceRange, context: string, baseDir: string): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const values = bodyValues(body, schema, diags, context, baseDir);
  const ranges = new Map<string, SourceRange>();
  addRanges(body, schema, '', ranges);
  if ('kind' in schema) {
    // Terraform's validate names no instance address (there are no instances yet): drop it.
    for (const d of validateAttributes(schema, values, { address, ranges: (a) => ranges.get(a), blockRange, context, deprecations: false })) {
      const { address: _a, ...rest } = d;
      void _a;
      diags.push(rest);
    }
  }
  return diags;
}

/** Source ranges by argument path: `name`, and inside nested blocks `block.name` and `block.0.name`. */
function addRanges(body: Body, shape: TypeSchema | BlockSchema, prefix: string, ranges: Map<string, SourceRange>): void {
  for (const a of Object.values(body.attributes)) ranges.set(prefix + a.name, a.range);
  const seen = new Map<string, number>();
  for (const b of body.blocks) {
    if (!ranges.has(prefix + b.type)) ranges.set(prefix + b.type, b.range);
    const bs = shape.blocks[b.type];
    if (!bs) continue;
    const i = seen.get(b.type) ?? 0;
    seen.set(b.type, i + 1);
    if (bs.nesting === 'list') addRanges(b.body, bs, `${prefix}${b.type}.${i}.`, ranges);
    if (i === 0) addRanges(b.body, bs, `${prefix}${b.type}.`, ranges);
  }
  for (const d of body.dynamic) {
    if (!ranges.has(prefix + d.type)) ranges.set(prefix + d.type, d.range);
    const bs = shape.blocks[d.type];
    if (bs) addRanges(d.content, bs, `${prefix}${d.type}.*.`, ranges);
  }
}

function bodyValues(body: Body, shape: TypeSchema | BlockSchema, diags: Diagnostic[], context: string, baseDir: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const a of Object.values(body.attributes)) {
    if (shape.blocks[a.name]) {
      // Only HCL's `name = …` syntax can put a block type among the arguments.
      diags.push(error('Unsupported argument', `An argument named "${a.name}" is not expected here. Did you mean to define a block of type "${a.name}"?`, { subject: a.range, context }));
      continue;
    }
    values[a.name] = constantOf(a, baseDir, diags, context);
  }
  const lists = new Map<string, unknown[]>();
  for (const b of body.blocks) {
    const bs = shape.blocks[b.type];
    if (!bs) {
      const hint = shape.attributes[b.type] ? ` Did you mean to define argument "${b.type}"? If so, use the equals sign to assign it a value.` : '';
      diags.push(error('Unsupported block type', `Blocks of type "${b.type}" are not expected here.${hint}`, { subject: b.range, context }));
      continue;
    }
    const v = bodyValues(b.body, bs, diags, context, baseDir);
    if (bs.nesting === 'single') {
      if (values[b.type] !== undefined) diags.push(error(`Too many ${b.type} blocks`, `No more than 1 "${b.type}" block is allowed.`, { subject: b.range, context }));
      else values[b.type] = v;
    } else {
      let l = lists.get(b.type);
      if (!l) lists.set(b.type, (l = []));
      l.push(v);
      values[b.type] = l;
    }
  }
  for (const d of body.dynamic) {
    const bs = shape.blocks[d.type];
    if (!bs) {
      diags.push(error('Unsupported block type', `Blocks of type "${d.type}" are not expected here.`, { subject: d.range, context }));
      continue;
    }
    // How many blocks is unknown until for_each is, but the content's names are checked now.
    const dyn = new DynamicBlocks(bodyValues(d.content, bs, diags, context, baseDir));
    const l = lists.get(d.type);
    if (l) l.push(dyn);
    else if (values[d.type] === undefined) values[d.type] = dyn;
  }
  return values;
}

/**
 * The value of an attribute when it refers to nothing: the constant as written, or the result of
 * evaluating it with an empty scope (evaluation errors are reported); else UNKNOWN. Unknown parts of
 * a result (impure functions) stay UNKNOWN.
 */
function constantOf(a: Attribute, baseDir: string, diags: Diagnostic[], context: string): unknown {
  if (a.constant) return a.constant.value;
  if (references(a.expr).length) return UNKNOWN;
  const r = evaluateSafely(a.expr, baseDir);
  if (!r) return UNKNOWN;
  for (const d of r.diagnostics) diags.push(d.context ? d : { ...d, context });
  if (r.diagnostics.some((d) => d.severity === 'error')) return UNKNOWN;
  return toJSON(r.value, UNKNOWN);
}

/** Evaluates an expression that refers to nothing; undefined if the evaluator fails unexpectedly. */
function evaluateSafely(expr: Expression, baseDir: string): ReturnType<typeof evaluate> | undefined {
  try {
    return evaluate(expr, { get: () => undefined, baseDir });
  } catch {
    // A failure inside the evaluator is a bug there; validation goes on without this value.
    return undefined;
  }
}

/** Type constraints of variables, and defaults that do not fit them. */
function variables(mod: Module, out: Diagnostic[]): void {
  for (const v of mod.variables.values()) {
    if (v.override) {
      overriddenDefault(v, mod.dir, out);
      continue;
    }
    if (!v.type) continue;
    const context = `variable "${v.name}"`;
    let tc: ReturnType<typeof parseTypeConstraint>;
    try {
      tc = parseTypeConstraint(v.type);
    } catch {
      continue;
    }
    for (const d of tc.diagnostics) out.push(d.context ? d : { ...d, context });
    if (tc.diagnostics.some((d) => d.severity === 'error') || !v.default || references(v.default).length) continue;
    const def = evaluateSafely(v.default, mod.dir);
    if (!def || def.diagnostics.length) continue;
    if (isNull(def.value)) {
      if (!v.nullable) out.push(error('Invalid default value for variable', 'This variable is not nullable, so its default value cannot be null.', { subject: v.default.range, context }));
      continue;
    }
    const c = convert(def.value, tc.value.type);
    if (c.diagnostics.some((d) => d.severity === 'error')) {
      const why = c.diagnostics.map((d) => (d.detail ?? d.summary).replace(/^Incorrect value type: /, '')).join(' ');
      out.push(error('Invalid default value for variable', `This default value is not compatible with the variable's type constraint: ${why}`, { subject: v.default.range, context }));
    }
  }
}

/**
 * Checks a variable an override file changed: its default against its (possibly overridden) type and
 * nullability, reported at the override block with Terraform's wording for what was overridden.
 */
function overriddenDefault(v: Variable, dir: string, out: Diagnostic[]): void {
  const o = v.override!;
  if (!v.default || references(v.default).length) return;
  const def = evaluateSafely(v.default, dir);
  if (!def || def.diagnostics.length) return;
  let tc: ReturnType<typeof parseTypeConstraint> | undefined;
  if (v.type) {
    try {
      tc = parseTypeConstraint(v.type);
    } catch {
      return;
    }
    for (const d of tc.diagnostics) out.push(d.context ? d : { ...d, context: `variable "${v.name}"` });
    if (tc.diagnostics.some((d) => d.severity === 'error')) return;
  }
  if (tc && !isNull(def.value)) {
    const c = convert(def.value, tc.value.type);
    if (c.diagnostics.some((d) => d.severity === 'error')) {
      const why = c.diagnostics.map((d) => (d.detail ?? d.summary).replace(/^Incorrect value type: /, '').replace(/\.$/, '')).join(' ');
      const detail =
        o.type && !o.default
          ? `Overriding this variable's type constraint has made its default value invalid: ${why}.`
          : !o.type && o.default
            ? `The overridden default value for this variable is not compatible with the variable's type constraint: ${why}.`
            : `This variable's default value is not compatible with its type constraint: ${why}.`;
      out.push(error('Invalid default value for variable', detail, { subject: o.range }));
    }
  }
  if (!v.nullable && isNull(def.value)) out.push(error('Invalid default value for variable', 'A null default value is not valid when nullable=false.', { subject: o.range }));
}

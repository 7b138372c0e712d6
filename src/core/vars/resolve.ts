import { error, warning, type Diagnostic, type SourceRange } from '../../diag/index.js';
import type { Module, Variable } from '../../config/model.js';
import {
  compileJSON,
  convert,
  evaluate,
  fromJSON,
  isKnown,
  isNull,
  markSensitive,
  nullValue,
  objectOf,
  parseExpression,
  parseTypeConstraint,
  references,
  toJSON,
  type Scope,
  type Type,
  type Value,
} from '../../lang/index.js';
import type { RawVariable } from '../options.js';

const emptyScope = (baseDir: string): Scope => ({ get: () => undefined, baseDir });

/** The declared type of a variable (`dynamic` when it has none). */
export function variableType(v: Variable): { type: Type; diagnostics: Diagnostic[] } {
  if (!v.type) return { type: 'dynamic', diagnostics: [] };
  const r = parseTypeConstraint(v.type);
  return { type: r.value.type, diagnostics: r.diagnostics };
}

/**
 * Resolves the values of a module's input variables: the last raw value for each (or the default),
 * converted to the declared type, checked for nullability and `validation` rules, and marked sensitive
 * when declared so. `raw` values for undeclared names give Terraform's warnings (files) or errors (-var).
 * `interactive` is false under `-input=false`; minitf never prompts, so a missing value is an error.
 */
export function resolveVariables(mod: Module, raw: readonly RawVariable[]): { value: Map<string, Value>; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const last = new Map<string, RawVariable>();
  for (const r of raw) last.set(r.name, r);
  for (const r of raw) {
    if (mod.variables.has(r.name)) continue;
    if (r.source.startsWith('environment')) continue;
    const fromCli = r.source.startsWith('the command line');
    const d = `A variable named "${r.name}" was assigned a value${fromCli ? ' on the command line' : ` in ${r.source}`}, but the root module does not declare a variable of that name. To use this value, add a "variable" block to the configuration.`;
    diags.push(fromCli ? error('Value for undeclared variable', d) : warning('Value for undeclared variable', d));
  }
  const out = new Map<string, Value>();
  for (const v of mod.variables.values()) {
    const t = variableType(v);
    diags.push(...t.diagnostics);
    const given = last.get(v.name);
    let value: Value | undefined;
    let source = '';
    if (given) {
      const r = rawToValue(given, t.type, mod.dir);
      diags.push(...r.diagnostics);
      if (!r.value) continue;
      value = r.value;
      source = given.source;
    } else if (v.default) {
      const r = evaluate(v.default, emptyScope(mod.dir));
      diags.push(...r.diagnostics);
      value = r.value;
      source = 'the default';
    } else {
      diags.push(error('No value for required variable', `The root module input variable "${v.name}" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable.`, { subject: v.range }));
      continue;
    }
    const checked = checkVariable(v, t.type, value, source, mod.dir, given?.range);
    diags.push(...checked.diagnostics);
    if (checked.value) out.set(v.name, checked.value);
  }
  return { value: out, diagnostics: diags };
}

/**
 * Converts, null-checks, validates and marks one variable value (root or module input). Returns no
 * value when it is invalid.
 */
export function checkVariable(v: Variable, type: Type, value: Value, source: string, baseDir: string, range?: SourceRange): { value: Value | undefined; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  let val = value;
  if (isNull(val) && v.default && !v.nullable) {
    return { value: undefined, diagnostics: [error('Invalid value for input variable', `The given value is not suitable for var.${v.name}: required variable may not be set to null.`, { subject: v.range })] };
  }
  if (isNull(val) && v.default && v.nullable === false) val = evaluate(v.default, emptyScope(baseDir)).value;
  const conv = convert(val, type);
  if (conv.diagnostics.some((d) => d.severity === 'error')) {
    const detail = conv.diagnostics.find((d) => d.severity === 'error')?.detail ?? '';
    const why = /^Incorrect value type(?: at [^:]*)?: (.*?)\.?$/s.exec(detail)?.[1] ?? (detail.replace(/\.$/, '') || 'the value cannot be converted to the declared type');
    diags.push(unsuitableValue(v, source, why, range));
    return { value: undefined, diagnostics: diags };
  }
  val = conv.value;
  for (const rule of v.validations) {
    const scope: Scope = { get: (r) => (r === 'var' ? objectOf({ [v.name]: val }) : undefined), baseDir };
    const c = evaluate(rule.condition, scope);
    diags.push(...c.diagnostics);
    if (c.diagnostics.some((d) => d.severity === 'error') || !isKnown(c.value)) continue;
    if (toJSON(c.value) === false) {
      const m = evaluate(rule.errorMessage, scope);
      const msg = m.diagnostics.length ? '' : String(toJSON(m.value) ?? '');
      diags.push(error('Invalid value for variable', `${msg}\n\nThis was checked by the validation rule at ${rule.range.file}:${rule.range.start.line},${rule.range.start.column}.`, { subject: v.range }));
    }
  }
  if (diags.some((d) => d.severity === 'error')) return { value: undefined, diagnostics: diags };
  return { value: v.sensitive ? markSensitive(val) : val, diagnostics: diags };
}

/** `file:line,col-col` (or `file:line,col-line,col`), as Terraform prints a range in prose. */
function rangeText(r: SourceRange): string {
  const { start, end } = r;
  if (!end) return `${r.file}:${start.line},${start.column}`;
  return end.line === start.line ? `${r.file}:${start.line},${start.column}-${end.column}` : `${r.file}:${start.line},${start.column}-${end.line},${end.column}`;
}

/** The range of a variable block's header (`variable "n"`), Terraform's declaration range. */
function declRange(v: Variable): SourceRange {
  return v.range.end ? v.range : { ...v.range, end: { line: v.range.start.line, column: v.range.start.column + `variable "${v.name}"`.length } };
}

/**
 * Terraform's `Invalid value for input variable` for a value that does not convert to the declared
 * type: for `-var` and `TF_VAR_` values it names how the value was set and points at the declaration;
 * for a value from a file it points at the value there (`terraform.tfvars` line 2) and names the
 * declaration, unless the variable is sensitive (then the value's place is named, not shown); for a
 * module's input (`source` the module instance, `module.x`) it points at the argument of the call.
 */
function unsuitableValue(v: Variable, source: string, why: string, range?: SourceRange): Diagnostic {
  const summary = 'Invalid value for input variable';
  const env = /^environment variable (\S+)$/.exec(source);
  if (source.startsWith('the command line')) return error(summary, `Unsuitable value for var.${v.name} set using -var="${v.name}=...": ${why}.`, { subject: v.range });
  if (env) return error(summary, `Unsuitable value for var.${v.name} set using the ${env[1]} environment variable: ${why}.`, { subject: v.range });
  if (source.startsWith('module.')) {
    const call = /module\.([^.[\]]+)(?:\[[^\]]*\])?$/.exec(source)?.[1];
    return error(summary, `The given value is not suitable for ${source}.var.${v.name} declared at ${rangeText(declRange(v))}: ${why}.`, { subject: range ?? v.range, ...(range && call ? { context: `module "${call}"` } : {}) });
  }
  if (range && v.sensitive) return error(summary, `The given value is not suitable for var.${v.name}, which is sensitive: ${why}. Invalid value defined at ${rangeText(range)}.`, { subject: v.range });
  return error(summary, `The given value is not suitable for var.${v.name} declared at ${rangeText(declRange(v))}: ${why}.`, { subject: range ?? v.range });
}

function rawToValue(r: RawVariable, type: Type, baseDir: string): { value: Value | undefined; diagnostics: Diagnostic[] } {
  if ('json' in r.value) {
    const j = r.value.json as { literal?: unknown; hcl?: unknown };
    if ('literal' in j) return { value: fromJSON(j.literal), diagnostics: [] };
    const c = compileJSON(j.hcl, { file: r.source, line: 1, column: 1 });
    if (c.diagnostics.some((d) => d.severity === 'error')) return { value: undefined, diagnostics: c.diagnostics };
    const e = evaluate(c.value, emptyScope(baseDir));
    return { value: e.value, diagnostics: e.diagnostics };
  }
  // Terraform: a -var or TF_VAR_ value for a primitive (or untyped) variable is the string as given,
  // converted to the type later (`1` is true for a bool); for other types it is an expression.
  const text = r.value.text;
  if (type === 'string' || type === 'number' || type === 'bool' || type === 'dynamic') return { value: fromJSON(text), diagnostics: [] };
  const file = `<value for var.${r.name}>`;
  const p = parseExpression(text, { file, line: 1, column: 1 });
  if (p.diagnostics.some((d) => d.severity === 'error')) return { value: undefined, diagnostics: p.diagnostics.map((d) => ({ ...d, subject: { file, start: d.subject?.start ?? { line: 1, column: 1 } } })) };
  if (references(p.value).length > 0) return { value: undefined, diagnostics: [error('Variables not allowed', 'Variables may not be used here.', { subject: { file, start: { line: 1, column: 1 } } })] };
  const e = evaluate(p.value, emptyScope(baseDir));
  return { value: e.value, diagnostics: e.diagnostics };
}

/** A null value of the variable's type (used when a module input is omitted and has no default). */
export function nullOf(type: Type): Value {
  return nullValue(type);
}

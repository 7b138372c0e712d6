import { error, warning, type Diagnostic, type Result, type SourceRange } from '../diag/index.js';

/** A setting's value type: HCL string, bool, number, or a nested block/object (`assume_role { … }`). */
export type SettingType = 'string' | 'bool' | 'number' | 'object';

/** A resolved setting's value. */
export type SettingValue = string | boolean | number | Readonly<Record<string, unknown>>;

/** One argument of a backend block, as the backend declares it. */
export interface Setting {
  readonly type: SettingType;
  /** One line for docs and messages. */
  readonly description: string;
  /** Environment variables tried in order when neither `-backend-config` nor the block sets it. */
  readonly env?: readonly string[];
  /** The value when nothing sets it. */
  readonly default?: string | boolean | number;
  /** A secret (a password, a key): `init` does not remember it. */
  readonly secret?: boolean;
  /** True (generic message) or the detail to show when no source sets it. */
  readonly required?: boolean | string;
  /** Why a value is not usable (the detail of an `Invalid NAME` error), or undefined when it is. */
  readonly validate?: (value: SettingValue) => string | undefined;
  /** The detail of a warning when the value is written in the configuration (a password, a secret key). */
  readonly inBlockWarning?: (value: SettingValue) => { readonly summary: string; readonly detail: string } | undefined;
}

/** A backend's arguments by name. */
export type SettingsSchema = Readonly<Record<string, Setting>>;

/** Where a setting's value came from. */
export type SettingSource = 'flag' | 'block' | 'env' | 'default';

/** A backend's settings after `-backend-config`, the block, the environment and defaults. */
export interface ResolvedSettings {
  readonly values: Readonly<Record<string, SettingValue | undefined>>;
  readonly sources: Readonly<Record<string, SettingSource | undefined>>;
  /** The backend block's range, for diagnostics about it. */
  readonly range?: SourceRange;
}

/** A string setting ('' when unset). */
export function str(s: ResolvedSettings, name: string): string {
  const v = s.values[name];
  return typeof v === 'string' ? v : '';
}

/** A bool setting (false when unset). */
export function bool(s: ResolvedSettings, name: string): boolean {
  return s.values[name] === true;
}

/**
 * Resolves a backend's settings: each argument from `-backend-config=key=value` (strings, converted
 * to the argument's type), else the block, else the first of its environment variables that is set,
 * else its default. Unknown arguments (in the block or on the command line), values of the wrong
 * type, missing required arguments and values the schema refuses are error diagnostics; values that
 * should not live in configuration files are warnings. Nothing is ever echoed back.
 */
export function resolveSettings(
  backend: string,
  schema: SettingsSchema,
  block: Readonly<Record<string, unknown>>,
  flags: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
  range?: SourceRange,
): Result<ResolvedSettings | undefined> {
  const diags: Diagnostic[] = [];
  const subject = range ? { subject: range } : {};
  const names = Object.keys(schema);
  const takes = `The ${backend} backend takes ${list(names)}.`;
  const values: Record<string, SettingValue | undefined> = {};
  const sources: Record<string, SettingSource | undefined> = {};
  for (const [k, v] of Object.entries(block)) {
    const def = schema[k];
    if (!def) {
      diags.push(error('Unsupported argument', `An argument named "${k}" is not expected here. ${takes}`, subject));
      continue;
    }
    if (!ofType(v, def.type)) {
      diags.push(error('Incorrect attribute value type', `Inappropriate value for attribute "${k}": ${TYPE_WORDS[def.type]} is required.`, subject));
      continue;
    }
    values[k] = (def.type === 'object' && Array.isArray(v) ? v[0] : v) as SettingValue;
    sources[k] = 'block';
  }
  for (const [k, text] of Object.entries(flags)) {
    const def = schema[k];
    if (!def) {
      diags.push(error('Invalid backend configuration argument', `The backend configuration argument "${k}" given on the command line is not expected for the ${backend} backend. ${takes}`));
      continue;
    }
    const v = fromText(text, def.type);
    if (v === undefined) {
      diags.push(error('Invalid backend configuration argument', `The value of "${k}" given with -backend-config is not ${TYPE_WORDS[def.type]}.`));
      continue;
    }
    values[k] = v;
    sources[k] = 'flag';
  }
  for (const [k, def] of Object.entries(schema)) {
    if (values[k] !== undefined) continue;
    const fromEnv = def.env?.map((e) => [e, env[e]] as const).find(([, v]) => v !== undefined && v !== '');
    if (fromEnv) {
      const v = fromText(fromEnv[1]!, def.type);
      if (v === undefined) diags.push(error('Invalid environment variable', `The value of ${fromEnv[0]} (for "${k}" of the ${backend} backend) is not ${TYPE_WORDS[def.type]}.`));
      else {
        values[k] = v;
        sources[k] = 'env';
      }
    } else if (def.default !== undefined) {
      values[k] = def.default;
      sources[k] = 'default';
    }
  }
  for (const [k, def] of Object.entries(schema)) {
    const v = values[k];
    if (v === undefined || (v === '' && def.required)) {
      if (def.required) {
        const where = `set it in the backend block, on the command line with -backend-config="${k}=…"${def.env?.length ? `, or in the ${def.env.join(' or ')} environment variable` : ''}`;
        diags.push(error('Missing required argument', typeof def.required === 'string' ? def.required : `The backend "${backend}" needs "${k}": ${where}.`, subject));
      }
      continue;
    }
    const bad = def.validate?.(v);
    if (bad) diags.push(error(`Invalid ${k}`, bad, subject));
    else if (sources[k] === 'block') {
      const w = def.inBlockWarning?.(v);
      if (w) diags.push(warning(w.summary, w.detail, subject));
    }
  }
  if (diags.some((d) => d.severity === 'error')) return { value: undefined, diagnostics: diags };
  return { value: { values, sources, ...(range ? { range } : {}) }, diagnostics: diags };
}

const TYPE_WORDS: Readonly<Record<SettingType, string>> = { string: 'a string', bool: 'a bool (true or false)', number: 'a whole number', object: 'a block' };

/** True when a configuration value has the type (a block written once may come as a one-element list). */
function ofType(v: unknown, t: SettingType): boolean {
  if (t === 'object') return isObject(v) || (Array.isArray(v) && v.length === 1 && isObject(v[0]));
  return t === 'number' ? Number.isInteger(v) : typeof v === (t === 'bool' ? 'boolean' : 'string');
}

/** A value given as text (`-backend-config`, environment) converted to the type; undefined when it is not one. */
function fromText(text: string, t: SettingType): SettingValue | undefined {
  const s = text.trim().toLowerCase();
  if (t === 'string') return text;
  if (t === 'bool') return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : undefined;
  return t === 'number' && /^-?\d+$/.test(s) ? Number(s) : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
export function list(names: readonly string[]): string {
  const q = names.map((n) => `"${n}"`);
  return q.length <= 1 ? (q[0] ?? 'no arguments') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

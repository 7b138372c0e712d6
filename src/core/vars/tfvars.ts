import { readFile, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { hcl2jsonParse } from '../../config/hcl/worker.js';
import { error, type Diagnostic, type SourceRange } from '../../diag/index.js';
import type { RawVariable } from '../options.js';

/** One `-var` or `-var-file` argument, in command-line order. */
export type VarArg = { readonly kind: 'var'; readonly text: string } | { readonly kind: 'file'; readonly path: string };

/**
 * Collects raw variable values in Terraform's precedence order (later wins): `TF_VAR_name` environment
 * variables, `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars[.json]` (lexical), then `-var`
 * and `-var-file` in command-line order.
 */
export async function collectVariables(cwd: string, env: Readonly<Record<string, string | undefined>>, args: readonly VarArg[]): Promise<{ value: RawVariable[]; diagnostics: Diagnostic[] }> {
  const out: RawVariable[] = [];
  const diags: Diagnostic[] = [];
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith('TF_VAR_') && v !== undefined) out.push({ name: k.slice(7), value: { text: v }, source: `environment variable ${k}` });
  }
  let names: string[] = [];
  try {
    names = (await readdir(cwd)).sort();
  } catch {
    /* no directory: nothing to read */
  }
  const auto = names.filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json'));
  for (const f of ['terraform.tfvars', 'terraform.tfvars.json', ...auto]) {
    if (!names.includes(f)) continue;
    const r = await readVarFile(join(cwd, f), f);
    out.push(...r.value);
    diags.push(...r.diagnostics);
  }
  for (const a of args) {
    if (a.kind === 'var') {
      const eq = a.text.indexOf('=');
      if (eq <= 0) {
        diags.push(error('Invalid -var option', `The given -var option "${a.text}" is not correctly specified. It must be a variable name and value separated by an equals sign, like -var="key=value".`));
        continue;
      }
      out.push({ name: a.text.slice(0, eq).trim(), value: { text: a.text.slice(eq + 1) }, source: 'the command line (-var)' });
    } else {
      const p = resolve(cwd, a.path);
      const r = await readVarFile(p, a.path);
      out.push(...r.value);
      diags.push(...r.diagnostics);
    }
  }
  return { value: out, diagnostics: diags };
}

/** Reads one `.tfvars` (HCL) or `.tfvars.json` file into raw values (JSON; HCL expressions kept as `${…}` text). */
export async function readVarFile(path: string, display: string): Promise<{ value: RawVariable[]; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { value: [], diagnostics: [error('Failed to read variables file', `Given variables file ${display} does not exist.`)] };
  }
  let data: unknown;
  if (path.endsWith('.json')) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { value: [], diagnostics: [error('Invalid variables file', `The file ${display} is not valid JSON: ${(e as Error).message}`, { subject: { file: display, start: { line: 1, column: 1 } } })] };
    }
    const vals = Object.entries((data ?? {}) as Record<string, unknown>).map(([name, json]) => {
      const range = valueRange(text, display, name, true);
      return { name, value: { json: { literal: json } }, source: display, ...(range ? { range } : {}) };
    });
    return { value: vals as RawVariable[], diagnostics: [] };
  }
  try {
    // In hcl2json's worker thread, as configuration files are: importing hcl2json in this thread
    // would instantiate its WebAssembly at start-up for every command (~0.2 s).
    data = await hcl2jsonParse(basename(path), text);
  } catch (e) {
    const m = /:(\d+),(\d+)-[^:]*: ([^;]+);?\s*(.*?)\]?$/s.exec(String((e as Error).message));
    return {
      value: [],
      diagnostics: [error(m?.[3]?.trim() ?? 'Invalid variables file', m?.[4]?.trim() || `The file ${display} could not be parsed.`, { subject: { file: display, start: { line: Number(m?.[1] ?? 1), column: Number(m?.[2] ?? 1) } } })],
    };
  }
  const vals: RawVariable[] = [];
  for (const [name, json] of Object.entries((data ?? {}) as Record<string, unknown>)) {
    const range = valueRange(text, display, name, false);
    vals.push({ name, value: { json: { hcl: json } }, source: display, ...(range ? { range } : {}) });
  }
  return { value: vals, diagnostics: [] };
}

/**
 * Where the value of `name` stands in a variables file: from the first character after `name =`
 * (`"name":` in JSON) to the end of the value (brackets and strings followed across lines). Undefined
 * when the text does not show it plainly (the value is then reported at its declaration).
 */
export function valueRange(text: string, file: string, name: string, json: boolean): SourceRange | undefined {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(json ? `"${esc}"\\s*:\\s*` : `^[ \\t]*${esc}[ \\t]*=[ \\t]*`, 'm').exec(text);
  if (!m) return undefined;
  const startOff = m.index + m[0].length;
  let depth = 0;
  let quote = false;
  let i = startOff;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') {
        quote = false;
        if (depth === 0) {
          i++;
          break;
        }
      }
      continue;
    }
    if (c === '"') quote = true;
    else if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') {
      if (depth === 0) break;
      depth--;
      if (depth === 0) {
        i++;
        break;
      }
    } else if (depth === 0 && (c === '\n' || c === ',' || c === '#' || (c === '/' && text[i + 1] === '/'))) break;
  }
  let endOff = i;
  while (endOff > startOff && /\s/.test(text[endOff - 1]!)) endOff--;
  const pos = (off: number) => {
    const before = text.slice(0, off);
    const line = before.split('\n').length;
    return { line, column: off - (before.lastIndexOf('\n') + 1) + 1, byte: Buffer.byteLength(before, 'utf8') };
  };
  return { file, start: pos(startOff), end: pos(endOff) };
}

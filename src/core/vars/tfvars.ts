import { readFile, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { hcl2jsonParse } from '../../config/hcl/worker.js';
import { error, type Diagnostic } from '../../diag/index.js';
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
    const vals = Object.entries((data ?? {}) as Record<string, unknown>).map(([name, json]) => ({ name, value: { json: { literal: json } }, source: display }));
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
    vals.push({ name, value: { json: { hcl: json } }, source: display });
  }
  return { value: vals, diagnostics: [] };
}

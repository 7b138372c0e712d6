import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { error, type Diagnostic, type Result } from '../diag/index.js';
import { FileContext } from './build/context.js';
import { emptyModule, ModuleBuilder } from './build/module.js';
import { isOverrideFile } from './build/override.js';
import { labelProblems, parseHCL } from './hcl/parse.js';
import type { Module, ModuleCall } from './model.js';
import { parseJSON } from './source/json.js';
import { parseYAML } from './source/yaml.js';

/** A loaded configuration: the root module with its local child modules. */
export interface Config {
  readonly root: Module;
  /**
   * True when some file or module directory could not be read or parsed, so the model lacks parts
   * of the configuration; `validateConfig` then skips the checks that need every declaration
   * (undeclared references, module inputs) to avoid follow-on errors.
   */
  readonly incomplete?: boolean;
}

/** Where configuration files come from: the disk, or memory (tests, tools). */
export interface FileSource {
  /** Names of the entries of a directory; rejects when it cannot be read. */
  list(dir: string): Promise<string[]>;
  /** The UTF-8 text of a file. */
  read(dir: string, name: string): Promise<string>;
  /** True when the path is a readable directory. */
  isDir(dir: string): Promise<boolean>;
}

/** Files on disk. */
export const diskSource: FileSource = {
  list: async (dir) => (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile() || d.isSymbolicLink()).map((d) => d.name),
  read: (dir, name) => readFile(join(dir, name), 'utf8'),
  isDir: async (dir) => (await stat(dir).catch(() => undefined))?.isDirectory() ?? false,
};

/**
 * Files held in memory, by path relative to `root` with `/` separators (`main.tf`,
 * `modules/pool/main.tf`); directories exist when some file is under them.
 */
export function memorySource(root: string, files: Readonly<Record<string, string>>): FileSource {
  const abs = new Map(Object.entries(files).map(([k, v]) => [resolve(root, k), v]));
  return {
    list: async (dir) => {
      const d = resolve(dir);
      const names = [...abs.keys()].filter((p) => dirname(p) === d).map((p) => p.slice(d.length + 1));
      if (!names.length && ![...abs.keys()].some((p) => p.startsWith(d + sep))) throw Object.assign(new Error('no such directory'), { code: 'ENOENT' });
      return names;
    },
    read: async (dir, name) => {
      const t = abs.get(resolve(dir, name));
      if (t === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return t;
    },
    isDir: async (dir) => [...abs.keys()].some((p) => p.startsWith(resolve(dir) + sep)),
  };
}

/** Deepest chain of nested module calls followed. */
const MAX_MODULE_DEPTH = 20;

/** The configuration format of a file name, or undefined for files minitf does not read. */
export function formatOf(name: string): 'hcl' | 'json' | 'yaml' | undefined {
  if (name.startsWith('.') || name.startsWith('#') || name.endsWith('~')) return undefined;
  if (name.endsWith('.tf')) return 'hcl';
  if (name.endsWith('.tf.json')) return 'json';
  if (name.endsWith('.tf.yaml') || name.endsWith('.tf.yml')) return 'yaml';
  return undefined;
}

/**
 * Loads the configuration in `dir`: every `*.tf` (through hcl2json, one file at a time),
 * `*.tf.json` and `*.tf.yaml`/`*.tf.yml` file, in lexical order, merged into one module, then the
 * override files (`override.tf`, `*_override.tf`, …) merged into those declarations, and every
 * local child module (`source = "./…"`) recursively. File names in the model and in diagnostics are
 * relative to `dir`. Keeps going after errors so one run reports every problem it can find; the
 * value is usable for static checks even when diagnostics hold errors. Unreadable directories and
 * files are diagnostics. `source` defaults to the disk (`memorySource` serves tests and tools).
 */
export async function loadConfig(dir: string, source: FileSource = diskSource): Promise<Result<Config>> {
  const rootDir = resolve(dir);
  const diagnostics: Diagnostic[] = [];
  const state = { incomplete: false, source };
  const root = await loadModule(rootDir, rootDir, [rootDir], diagnostics, state);
  return { value: { root, ...(state.incomplete ? { incomplete: true } : {}) }, diagnostics };
}

/**
 * Parses one configuration file's text and adds it to a module builder. Parse problems go to
 * `diags`; problems found while building blocks collect in the returned context's `diags` (also
 * during `builder.build()`).
 */
export async function addFileText(builder: ModuleBuilder, rootDir: string, moduleDir: string, name: string, text: string, diags: Diagnostic[]): Promise<FileContext | undefined> {
  const rel = relative(rootDir, join(moduleDir, name)).split(sep).join('/');
  const format = formatOf(name);
  if (!format) return undefined;
  const ctx = new FileContext(rel, format);
  if (format === 'hcl') {
    const r = await parseHCL(rel, text);
    diags.push(...r.diagnostics);
    if (r.value) {
      const bad = labelProblems(rel, r.scanned);
      diags.push(...bad);
      const skipLocs = new Set<number>();
      for (const b of r.scanned.blocks) if (bad.some((d) => d.subject?.start.line === b.loc.line && d.subject.start.column === b.loc.column)) skipLocs.add(b.loc.byte!);
      const rootAttrs = new Set(r.scanned.attrs.map((a) => a.name));
      builder.addFile(ctx, r.value, name, { rootAttrs, skipLocs });
    }
  } else {
    const r = format === 'json' ? parseJSON(rel, text) : parseYAML(rel, text);
    diags.push(...r.diagnostics);
    if (r.value) builder.addFile(ctx, r.value, name);
  }
  return ctx;
}

async function loadModule(rootDir: string, moduleDir: string, chain: readonly string[], diags: Diagnostic[], state: { incomplete: boolean; source: FileSource }): Promise<Module> {
  const rel = relative(rootDir, moduleDir).split(sep).join('/') || '.';
  let names: string[];
  try {
    names = (await state.source.list(moduleDir)).filter((n) => formatOf(n));
  } catch (e) {
    diags.push(error('Unreadable module directory', `The directory ${rel === '.' ? moduleDir : rel} could not be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`));
    state.incomplete = true;
    return emptyModule(moduleDir);
  }
  // Primary files in lexical order, then override files (merged into them) in lexical order.
  names.sort();
  names = [...names.filter((n) => !isOverrideFile(n)), ...names.filter(isOverrideFile)];
  const builder = new ModuleBuilder(moduleDir);
  const own: Diagnostic[] = [];
  const contexts: FileContext[] = [];
  for (const name of names) {
    let text: string;
    try {
      text = await state.source.read(moduleDir, name);
    } catch (e) {
      own.push(error('Failed to read file', `The configuration file ${join(rel, name)} could not be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`));
      state.incomplete = true;
      continue;
    }
    const before = own.length;
    const ctx = await addFileText(builder, rootDir, moduleDir, name, text, own);
    if (own.slice(before).some((d) => d.severity === 'error')) state.incomplete = true;
    if (ctx) contexts.push(ctx);
  }
  const parts = builder.build();
  for (const c of contexts) own.push(...c.diags);
  diags.push(...sortDiagnostics(own, names.map((n) => relative(rootDir, join(moduleDir, n)).split(sep).join('/'))));
  const moduleCalls = new Map<string, ModuleCall>();
  for (const [name, h] of parts.moduleCallHeads) {
    const { ctx, sourceLoc, ...head } = h;
    const subject = ctx.range(sourceLoc);
    const context = `module "${name}"`;
    const local = h.source.startsWith('./') || h.source.startsWith('../') || h.source === '.' || h.source === '..';
    const sourceDir = resolve(moduleDir, h.source);
    let child: Module = emptyModule(sourceDir);
    if (!local) {
      diags.push(error('Unsupported module source', `The module source "${h.source}" is not a local path. minitf loads only local modules, whose source starts with "./" or "../"; it never downloads modules.`, { subject, context }));
    } else if (chain.includes(sourceDir)) {
      diags.push(error('Module source cycle', `The module "${name}" calls ${h.source}, which is already being loaded by one of its callers. A module cannot call itself, directly or indirectly.`, { subject, context }));
    } else if (chain.length > MAX_MODULE_DEPTH) {
      diags.push(error('Module nesting too deep', `Module calls may be nested at most ${MAX_MODULE_DEPTH} levels deep.`, { subject, context }));
    } else {
      if (!(await state.source.isDir(sourceDir))) {
        diags.push(error('Unreadable module directory', `The directory ${relative(rootDir, sourceDir).split(sep).join('/') || '.'} does not exist or cannot be read.`, { subject, context }));
      } else child = await loadModule(rootDir, sourceDir, [...chain, sourceDir], diags, state);
    }
    moduleCalls.set(name, { ...head, sourceDir, module: child });
  }
  const { moduleCallHeads: _heads, ...rest } = parts;
  void _heads;
  return { ...rest, moduleCalls };
}

/** Orders diagnostics by file (in load order), then line and column; sourceless ones first. */
function sortDiagnostics(diags: Diagnostic[], files: readonly string[]): Diagnostic[] {
  const rank = (d: Diagnostic): number => (d.subject ? files.indexOf(d.subject.file) : -1);
  return diags
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || (a.d.subject?.start.line ?? 0) - (b.d.subject?.start.line ?? 0) || (a.d.subject?.start.column ?? 0) - (b.d.subject?.start.column ?? 0) || a.i - b.i)
    .map((x) => x.d);
}

import { compareKeys, formatKey, type InstanceKey } from './keys.js';
import { splitSteps, type Step } from './lexer.js';

/** Resource mode: `managed` (resource blocks) or `data` (data blocks). */
export type ResourceMode = 'managed' | 'data';

/** One step of a module instance path: `module.NAME[KEY]`. */
export interface ModuleStep {
  readonly name: string;
  readonly key?: InstanceKey;
}

/** A module instance path; the root module is the empty path. */
export type ModulePath = readonly ModuleStep[];

/** A resource (not an instance) in a module instance: `module.m[0].aws_x.y`. */
export interface ResourceAddr {
  readonly module: ModulePath;
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
}

/** A resource instance: a resource plus its `count`/`for_each` key (none for single instances). */
export interface ResourceInstanceAddr extends ResourceAddr {
  readonly key?: InstanceKey;
}

/** Formats a module instance path (`module.a[1].module.b`), empty for the root module. */
export function formatModule(path: ModulePath): string {
  return path.map((s) => `module.${s.name}${formatKey(s.key)}`).join('.');
}

/** Formats a resource address: `data.t.n`, `t.n`, with the module path in front. */
export function formatResource(a: ResourceAddr): string {
  const local = `${a.mode === 'data' ? 'data.' : ''}${a.type}.${a.name}`;
  const mod = formatModule(a.module);
  return mod ? `${mod}.${local}` : local;
}

/** Formats a resource instance address: `t.n[0]`, `module.m.t.n["k"]`. */
export function formatInstance(a: ResourceInstanceAddr): string {
  return formatResource(a) + formatKey(a.key);
}

/**
 * Parses a resource or resource instance address (as given to `-target`, `state show`, `import`,
 * `moved` blocks). Returns the address or an error message. A trailing key is kept in `key`;
 * callers that need a whole resource check that `key` is undefined.
 */
export function parseInstance(text: string): { addr: ResourceInstanceAddr } | { error: string } {
  const split = splitSteps(text.trim());
  if ('error' in split) return split;
  return fromSteps(split.steps, text);
}

/** Parses a module instance path alone (`module.a[0].module.b`). */
export function parseModulePath(text: string): { path: ModuleStep[] } | { error: string } {
  const split = splitSteps(text.trim());
  if ('error' in split) return split;
  const path: ModuleStep[] = [];
  const st = split.steps;
  let i = 0;
  while (i < st.length) {
    const s = st[i]!;
    if (!('name' in s) || s.name !== 'module') return { error: `"${text}" is not a module address.` };
    const n = st[i + 1];
    if (!n || !('name' in n)) return { error: `"${text}": "module" must be followed by a module name.` };
    const k = st[i + 2];
    if (k && 'key' in k) {
      path.push({ name: n.name, key: k.key });
      i += 3;
    } else {
      path.push({ name: n.name });
      i += 2;
    }
  }
  return { path };
}

function fromSteps(st: Step[], text: string): { addr: ResourceInstanceAddr } | { error: string } {
  const module: ModuleStep[] = [];
  let i = 0;
  while (i < st.length) {
    const s = st[i]!;
    if ('name' in s && s.name === 'module' && st.length - i > 2) {
      const n = st[i + 1];
      if (!n || !('name' in n)) return { error: `"${text}": "module" must be followed by a module name.` };
      const k = st[i + 2];
      if (k && 'key' in k) {
        module.push({ name: n.name, key: k.key });
        i += 3;
      } else {
        module.push({ name: n.name });
        i += 2;
      }
      continue;
    }
    break;
  }
  let mode: ResourceMode = 'managed';
  const first = st[i];
  if (first && 'name' in first && first.name === 'data') {
    mode = 'data';
    i++;
  }
  const t = st[i];
  const n = st[i + 1];
  if (!t || !('name' in t) || !n || !('name' in n)) {
    return { error: `"${text}" is not a resource address: expected TYPE.NAME.` };
  }
  if (t.name === 'module') return { error: `"${text}" is a module address, not a resource address.` };
  i += 2;
  let key: InstanceKey;
  const k = st[i];
  if (k) {
    if (!('key' in k)) return { error: `"${text}": unexpected ".${k.name}" after the resource name.` };
    key = k.key;
    i++;
  }
  if (i < st.length) return { error: `"${text}": unexpected text after the resource instance address.` };
  return { addr: { module, mode, type: t.name, name: n.name, ...(key !== undefined ? { key } : {}) } };
}

/** Compares module paths in Terraform's order (parents first, then by name and key). */
export function compareModules(a: ModulePath, b: ModulePath): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.name !== y.name) return x.name < y.name ? -1 : 1;
    const c = compareKeys(x.key, y.key);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * Compares resource instance addresses in Terraform's display order: root module first, then module
 * path, data before managed, type, name, key (integers numerically).
 */
export function compareInstances(a: ResourceInstanceAddr, b: ResourceInstanceAddr): number {
  const m = compareModules(a.module, b.module);
  if (m !== 0) return m;
  if (a.mode !== b.mode) return a.mode === 'data' ? -1 : 1;
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return compareKeys(a.key, b.key);
}

/** True when `inner` is `outer` itself or (when `outer` has no key) one of its instances. */
export function containsInstance(outer: ResourceInstanceAddr, inner: ResourceInstanceAddr): boolean {
  if (formatResource(outer) !== formatResource(inner)) {
    return false;
  }
  return outer.key === undefined || outer.key === inner.key;
}

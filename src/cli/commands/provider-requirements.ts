import { impliedProvider, providerSource } from '../../addrs/index.js';
import type { Module } from '../../config/model.js';

/** One provider a module needs: its local name, source address and version constraint (Terraform's spelling). */
export interface ProviderRequirement {
  readonly localName: string;
  readonly source: string;
  readonly constraint?: string;
}

/** What one module needs: its providers (sorted by source) and its child modules (sorted by name). */
export interface ModuleRequirements {
  readonly name: string;
  readonly providers: readonly ProviderRequirement[];
  readonly children: readonly ModuleRequirements[];
}

/**
 * The providers each module of the tree needs, as Terraform counts them: those in
 * `required_providers`, those with a `provider` block, and those a resource or data source uses
 * (its `provider` argument, else the type's prefix).
 */
export function moduleRequirements(mod: Module, name = ''): ModuleRequirements {
  const locals = new Set<string>(Object.keys(mod.terraform.requiredProviders));
  for (const p of mod.providers) locals.add(p.name);
  const resources = [...mod.managedResources.values(), ...mod.dataResources.values(), ...[...mod.checks.values()].flatMap((c) => (c.data ? [c.data] : []))];
  for (const r of resources) locals.add(r.provider?.name ?? impliedProvider(r.type));
  const bySource = new Map<string, { localName: string; constraints: string[] }>();
  for (const local of locals) {
    const req = mod.terraform.requiredProviders[local];
    const source = providerSource(local, req?.source);
    const entry = bySource.get(source) ?? { localName: local, constraints: [] };
    if (req?.version) entry.constraints.push(req.version);
    bySource.set(source, entry);
  }
  const providers = [...bySource.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([source, e]) => {
      const constraint = formatConstraints(e.constraints.join(','));
      return { localName: e.localName, source, ...(constraint ? { constraint } : {}) };
    });
  const children = [...mod.moduleCalls.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((c) => moduleRequirements(c.module, c.name));
  return { name, providers, children };
}

/** Every provider local name the tree uses, once each. */
export function localNames(m: ModuleRequirements, into = new Set<string>()): Set<string> {
  for (const p of m.providers) into.add(p.localName);
  for (const c of m.children) localNames(c, into);
  return into;
}

/**
 * A version constraint as Terraform prints it: each part with its operator and a full
 * `major.minor.patch` version (`>= 1.0` → `>= 1.0.0`, `1.2` → `1.2.0`), except `~>`, which keeps the
 * precision written (at least two parts: `~> 1` → `~> 1.0`); repeated parts once. Text that is not a
 * constraint is returned as written.
 */
export function formatConstraints(text: string): string {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: string[] = [];
  for (const p of parts) {
    const m = /^(~>|>=|<=|!=|=|>|<)?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?$/.exec(p);
    if (!m) return text.trim();
    const [, op = '=', major, minor, patch, pre = ''] = m;
    const version = op === '~>' ? [major, minor ?? '0', ...(patch !== undefined ? [patch] : [])].join('.') : [major, minor ?? '0', patch ?? '0'].join('.');
    const formatted = op === '=' ? `${version}${pre}` : `${op} ${version}${pre}`;
    if (!out.includes(formatted)) out.push(formatted);
  }
  return out.join(', ');
}

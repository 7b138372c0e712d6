import { error, type Diagnostic } from '../../diag/index.js';
import { formatInstance, parseInstance, type ResourceInstanceAddr } from '../../addrs/index.js';
import type { Module } from '../../config/model.js';
import type { StateIndex } from '../../states/index.js';

/**
 * Applies `moved` blocks and Terraform's implicit moves (adding `count` moves the no-key instance to
 * `[0]`; removing it moves `[0]` back) to the prior state, before planning. Returns new address →
 * previous address for every moved object (shown as `# (moved from OLD)`). Root module only.
 */
export function applyMoves(root: Module, state: StateIndex): { value: Map<string, string>; diagnostics: Diagnostic[] } {
  const moved = new Map<string, string>();
  const diags: Diagnostic[] = [];
  for (const m of root.moved) {
    const f = parseInstance(m.from);
    const t = parseInstance(m.to);
    if ('error' in f || 'error' in t) {
      diags.push(error('Invalid "moved" block', 'error' in f ? f.error : (t as { error: string }).error, { subject: m.range }));
      continue;
    }
    moveOne(state, f.addr, t.addr, moved);
  }
  for (const r of root.managedResources.values()) {
    const base: ResourceInstanceAddr = { module: [], mode: 'managed', type: r.type, name: r.name };
    const hasNoKey = state.object(base);
    const has0 = state.object({ ...base, key: 0 });
    if (r.count && hasNoKey && !has0) moveOne(state, base, { ...base, key: 0 }, moved);
    if (!r.count && !r.forEach && has0 && !hasNoKey) moveOne(state, { ...base, key: 0 }, base, moved);
  }
  return { value: moved, diagnostics: diags };
}

function moveOne(state: StateIndex, from: ResourceInstanceAddr, to: ResourceInstanceAddr, moved: Map<string, string>): void {
  const res = state.resource(from);
  if (!res) return;
  if (from.key === undefined && to.key === undefined && res.instances.some((i) => i.index_key !== undefined)) {
    for (const i of [...res.instances]) {
      if (i.deposed) continue;
      const a = { ...from, key: i.index_key };
      const b = { ...to, key: i.index_key };
      if (state.object(b)) continue;
      state.move({ kind: 'instance', addr: a }, { kind: 'instance', addr: b });
      record(moved, a, b);
    }
    return;
  }
  if (!state.object(from) || state.object(to)) return;
  state.move({ kind: 'instance', addr: from }, { kind: 'instance', addr: to });
  record(moved, from, to);
}

function record(moved: Map<string, string>, from: ResourceInstanceAddr, to: ResourceInstanceAddr): void {
  const prev = moved.get(formatInstance(from));
  moved.delete(formatInstance(from));
  moved.set(formatInstance(to), prev ?? formatInstance(from));
}

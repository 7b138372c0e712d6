import { describe, expect, test } from 'vitest';
import { buildOps } from '../../src/core/apply/ops.js';
import type { PlannedInstance } from '../../src/core/plan/run.js';
import type { Actions } from '../../src/plans/model.js';

function pi(address: string, actions: Actions, dependencies: string[] = []): PlannedInstance {
  return {
    address,
    nodeId: address.replace(/\[.*\]$/, ''),
    change: { actions, dependencies },
  } as unknown as PlannedInstance;
}

/** A topological order of the op graph (dependencies first), ties by id. */
function order(deps: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  const left = new Map([...deps].map(([k, v]) => [k, new Set(v)]));
  while (left.size) {
    const ready = [...left].filter(([, v]) => [...v].every((d) => !left.has(d))).map(([k]) => k).sort();
    if (!ready.length) throw new Error('cycle');
    for (const r of ready) {
      out.push(r);
      left.delete(r);
    }
  }
  return out;
}

describe('apply operation ordering', () => {
  test('creates follow their dependencies', () => {
    const rd = new Map([['t.b', new Set(['t.a'])], ['t.c', new Set(['t.b'])], ['t.a', new Set<string>()]]);
    const g = buildOps([pi('t.c', ['create']), pi('t.a', ['create']), pi('t.b', ['create'])], rd, () => 'x');
    expect(order(g.deps)).toEqual(['create:t.a', 'create:t.b', 'create:t.c']);
  });

  test('destroys run in reverse dependency order using recorded dependencies', () => {
    const rd = new Map<string, Set<string>>();
    const g = buildOps([pi('t.network', ['delete']), pi('t.subnet', ['delete'], ['t.network']), pi('t.instance', ['delete'], ['t.subnet'])], rd, () => 'x');
    expect(order(g.deps)).toEqual(['delete:t.instance', 'delete:t.subnet', 'delete:t.network']);
  });

  test('a destroy-first replacement deletes before it creates, and dependents wait for the create', () => {
    const rd = new Map([['t.b', new Set(['t.a'])], ['t.a', new Set<string>()]]);
    const g = buildOps([pi('t.a', ['delete', 'create']), pi('t.b', ['update'], ['t.a'])], rd, () => 'x');
    const o = order(g.deps);
    expect(o.indexOf('delete:t.a')).toBeLessThan(o.indexOf('create:t.a'));
    expect(o.indexOf('create:t.a')).toBeLessThan(o.indexOf('update:t.b'));
  });

  test('create_before_destroy deletes the deposed object after the new one and after dependents updated', () => {
    const rd = new Map([['t.b', new Set(['t.a'])], ['t.a', new Set<string>()]]);
    const g = buildOps([pi('t.a', ['create', 'delete']), pi('t.b', ['update'], ['t.a'])], rd, () => 'dep1');
    const o = order(g.deps);
    expect(o).toEqual(['create:t.a', 'update:t.b', 'delete:t.a:dep1']);
  });

  test('no-op instances make no operations unless they import', () => {
    const g = buildOps([pi('t.a', ['no-op'])], new Map(), () => 'x');
    expect(g.ops.size).toBe(0);
  });
});

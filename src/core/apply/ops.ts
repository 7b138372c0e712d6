import type { PlannedInstance } from '../plan/run.js';

/** What one apply operation does. */
export type OpKind = 'create' | 'update' | 'delete' | 'read' | 'import';

/** One operation of an apply: an action on one resource instance (or deposed object). */
export interface Op {
  readonly id: string;
  readonly kind: OpKind;
  readonly pi: PlannedInstance;
  /** For deletes: the deposed key of the object deleted (a replaced object under create_before_destroy). */
  readonly deposed?: string;
  /** For deletes that are half of a replacement. */
  readonly replacing?: boolean;
}

/** The operations of an apply and their ordering. */
export interface OpGraph {
  readonly ops: Map<string, Op>;
  readonly deps: Map<string, Set<string>>;
}

/** The config node id of a state dependency address (`module.m[0].t.n` → `module.m.t.n`). */
function nodeIdOfAddress(a: string): string {
  return a.replace(/\[[^\]]*\]/g, '');
}

/**
 * Turns planned changes into operations and orders them like Terraform: creates, updates and reads
 * after everything their configuration depends on; deletes of dependents before deletes of what they
 * depend on (from configuration, or from state `dependencies` for objects no longer configured); a
 * replacement's create after its delete (or, with create_before_destroy, the old object's delete
 * after the new object and after its dependents were updated).
 */
export function buildOps(planned: Iterable<PlannedInstance>, resourceDeps: ReadonlyMap<string, ReadonlySet<string>>, newDeposedKey: () => string): OpGraph {
  const ops = new Map<string, Op>();
  const deps = new Map<string, Set<string>>();
  const add = (op: Op) => {
    ops.set(op.id, op);
    deps.set(op.id, new Set());
  };
  const byNode = new Map<string, Op[]>();
  const deletesByNode = new Map<string, Op[]>();
  for (const pi of planned) {
    const a = pi.change.actions.join(',');
    const addr = pi.address;
    const dep = pi.change.deposed;
    const push = (m: Map<string, Op[]>, op: Op) => (m.get(pi.nodeId || nodeIdOfAddress(addr)) ?? m.set(pi.nodeId || nodeIdOfAddress(addr), []).get(pi.nodeId || nodeIdOfAddress(addr))!).push(op);
    if (a === 'no-op') {
      if (pi.importId !== undefined) {
        const op: Op = { id: `import:${addr}`, kind: 'import', pi };
        add(op);
        push(byNode, op);
      }
      continue;
    }
    if (a === 'create' || a === 'update' || a === 'read') {
      const op: Op = { id: `${a}:${addr}`, kind: a as OpKind, pi };
      add(op);
      push(byNode, op);
      continue;
    }
    if (a === 'delete') {
      const op: Op = { id: `delete:${addr}${dep ? `:${dep}` : ''}`, kind: 'delete', pi, ...(dep ? { deposed: dep } : {}) };
      add(op);
      push(deletesByNode, op);
      continue;
    }
    if (a === 'delete,create') {
      const d: Op = { id: `delete:${addr}`, kind: 'delete', pi, replacing: true };
      const c: Op = { id: `create:${addr}`, kind: 'create', pi };
      add(d);
      add(c);
      deps.get(c.id)!.add(d.id);
      push(deletesByNode, d);
      push(byNode, c);
      continue;
    }
    if (a === 'create,delete') {
      const key = newDeposedKey();
      const c: Op = { id: `create:${addr}`, kind: 'create', pi, deposed: key };
      const d: Op = { id: `delete:${addr}:${key}`, kind: 'delete', pi, deposed: key, replacing: true };
      add(c);
      add(d);
      deps.get(d.id)!.add(c.id);
      push(byNode, c);
      push(deletesByNode, d);
    }
  }
  // Creates/updates/reads wait for the operations of everything they depend on.
  for (const [node, list] of byNode) {
    for (const dn of resourceDeps.get(node) ?? []) {
      for (const op of list) {
        for (const d of byNode.get(dn) ?? []) deps.get(op.id)!.add(d.id);
        // A dependency being replaced destroy-first must be recreated first: covered by its create op.
      }
    }
  }
  // Deletes: dependents are deleted first (from config deps or the state's recorded dependencies).
  for (const [node, list] of deletesByNode) {
    for (const op of list) {
      const recorded = new Set((op.pi.change.dependencies ?? []).map(nodeIdOfAddress));
      for (const x of resourceDeps.get(node) ?? []) recorded.add(x);
      for (const dn of recorded) {
        for (const d of deletesByNode.get(dn) ?? []) {
          if (d === op) continue;
          // `op` (a dependent) must be deleted before `d` (its dependency).
          deps.get(d.id)!.add(op.id);
        }
      }
      if (op.deposed && op.replacing) {
        // create_before_destroy: delete the old object after dependents were updated.
        for (const [other, olist] of byNode) {
          if (!(resourceDeps.get(other) ?? new Set()).has(node)) continue;
          for (const o of olist) if (o.kind === 'update' || o.kind === 'create') deps.get(op.id)!.add(o.id);
        }
      }
    }
  }
  // Break any accidental cycle between a replace's delete and its own dependents' deletes.
  for (const [id, ds] of deps) ds.delete(id);
  return { ops, deps };
}

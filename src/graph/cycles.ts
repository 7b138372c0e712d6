import { error, type Diagnostic } from '../diag/index.js';

/**
 * Finds the cycles of a graph given its nodes and a dependency function: every strongly connected
 * component with two or more members, and every node that depends on itself. Each cycle is returned
 * with its members sorted (code-unit order) and the cycles are sorted by their first member, so the
 * result does not depend on insertion order. Iterative Tarjan: deep graphs do not overflow the stack.
 */
export function findCycles(nodes: Iterable<string>, dependencies: (id: string) => Iterable<string>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { id: string; it: Iterator<string> }[] = [];
    const enter = (id: string): void => {
      index.set(id, next);
      low.set(id, next);
      next++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, it: dependencies(id)[Symbol.iterator]() });
    };
    enter(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const step = frame.it.next();
      if (!step.done) {
        const d = step.value;
        if (!index.has(d)) enter(d);
        else if (onStack.has(d)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(d)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const comp: string[] = [];
        let m: string;
        do {
          m = stack.pop()!;
          onStack.delete(m);
          comp.push(m);
        } while (m !== frame.id);
        const selfLoop = comp.length === 1 && [...dependencies(frame.id)].includes(frame.id);
        if (comp.length > 1 || selfLoop) out.push(comp.sort(cmp));
      }
    }
  }
  return out.sort((a, b) => cmp(a[0]!, b[0]!));
}

/** Terraform's cycle error: summary `Cycle: a, b, c` with the members in the given (sorted) order. */
export function cycleDiagnostic(members: readonly string[], extra: Partial<Diagnostic> = {}): Diagnostic {
  return error(`Cycle: ${members.join(', ')}`, undefined, extra);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

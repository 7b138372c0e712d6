import { describe, expect, test } from 'vitest';
import { Dag, cycleDiagnostic, findCycles } from '../../src/graph/index.js';

/** Builds a graph from `a>b` edge strings (a depends on b) and lone node names. */
function build(spec: string): Dag {
  const g = new Dag();
  for (const part of spec.split(/\s+/).filter(Boolean)) {
    const [from, to] = part.split('>');
    if (to === undefined) g.addNode(from!);
    else g.addEdge(from!, to);
  }
  return g;
}

describe('Dag', () => {
  test.each([
    ['empty', '', []],
    ['chain', 'c>b b>a', []],
    ['two-cycle', 'a>b b>a', [['a', 'b']]],
    ['self loop', 'd>d e>f', [['d']]],
    ['three-cycle and separate two-cycle', 'z>y y>x x>z q>p p>q m>z', [['p', 'q'], ['x', 'y', 'z']]],
    ['diamond has none', 'd>b d>c b>a c>a', []],
  ])('cycles: %s', (_name, spec, want) => {
    expect(build(spec).cycles()).toEqual(want);
  });

  test('cycle members are sorted whatever the insertion order', () => {
    const a = build('terraform_data.c>terraform_data.a terraform_data.a>terraform_data.b terraform_data.b>terraform_data.c');
    const b = build('terraform_data.a>terraform_data.b terraform_data.b>terraform_data.c terraform_data.c>terraform_data.a');
    expect(a.cycles()).toEqual(b.cycles());
    expect(cycleDiagnostic(a.cycles()[0]!).summary).toBe('Cycle: terraform_data.a, terraform_data.b, terraform_data.c');
  });

  test.each([
    ['chain', 'c>b b>a', ['a', 'b', 'c']],
    ['diamond', 'd>b d>c b>a c>a', ['a', 'b', 'c', 'd']],
    ['ties broken by id', 'x y>x w', ['w', 'x', 'y']],
    ['dependency before smaller id', 'a>z', ['z', 'a']],
  ])('topological order: %s', (_name, spec, want) => {
    const g = build(spec);
    expect(g.topologicalOrder()).toEqual(want);
    expect(g.reverseTopologicalOrder()).toEqual([...want].reverse());
  });

  test('topological order refuses a cycle', () => {
    expect(() => build('a>b b>a').topologicalOrder()).toThrow(/bug in minitf/);
  });

  test('every edge respects the order on a random graph', () => {
    const g = new Dag();
    let seed = 7;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 200; i++) g.addNode(`n${i}`);
    for (let i = 0; i < 600; i++) {
      const a = rnd(200);
      const b = rnd(200);
      if (a > b) g.addEdge(`n${a}`, `n${b}`);
    }
    const pos = new Map(g.topologicalOrder().map((id, i) => [id, i]));
    for (const e of g.edges()) expect(pos.get(e.to)!).toBeLessThan(pos.get(e.from)!);
  });

  test('removeNode drops its edges; reachability follows edges', () => {
    const g = build('c>b b>a d>c');
    expect([...g.transitiveDependencies('d')].sort()).toEqual(['a', 'b', 'c']);
    expect([...g.transitiveDependents('a')].sort()).toEqual(['b', 'c', 'd']);
    g.removeNode('b');
    expect(g.edges()).toEqual([{ from: 'd', to: 'c' }]);
    expect(g.dependents('a').size).toBe(0);
  });

  test('cycle search survives a very deep chain', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `n${i}`);
    const deps = (id: string): string[] => {
      const i = Number(id.slice(1));
      return i + 1 < ids.length ? [`n${i + 1}`] : ['n0'];
    };
    const cycles = findCycles(ids, deps);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(50_000);
  });
});
